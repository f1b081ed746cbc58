/**
 * Young-generation collections while the webhook is idle. A scavenge starts when an allocation finds the young
 * generation full, so without this every one lands inside a review — under the API server's bursts, inside a burst,
 * where each review behind it waits for the pause. When no review has been in flight for `delayMs`, the collector
 * looks at the young generation and, if the next busy period could fill it, collects it then (V8's minor GC, through
 * the `gc` function: src/serve/v8Gc.ts), when nothing waits and little survives.
 *
 * "Could fill it": V8 does not wait for the young generation to be full: once 80 % of it is used it posts a minor
 * collection as a task (`--minor-gc-task-trigger=80`, src/heap/minor-gc-job.cc), which runs at the event loop's next
 * turn, inside the busy period. So the collector collects once 70 % of the young generation is used (the 10 % left
 * before V8's trigger, 1.6 MB of the chart's 16 MiB, hold about twenty reviews), or earlier, from a quarter used, when
 * the room left before the trigger is less than `headroom` times the most a busy period allocated lately (a decaying
 * maximum of the growth measured between two idle checks in which V8 did not collect by itself). A scavenge costs
 * about the same whether it finds one review alive or none (measured: 1.4 ms each at load average 3–4, idle or not),
 * so collecting earlier than needed only adds pauses: at 70 %, idle collections are about 8/7 as many as V8's own
 * would have been (3.2 times for large busy periods). A long
 * busy period (autocannon's closed-loop connections saturate the webhook for a few hundred milliseconds every second)
 * still has V8's own collections inside it. Counting such a period as one that filled the young generation (so that
 * the next idle moment collects from a quarter used) was measured and left out: a slow client leaves gaps of a
 * millisecond inside the period, and collecting in them added pauses where 20 requests wait.
 */

/** The young generation (V8's new space), in bytes. */
export interface YoungGeneration {
  used: number;
  available: number;
}

export interface IdleGcOptions {
  /** Reads the young generation (v8.getHeapSpaceStatistics' `new_space`). */
  young: () => YoungGeneration;
  /** How many collections V8 has made by itself so far (any count that grows with each). */
  collectionsByV8: () => number;
  /** A minor collection, now. */
  collect: () => void;
  /** Whether a review is in flight. */
  busy: () => boolean;
  now: () => number;
  /** A one-shot timer (the webhook's is not unref()'d: src/serve/index.ts says why; stop() clears it). */
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** Called by stop() (what the collector's sources need released). */
  stopped?: () => void;
  /** Idle time before the check, ms (a burst's requests arrive within about a millisecond). Default 1. */
  delayMs?: number;
  /** Free room kept for this many of the largest recent busy periods. Default 2. */
  headroom?: number;
}

/** How fast the largest recent busy period is forgotten, per idle check. */
const PEAK_DECAY = 0.98;
/** The share of the young generation at which V8 posts its own minor collection (`--minor-gc-task-trigger`). */
export const V8_MINOR_TASK_TRIGGER = 0.8;
/** The least room kept before V8's trigger, as a share of the young generation: collect from 70 % used. */
const MIN_ROOM = 0.1;
/** Never collect a young generation less used than this share (a large busy period otherwise would every time). */
const MIN_USED = 0.25;

export class IdleCollector {
  private timer: unknown;
  private idleSince = 0;
  /** The young generation's use at the previous check (undefined: unknown, e.g. before the first). */
  private usedBefore: number | undefined;
  /** The most one busy period allocated lately, decaying. */
  private peak = 0;
  /** V8's own collections at the previous check. */
  private v8CollectionsBefore = 0;
  /** Collections made while idle. */
  collections = 0;
  private stopped = false;
  private readonly delayMs: number;
  private readonly headroom: number;

  constructor(private readonly options: IdleGcOptions) {
    this.delayMs = options.delayMs ?? 1;
    this.headroom = options.headroom ?? 2;
  }

  /** The last review in flight was answered: a check once the webhook has stayed idle for `delayMs`. */
  idle(): void {
    if (this.stopped) return;
    this.idleSince = this.options.now();
    if (this.timer === undefined) this.timer = this.options.setTimer(() => this.check(), this.delayMs);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== undefined) this.options.clearTimer(this.timer);
    this.timer = undefined;
    this.options.stopped?.();
  }

  private check(): void {
    this.timer = undefined;
    // A review is in flight: its end calls idle() again.
    if (this.options.busy()) return;
    // A review came and went since the timer was set: idle for the full delay from its end.
    const waited = this.options.now() - this.idleSince;
    if (waited < this.delayMs) {
      this.timer = this.options.setTimer(() => this.check(), this.delayMs - waited);
      return;
    }
    const { used, available } = this.options.young();
    const capacity = used + available;
    const v8Collections = this.options.collectionsByV8();
    // V8 collected by itself since the last check: what the busy period allocated is unknown.
    if (
      v8Collections === this.v8CollectionsBefore &&
      this.usedBefore !== undefined &&
      used >= this.usedBefore
    )
      this.peak = Math.max(used - this.usedBefore, this.peak * PEAK_DECAY);
    else this.peak *= PEAK_DECAY;
    this.v8CollectionsBefore = v8Collections;
    const room = V8_MINOR_TASK_TRIGGER * capacity - used;
    if (room < Math.max(this.headroom * this.peak, MIN_ROOM * capacity) && used >= MIN_USED * capacity) {
      this.options.collect();
      this.collections++;
      this.usedBefore = this.options.young().used;
    } else this.usedBefore = used;
  }
}
