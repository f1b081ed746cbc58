/**
 * What the webhook's load test measures inside each process, besides the client's latency: how late its event loop
 * ran (a request that arrives while the loop is busy waits that long before it is read), and the quantiles of a set
 * of durations. Milliseconds throughout.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Quantiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** What the webhook process saw during one load (bench/webhook/probe.mjs). */
export interface StageStats {
  /** Event-loop delay: how late a 1 ms timer fired. */
  loop: Quantiles;
  gc: {
    count: number;
    totalMs: number;
    maxMs: number;
    majorCount: number;
    /** Minor collections the webhook's idle collector made (forced). */
    idleCount: number;
    /** Pauses that began while a review was in flight, and their total (ms). */
    inReviewCount: number;
    inReviewMs: number;
  };
  /** The webhook's own time per review (ms), from the request's headers parsed to the response written. */
  handled: number[];
  /** TCP connections accepted, each with a TLS handshake (keep-alive clients open theirs once). */
  connections: number;
}

/** The quantile of sorted values as the nearest rank (the smallest value with at least q of them at or below). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export function quantiles(values: number[]): Quantiles {
  const sorted = values.sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** The event-loop delay since the last reset (a 1 ms timer: the finest the histogram samples). */
function lateness(intervalNs: number): number {
  return Math.max(0, intervalNs / 1e6 - 1);
}

export function loopDelay(): { read(): Quantiles; reset(): void } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  return {
    // Nanoseconds between the timer's runs (Node 20 records the interval, not the lateness): the period is not delay.
    read: () => ({
      count: histogram.count,
      p50: lateness(histogram.percentile(50)),
      p99: lateness(histogram.percentile(99)),
      max: lateness(histogram.max),
    }),
    reset: () => histogram.reset(),
  };
}
