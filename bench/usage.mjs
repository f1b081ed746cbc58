/**
 * Preloaded with `node --import ./bench/usage.mjs ...` by the whole-process benchmarks: at exit, writes the
 * process's CPU time and peak resident set size as one JSON line to the file named by AKSGUARD_BENCH_USAGE.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.AKSGUARD_BENCH_USAGE;
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKiB: usage.maxRSS })}\n`,
    );
  });
