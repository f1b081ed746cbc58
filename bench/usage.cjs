/**
 * Preloaded with `node --require ./bench/usage.cjs ...` by the whole-process benchmarks (CommonJS, so a process
 * that runs no ES module, like bin/aksguard.js, does not start Node's ES module loader for it): at exit, writes the
 * process's CPU time and peak resident set size as one JSON line to the file named by AKSGUARD_BENCH_USAGE.
 */
const { appendFileSync } = require('node:fs');

const file = process.env.AKSGUARD_BENCH_USAGE;
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKiB: usage.maxRSS })}\n`,
    );
  });
