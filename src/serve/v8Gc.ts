/**
 * V8's collector as the idle collector (src/serve/idleGc.ts) uses it: the young generation's size, and a minor
 * collection on demand. Node exposes `gc` only with `--expose-gc`, a flag the CLI cannot pass to its own process
 * without a re-exec; V8 reads it when it makes a context, so set at run time it gives the `gc` of a new context
 * (`vm.runInNewContext('gc')`), which collects the one heap of the isolate. `gc({ type: 'minor' })` is a scavenge
 * (V8's gc extension, src/extensions/gc-extension.cc, in Node 20's V8 11.3 and later).
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { YoungGeneration } from './idleGc.js';

type GcFunction = (options?: { type?: 'minor' | 'major' }) => void;

/** A minor collection, or undefined where this V8 does not give one. */
export function minorCollector(): (() => void) | undefined {
  let gc: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc');
    } catch {
      return undefined;
    } finally {
      // Contexts made later (none in the webhook) get no `gc`.
      setFlagsFromString('--no-expose-gc');
    }
  }
  if (typeof gc !== 'function') return undefined;
  const collect = gc as GcFunction;
  return () => collect({ type: 'minor' });
}

/** The young generation (V8's `new_space`) now; zeros where V8 does not name it. */
export function youngGeneration(): YoungGeneration {
  for (const space of getHeapSpaceStatistics())
    if (space.space_name === 'new_space')
      return { used: space.space_used_size, available: space.space_available_size };
  return { used: 0, available: 0 };
}

/**
 * Counts the collections V8 makes by itself (not forced by `gc()`), as Node reports them (`gc` performance entries,
 * delivered soon after each); `stop` disconnects.
 */
export function countV8Collections(): { count: () => number; stop: () => void } {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const flags = (entry as { detail?: { flags?: number } }).detail?.flags ?? 0;
      if ((flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) === 0) count++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { count: () => count, stop: () => observer.disconnect() };
}
