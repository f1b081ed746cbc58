/**
 * Whole processes measured for the benchmarks that compare aksguard with another program (the js-yaml parse floor,
 * @monokle/validation): each run is one `node` process preloaded with `usage.mjs`, which reports its CPU time and
 * peak RSS at exit. aksguard runs as users run it, `bin/aksguard.js` over the `dist/` build (no TypeScript loader
 * charged), rebuilt first when a file under `src/` is newer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = fileURLToPath(new URL('./usage.mjs', import.meta.url));
export const AKSGUARD_BIN = join(ROOT, 'bin', 'aksguard.js');

export interface ProcessRun {
  cpuMs: number;
  maxRssKiB: number;
  wallMs: number;
  status: number | null;
  stdout: string;
}

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

/** Runs `node ARGS` in `cwd` and returns its own CPU time and peak RSS (standard output kept when `keepOutput`). */
export function runProcess(args: readonly string[], cwd: string, keepOutput = false): ProcessRun {
  const scratch = mkdtempSync(join(tmpdir(), 'aksguard-usage-'));
  const file = join(scratch, 'usage.jsonl');
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--import', USAGE, ...args], {
      cwd,
      env: { ...process.env, AKSGUARD_BENCH_USAGE: file },
      stdio: ['ignore', keepOutput ? 'pipe' : 'ignore', 'inherit'],
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    const wallMs = performance.now() - started;
    const usage = JSON.parse(readFileSync(file, 'utf8').trim()) as { cpuMs: number; maxRssKiB: number };
    return { ...usage, wallMs, status: result.status, stdout: keepOutput ? result.stdout : '' };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface Spread {
  min: number;
  median: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median };
}

/** `min/median` of CPU milliseconds as seconds, e.g. `2.61/2.70 s`. */
export function formatSpread(s: Spread): string {
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
