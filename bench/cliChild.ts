/**
 * The CLI in a process of its own, for benchmarks: runs `main` with the arguments and, at exit, writes its peak
 * resident set size and CPU time to standard error as one JSON line.
 */
import { main } from '../src/cli/main.js';

process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(
    `${JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) })}\n`,
  );
});
process.exitCode = await main(process.argv.slice(2));
