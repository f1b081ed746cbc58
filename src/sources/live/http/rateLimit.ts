/** Clock and sleep, injectable so tests of waits and timeouts run without waiting. */
export interface Timer {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realTimer: Timer = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timeout = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timeout);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Client-side rate limit as client-go's (`flowcontrol.NewTokenBucketRateLimiter(qps, burst)`, golang.org/x/time/rate):
 * a bucket of `burst` tokens, full at the start, refilled at `qps` per second; each request takes one.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Time spent waiting for a token, summed over requests (ms). */
  waited = 0;

  constructor(
    private readonly qps: number,
    private readonly burst: number,
    private readonly timer: Timer = realTimer,
  ) {
    if (!(qps > 0) || !(burst >= 1)) throw new RangeError('qps must be > 0 and burst >= 1');
    this.tokens = burst;
    this.last = timer.now();
  }

  /** Takes a token, waiting for one when the bucket is empty. Tokens are reserved in call order. */
  async take(signal?: AbortSignal): Promise<void> {
    const now = this.timer.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const wait = (-this.tokens / this.qps) * 1000;
    this.waited += wait;
    await this.timer.sleep(wait, signal);
  }
}
