import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';
import { realTimer, type Timer, TokenBucket } from '../http/rateLimit.js';
import { isRetryableStatus, retryDelay } from '../http/retry.js';
import type { KubeTarget } from './target.js';

export interface KubeClientOptions {
  /** Requests per second (client-side rate limit, as kubectl's `--qps`). Default 50. */
  qps?: number;
  /** Requests allowed at once above the rate (kubectl's `--burst`). Default 100. */
  burst?: number;
  /** Connections open at once. Default 6. */
  connections?: number;
  /** One request's limit in ms (the whole response read), then it is retried. Default 60,000. */
  requestTimeoutMs?: number;
  /** Retries of a request on 429, 5xx, a reset connection or a request timeout. Default 5. */
  maxRetries?: number;
  timer?: Timer;
}

export interface KubeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the reads cost, for the summary line and the benchmark. */
export interface KubeClientStats {
  requests: number;
  retries: number;
  /** Responses 429 (throttled by the API server's priority and fairness). */
  throttled: number;
  bytes: number;
  /** Time waiting for the client-side rate limit (ms, summed over requests). */
  rateLimitWaitMs: number;
  /** Time waiting for responses (ms, summed over requests; requests overlap). */
  responseWaitMs: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The request ran out of time: the scan's overall `--timeout` (not retried). */
/** One request's method, body and headers (`send`). */
export interface SendOptions {
  accept?: string;
  method?: HttpMethod;
  /** Of the body; default `application/json` (server-side apply: `application/apply-patch+yaml`). */
  contentType?: string;
  body?: unknown;
  signal?: AbortSignal;
  maxRetries?: number;
}

export class DeadlineError extends Error {}

/** A request failed after its retries; `status` is the last HTTP status, when there was one. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly body?: Buffer,
  ) {
    super(message);
  }
}

/**
 * HTTPS to one API server with what a well-behaved client does (client-go's rest client): keep-alive connections,
 * a token-bucket rate limit, retries with exponential backoff on 429 and 5xx honouring `Retry-After`, a per-request
 * timeout, credentials refreshed once after a 401 (an expired exec-plugin token). Credentials never appear in errors.
 */
export class KubeClient {
  readonly stats: KubeClientStats = {
    requests: 0,
    retries: 0,
    throttled: 0,
    bytes: 0,
    rateLimitWaitMs: 0,
    responseWaitMs: 0,
  };
  private readonly agent: Agent;
  private readonly limiter: TokenBucket;
  private readonly timer: Timer;
  private readonly requestTimeoutMs: number;
  private readonly maxRetries: number;

  constructor(
    readonly target: KubeTarget,
    options: KubeClientOptions = {},
  ) {
    this.timer = options.timer ?? realTimer;
    this.limiter = new TokenBucket(options.qps ?? 50, options.burst ?? 100, this.timer);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.maxRetries = options.maxRetries ?? 5;
    this.agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 6, ...target.tls });
  }

  /**
   * GET (or POST / PATCH / DELETE with a JSON body) `path`; resolves with any HTTP status the retries could not cure.
   * Every method used is idempotent (a server-side apply, a delete), so retrying it is safe.
   */
  async send(path: string, options: SendOptions = {}): Promise<KubeResponse> {
    const maxRetries = options.maxRetries ?? this.maxRetries;
    let refreshed = false;
    let refreshNow = false;
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) throw new DeadlineError('timed out');
      await this.limiter.take(options.signal).catch(() => {
        throw new DeadlineError('timed out');
      });
      this.stats.rateLimitWaitMs = this.limiter.waited;
      let response: KubeResponse | undefined;
      let failure: Error | undefined;
      try {
        response = await this.once(path, options, refreshNow);
        refreshNow = false;
      } catch (error) {
        if (options.signal?.aborted) throw new DeadlineError('timed out');
        failure = error as Error;
      }
      if (response?.status === 401 && !refreshed) {
        refreshed = true;
        refreshNow = true;
        continue;
      }
      if (response?.status === 429) this.stats.throttled++;
      const retryable =
        failure !== undefined || (response !== undefined && isRetryableStatus(response.status));
      if (!retryable || attempt >= maxRetries) {
        if (response) return response;
        throw new RequestError(`${failure!.message} (after ${attempt + 1} attempt(s))`);
      }
      this.stats.retries++;
      const wait = retryDelay(attempt, response?.headers['retry-after']);
      await this.timer.sleep(wait, options.signal).catch(() => {
        throw new DeadlineError('timed out');
      });
    }
  }

  /** GET a JSON document; a non-2xx status is a RequestError carrying the status. */
  async getJson(path: string, options: { accept?: string; signal?: AbortSignal } = {}): Promise<unknown> {
    const response = await this.send(path, options);
    if (response.status < 200 || response.status > 299)
      throw new RequestError(statusMessage(response), response.status, response.body);
    return parseJson(response.body, path);
  }

  /**
   * A watch (`?watch=1`): the API server streams one JSON event per line (`{"type":"ADDED","object":{...}}`) until it
   * closes the connection (its timeout) or `signal` aborts. Resolves when the stream ends; a non-200 status is a
   * RequestError with that status (410 Gone: the resourceVersion is too old, list again). A line over `maxLine`
   * bytes ends the watch with an error (bounded memory).
   */
  async watch(
    path: string,
    onEvent: (event: { type?: unknown; object?: unknown }) => void,
    options: { signal?: AbortSignal; maxLine?: number } = {},
  ): Promise<void> {
    const auth = await this.target.authHeaders(false);
    const url = new URL(this.target.server + path);
    const maxLine = options.maxLine ?? 16 * 1024 * 1024;
    this.stats.requests++;
    await new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        {
          agent: this.agent,
          method: 'GET',
          ...(options.signal ? { signal: options.signal } : {}),
          headers: { ...auth, Accept: 'application/json', 'User-Agent': 'aksguard' },
        },
        (res) => {
          if (res.statusCode !== 200) {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const response = {
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks),
              };
              reject(new RequestError(statusMessage(response), response.status, response.body));
            });
            return;
          }
          let pending = '';
          res.setEncoding('utf8');
          res.on('data', (text: string) => {
            pending += text;
            let newline = pending.indexOf('\n');
            while (newline >= 0) {
              const line = pending.slice(0, newline).trim();
              pending = pending.slice(newline + 1);
              if (line !== '') {
                let event: { type?: unknown; object?: unknown };
                try {
                  event = JSON.parse(line) as { type?: unknown; object?: unknown };
                } catch {
                  res.destroy(new Error('the watch sent a line that is not JSON'));
                  return;
                }
                try {
                  onEvent(event);
                } catch (error) {
                  res.destroy(error as Error);
                  return;
                }
              }
              newline = pending.indexOf('\n');
            }
            if (pending.length > maxLine) res.destroy(new Error('a watch event is larger than the limit'));
          });
          res.on('end', () => resolve());
          res.on('error', reject);
        },
      );
      req.on('error', (error) =>
        reject(options.signal?.aborted ? new DeadlineError('watch stopped') : error),
      );
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private async once(
    path: string,
    options: Omit<SendOptions, 'maxRetries'>,
    refresh: boolean,
  ): Promise<KubeResponse> {
    const auth = await this.target.authHeaders(refresh);
    const url = new URL(this.target.server + path);
    const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const started = this.timer.now();
    this.stats.requests++;
    try {
      return await new Promise<KubeResponse>((resolve, reject) => {
        const timeout = AbortSignal.timeout(this.requestTimeoutMs);
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
        const req = request(
          url,
          {
            agent: this.agent,
            method: options.method ?? 'GET',
            signal,
            headers: {
              ...auth,
              Accept: options.accept ?? 'application/json',
              'User-Agent': 'aksguard',
              ...(body
                ? { 'Content-Type': options.contentType ?? 'application/json', 'Content-Length': body.length }
                : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const data = Buffer.concat(chunks);
              this.stats.bytes += data.length;
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data });
            });
            res.on('error', reject);
          },
        );
        req.on('error', (error) => {
          reject(
            timeout.aborted
              ? new Error(`no complete response in ${this.requestTimeoutMs / 1000} s`)
              : new Error(networkMessage(error)),
          );
        });
        req.end(body);
      });
    } finally {
      this.stats.responseWaitMs += this.timer.now() - started;
    }
  }
}

function networkMessage(error: Error & { code?: string }): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ENOTFOUND') return 'the API server name does not resolve';
  if (error.code === 'ECONNRESET') return 'connection reset';
  if (error.code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(error.code))
    return `TLS: the API server's certificate is not trusted (${error.code})`;
  return error.code ?? error.message;
}

export function parseJson(body: Buffer, path: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RequestError(`${path}: the response is not JSON`);
  }
}

/** The API server's Status message (`pods is forbidden: User "x" cannot list ...`), or the HTTP status. */
export function statusMessage(response: KubeResponse): string {
  try {
    const status = JSON.parse(response.body.toString('utf8')) as { message?: unknown; reason?: unknown };
    if (typeof status.message === 'string' && status.message !== '')
      return `${response.status} ${status.message.slice(0, 300)}`;
    if (typeof status.reason === 'string') return `${response.status} ${status.reason}`;
  } catch {
    // not a Status object
  }
  return `HTTP ${response.status}`;
}
