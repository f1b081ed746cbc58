import { lazyRequire } from '../../lazyRequire.js';

/**
 * Loaded when a renderer first runs: most scans render no chart, and node:child_process (which loads net and dgram)
 * is a few milliseconds and ~200 KB of heap of a one-file scan's start-up otherwise.
 */
const childProcess = lazyRequire<typeof import('node:child_process')>('node:child_process');

/** Bounds of one renderer process: hostile charts can loop or print without end. */
export interface ProcessLimits {
  /** Milliseconds before the process is killed. */
  timeoutMs: number;
  /** Bytes of standard output kept; past it the process is killed and the render fails. */
  maxOutputBytes: number;
}

export const DEFAULT_PROCESS_LIMITS: ProcessLimits = { timeoutMs: 120_000, maxOutputBytes: 64 * 1024 * 1024 };

export type RunResult =
  | { ok: true; stdout: string; stderr: string }
  | { ok: false; reason: string; stderr: string; notFound?: boolean };

/**
 * Runs a program without a shell (arguments are never interpreted), with the given environment and bounds.
 * Never throws: a missing program, a non-zero exit, a timeout or too much output is a failed result.
 */
export function runProgram(
  program: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; limits?: ProcessLimits },
): Promise<RunResult> {
  const limits = options.limits ?? DEFAULT_PROCESS_LIMITS;
  return new Promise((resolvePromise) => {
    childProcess().execFile(
      program,
      [...args],
      {
        cwd: options.cwd,
        env: options.env,
        timeout: limits.timeoutMs,
        maxBuffer: limits.maxOutputBytes,
        encoding: 'utf8',
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolvePromise({ ok: true, stdout, stderr });
          return;
        }
        const failure = error as NodeJS.ErrnoException & {
          killed?: boolean;
          signal?: string;
          code?: unknown;
        };
        if (failure.code === 'ENOENT') {
          resolvePromise({ ok: false, reason: `${program} not found`, stderr: '', notFound: true });
        } else if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          resolvePromise({
            ok: false,
            reason: `output over the ${Math.round(limits.maxOutputBytes / (1024 * 1024))} MiB limit`,
            stderr,
          });
        } else if (failure.killed && failure.signal === 'SIGTERM') {
          resolvePromise({ ok: false, reason: `no result after ${limits.timeoutMs / 1000} s`, stderr });
        } else {
          resolvePromise({ ok: false, reason: firstLines(stderr) || failure.message, stderr });
        }
      },
    );
  });
}

/** The error lines a renderer printed, without Go's log prefixes, at most a few. */
export function firstLines(stderr: string, count = 4): string {
  return stderr
    .split('\n')
    .map((line) => line.replace(/^E\d{4} [\d:.]+\s+\d+ [\w.]+:\d+\] /, '').trim())
    .filter((line) => line !== '' && !/^(WARNING|walk\.go):/.test(line))
    .slice(0, count)
    .join('; ');
}

/** Runs tasks with at most `limit` at once, keeping the results in task order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
