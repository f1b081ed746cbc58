/**
 * Whole processes measured for the benchmarks that compare aksguard with another program (the js-yaml parse floor,
 * @monokle/validation): each run is one `node` process preloaded with `usage.cjs`, which reports its CPU time and
 * peak RSS at exit. aksguard runs as users run it, `bin/aksguard.js` over the `dist/` build (no TypeScript loader
 * charged), rebuilt first when a file under `src/` is newer. Runs and statistics are the table's (table/measure.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ProcessRun, ROOT, type Stats } from './table/measure.js';

export const AKSGUARD_BIN = join(ROOT, 'bin', 'aksguard.js');

function newestMtime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds `dist/` (npm run build) when it is missing or older than `src/`. */
export function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  console.log('  (building dist/ for the whole-process runs: npm run build)');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}

/** `min/median` of CPU milliseconds as seconds, e.g. `2.61/2.70 s`. */
export function formatSpread(s: Stats): string {
  return `${(s.min / 1000).toFixed(2)}/${(s.median / 1000).toFixed(2)} s`;
}

/** The highest peak RSS of the runs, e.g. `664 MiB`. */
export function peakRss(runs: readonly ProcessRun[]): string {
  return `${Math.max(...runs.map((r) => r.maxRssKiB / 1024)).toFixed(0)} MiB`;
}

/** The machine's load averages (the machine is shared: ratios measured in one run are the figures). */
export function loadNote(): string {
  try {
    const [one, five] = readFileSync('/proc/loadavg', 'utf8').split(' ');
    return `load average ${one} (1 min), ${five} (5 min)`;
  } catch {
    return 'load average unknown';
  }
}
