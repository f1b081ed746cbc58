/**
 * When to retry and how long to wait, as client-go's rest client does (`k8s.io/client-go/rest/request.go`
 * `checkWait`/`retryAfterSeconds`, `IsRetryableResponse`): 429 and the 5xx statuses a busy or restarting API server
 * sends are retried, waiting what `Retry-After` says; without it, exponential backoff with jitter.
 */
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE.has(status);
}

/** Base and cap of the backoff (ms): 0.5 s, 1 s, 2 s, ... at most 16 s. */
const BASE_MS = 500;
const CAP_MS = 16_000;
/** The longest `Retry-After` honoured (s); a server asking for more still gets retried after this. */
const MAX_RETRY_AFTER_S = 60;

/**
 * Milliseconds before retry number `attempt` (0-based): the server's `Retry-After` (delta-seconds or an HTTP date)
 * when it sends one, else full-jitter exponential backoff.
 */
export function retryDelay(
  attempt: number,
  retryAfter: string | string[] | undefined,
  random: () => number = Math.random,
  now: () => number = Date.now,
): number {
  const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  if (header !== undefined) {
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_RETRY_AFTER_S) * 1000;
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.min(Math.max(0, date - now()), MAX_RETRY_AFTER_S * 1000);
  }
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
