import assert from 'node:assert/strict';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { IdleCollector, type YoungGeneration } from '../../src/serve/idleGc.js';
import { minorCollector, youngGeneration } from '../../src/serve/v8Gc.js';

const MB = 1_000_000;

/** A fake clock, timers, young generation and server around one IdleCollector; `log` lists what it did. */
function harness(young: YoungGeneration) {
  let now = 0;
  let busy = false;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextTimer = 1;
  const log: string[] = [];
  const state = { young: { ...young }, v8Collections: 0 };
  const collector = new IdleCollector({
    young: () => ({ ...state.young }),
    collectionsByV8: () => state.v8Collections,
    collect: () => {
      log.push(`collect at ${now} (used ${state.young.used / MB} MB)`);
      // What a scavenge leaves: little alive.
      state.young = { used: 0.2 * MB, available: state.young.used + state.young.available - 0.2 * MB };
    },
    busy: () => busy,
    now: () => now,
    setTimer: (callback, ms) => {
      const id = nextTimer++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  return {
    collector,
    log,
    timers,
    /** Moves the clock, firing the timers that fall due, in order. */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
    /** A review: allocates `bytes` of the young generation, then (if `end`) is answered, the server idle. */
    review(bytes: number, end = true) {
      busy = true;
      state.young = { used: state.young.used + bytes, available: state.young.available - bytes };
      if (end) {
        busy = false;
        collector.idle();
      }
    },
    setBusy(value: boolean) {
      busy = value;
    },
    setYoung(value: YoungGeneration) {
      state.young = value;
    },
    /** V8 collects by itself (during a busy period). */
    v8Collects(used: number) {
      state.v8Collections++;
      state.young = { used, available: state.young.used + state.young.available - used };
    },
  };
}

describe('IdleCollector: young-generation collections between reviews', () => {
  it('collects once the webhook has been idle 1 ms with 70 % of the young generation used, not before', () => {
    const cases = [
      // [used before the review, the review's allocation, collected]
      { used: 1 * MB, allocation: 1 * MB, collected: false },
      { used: 8 * MB, allocation: 1 * MB, collected: false },
      { used: 10.5 * MB, allocation: 0.6 * MB, collected: false },
      { used: 10.7 * MB, allocation: 0.6 * MB, collected: true },
      { used: 12 * MB, allocation: 1 * MB, collected: true },
    ];
    for (const { used, allocation, collected } of cases) {
      const h = harness({ used, available: 16 * MB - used });
      h.review(allocation);
      h.advance(0.9);
      assert.deepEqual(h.log, [], `${used / MB} MB: nothing before 1 ms of idle`);
      h.advance(0.2);
      assert.equal(h.log.length, collected ? 1 : 0, `${used / MB} + ${allocation / MB} MB`);
      if (collected) assert.equal(h.log[0], `collect at 1 (used ${(used + allocation) / MB} MB)`);
    }
  });

  it('never collects while a review is in flight; the next answer arms it again', () => {
    const h = harness({ used: 11.5 * MB, available: 4.5 * MB });
    h.review(0.1 * MB);
    h.setBusy(true);
    h.advance(5);
    assert.deepEqual(h.log, []);
    assert.equal(h.timers.size, 0, 'no timer left running while busy');
    h.setBusy(false);
    h.collector.idle();
    h.advance(1);
    assert.deepEqual(h.log, ['collect at 6 (used 11.6 MB)']);
  });

  it('a review that comes and goes during the wait moves the check to 1 ms after its end; one timer at a time', () => {
    const h = harness({ used: 11.5 * MB, available: 4.5 * MB });
    h.review(0.1 * MB);
    h.advance(0.6);
    h.review(0.1 * MB);
    h.review(0.1 * MB);
    assert.equal(h.timers.size, 1);
    h.advance(0.5);
    assert.deepEqual(h.log, [], 'the first timer fired 0.4 ms after the last answer: too soon');
    h.advance(0.5);
    assert.deepEqual(h.log, ['collect at 1.6 (used 11.8 MB)']);
  });

  it('a large busy period makes it collect earlier (room for twice the largest), but never below a quarter used', () => {
    const h = harness({ used: 0.2 * MB, available: 15.8 * MB });
    // A first check sets the baseline, then a busy period of 3 MB: collect when the room before V8's own trigger
    // (80 % of 16 MB = 12.8 MB) is under 6 MB, i.e. from 6.8 MB used.
    h.review(0);
    h.advance(1);
    h.review(3 * MB);
    h.advance(1);
    assert.deepEqual(h.log, [], '3.2 MB used');
    h.review(3 * MB);
    h.advance(1);
    assert.deepEqual(h.log, [], '6.2 MB used: 6.6 MB of room');
    h.review(1 * MB);
    h.advance(1);
    assert.deepEqual(h.log, ['collect at 4 (used 7.2 MB)']);

    const big = harness({ used: 0.2 * MB, available: 15.8 * MB });
    big.review(0);
    big.advance(1);
    big.review(5 * MB);
    big.advance(1);
    assert.deepEqual(big.log, ['collect at 2 (used 5.2 MB)'], 'room 7.6 MB, under twice 5 MB');
    big.review(3 * MB);
    big.advance(1);
    assert.equal(
      big.log.length,
      1,
      '3.2 MB used: room 9.6 MB is under twice the peak, but under a quarter is used',
    );
    big.review(1 * MB);
    big.advance(1);
    assert.deepEqual(big.log.at(-1), 'collect at 4 (used 4.2 MB)');
  });

  it('a busy period during which V8 collected by itself tells nothing of its allocation', () => {
    const h = harness({ used: 0.2 * MB, available: 15.8 * MB });
    h.review(0);
    h.advance(1);
    // A long busy period: V8 collected inside it (twice), 5 MB are used at its end.
    h.v8Collects(1 * MB);
    h.v8Collects(1 * MB);
    h.review(4 * MB);
    h.advance(1);
    h.review(0.5 * MB);
    h.advance(1);
    // Peak 0.5 MB, not 4.8 (5 - 0.2): room 7.3 MB is over 1.6, and nothing is collected.
    assert.deepEqual(h.log, []);
  });

  it('without a collection by V8, a smaller use than at the last check is not growth', () => {
    const h = harness({ used: 6 * MB, available: 10 * MB });
    h.review(0);
    h.advance(1);
    h.setYoung({ used: 1 * MB, available: 15 * MB });
    h.review(0.5 * MB);
    h.advance(1);
    h.review(2 * MB);
    h.advance(1);
    // Peak 2 MB: room 12.8 - 3.5 = 9.3 MB is above 4 MB, and 3.5 MB is under a quarter used.
    assert.deepEqual(h.log, []);
  });

  it('stop() clears the pending check, and answers after it arm none', () => {
    const h = harness({ used: 12 * MB, available: 4 * MB });
    h.review(0.1 * MB);
    h.collector.stop();
    assert.equal(h.timers.size, 0);
    h.review(0.1 * MB);
    assert.equal(h.timers.size, 0);
    h.advance(10);
    assert.deepEqual(h.log, []);
    assert.equal(h.collector.collections, 0);
  });

  it('an unknown young generation (zero size) is never collected', () => {
    const h = harness({ used: 0, available: 0 });
    h.review(0);
    h.advance(2);
    h.review(0);
    h.advance(2);
    assert.deepEqual(h.log, []);
  });
});

describe("V8's young generation, as the idle collector reads and collects it", () => {
  it('a minor collection without --expose-gc, and no gc left to other code', async () => {
    const hadGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
    const collect = minorCollector();
    assert.ok(collect, 'Node 20 gives a minor collection');
    const seen: { kind: number; forced: boolean }[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const detail = (entry as { detail?: { kind: number; flags: number } }).detail ?? {
          kind: 0,
          flags: 0,
        };
        seen.push({
          kind: detail.kind,
          forced: (detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0,
        });
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    const garbage = Array.from({ length: 10_000 }, (_, i) => ({ i }));
    assert.equal(garbage.length, 10_000);
    const before = youngGeneration();
    collect();
    const after = youngGeneration();
    await new Promise((resolve) => setTimeout(resolve, 20));
    observer.disconnect();
    assert.ok(
      seen.some((gc) => gc.kind === constants.NODE_PERFORMANCE_GC_MINOR && gc.forced),
      `a forced minor collection: ${JSON.stringify(seen)}`,
    );
    assert.ok(
      !seen.some((gc) => gc.kind === constants.NODE_PERFORMANCE_GC_MAJOR && gc.forced),
      'not a full one',
    );
    assert.ok(before.used + before.available > 0, 'the young generation is found');
    assert.ok(after.used < before.used, `${after.used} < ${before.used}`);
    if (!hadGc) {
      assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'not exposed to the process');
      assert.equal(runInNewContext('typeof gc'), 'undefined', 'nor to contexts made later');
    }
  });
});
