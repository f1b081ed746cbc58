/**
 * Whole-process measurements for the issue 16 table: each command runs as its own Node process with
 * `bench/usage.cjs` preloaded, which reports the process's CPU time and peak RSS at exit; wall time is measured
 * around it. Runs of the things compared alternate, so a load change on the shared machine hits both alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = fileURLToPath(new URL('../usage.cjs', import.meta.url));

/** CPU time (user + system) this process has used so far, in milliseconds: for in-process phase timings. */
export function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  status: number | null;
  stdout: string;
}

/** Runs `node [nodeArgs] script args` once; standard output is kept only when asked (else discarded). */
export function runNode(
  script: string,
  args: readonly string[],
  options: { nodeArgs?: readonly string[]; keepStdout?: boolean; cwd?: string } = {},
): ProcessRun {
  const scratch = mkdtempSync(join(tmpdir(), 'aksguard-usage-'));
  const usageFile = join(scratch, 'usage.jsonl');
  try {
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [...(options.nodeArgs ?? []), '--require', USAGE, script, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: { ...process.env, AKSGUARD_BENCH_USAGE: usageFile },
        stdio: ['ignore', options.keepStdout ? 'pipe' : 'ignore', 'pipe'],
        maxBuffer: 1024 * 1024 * 1024,
        encoding: 'utf8',
      },
    );
    const wallMs = performance.now() - started;
    let usage = { cpuMs: Number.NaN, maxRssKiB: Number.NaN };
    try {
      usage = JSON.parse(readFileSync(usageFile, 'utf8').trim().split('\n').pop()!);
    } catch {
      // The process died before its exit handler ran (out of memory): no usage line.
    }
    return { wallMs, ...usage, status: result.status, stdout: result.stdout ?? '' };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface Stats {
  min: number;
  median: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median };
}

/** Runs each measurement `runs` times, alternating between them; returns the values of each. */
export function alternate<K extends string>(
  runs: number,
  measures: Record<K, () => number>,
): Record<K, number[]> {
  const keys = Object.keys(measures) as K[];
  const values = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>;
  for (let run = 0; run < runs; run++) for (const key of keys) values[key].push(measures[key]());
  return values;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const minMedian = (s: Stats, unit: (value: number) => string = seconds): string =>
  `${unit(s.min)} / ${unit(s.median)}`;
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
