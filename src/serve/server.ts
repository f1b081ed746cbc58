/**
 * The admission webhook's HTTPS server: `POST /validate` (AdmissionReview in, AdmissionReview out), `/healthz`,
 * `/readyz`, `/metrics`. Hostile requests are bounded and refused in the AdmissionReview form: bodies over the limit
 * (413, never buffered past it), wrong content types (415), malformed reviews (400), slow clients (Node's request and
 * header timeouts, checked every second). `shutdown` stops accepting, answers what is in flight, then closes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AdmissionEngine } from './engine.js';
import type { WebhookMetrics } from './metrics.js';
import { type AdmissionResponse, parseReview, reviewResponse } from './review.js';
import type { TlsPair } from './tls.js';

/**
 * The API server refuses request bodies over 3 MiB (`MaxRequestBodyBytes`); a review carries the object and, on
 * UPDATE, the old object, plus JSON overhead: 7 MiB covers both and bounds what one request may hold in memory.
 */
export const DEFAULT_MAX_BODY_BYTES = 7 * 1024 * 1024;

export interface WebhookServerOptions {
  engine: AdmissionEngine;
  tls: TlsPair;
  metrics: WebhookMetrics;
  /** Whether the webhook can judge (the namespace cache has synced). */
  ready: () => boolean;
  maxBodyBytes?: number;
  /** Time a client has to send a whole request (headers and body), ms. Default 10,000 (the API server's limit is 30 s). */
  requestTimeoutMs?: number;
  log?: (line: string) => void;
  /** Called when the last review in flight has been answered (the idle collector's cue, src/serve/idleGc.ts). */
  onIdle?: () => void;
}

export class WebhookServer {
  readonly server: Server;
  private shuttingDown = false;
  private inFlight = 0;
  private drained: (() => void) | undefined;
  private readonly maxBody: number;

  constructor(private readonly options: WebhookServerOptions) {
    this.maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const timeout = options.requestTimeoutMs ?? 10_000;
    this.server = createServer(
      {
        ...options.tls,
        minVersion: 'TLSv1.2',
        requestTimeout: timeout,
        headersTimeout: Math.min(timeout, 10_000),
        keepAliveTimeout: 65_000,
        connectionsCheckingInterval: 1000,
      },
      (req, res) => this.handle(req, res),
    );
    // A client that breaks TLS or HTTP framing is dropped without a word (there is no review to answer).
    this.server.on('tlsClientError', () => {});
    this.server.on('clientError', (_error, socket) => socket.destroy());
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Reviews being received or answered. */
  get reviewsInFlight(): number {
    return this.inFlight;
  }

  /** A renewed certificate for new connections (existing ones keep theirs until they close). */
  setTls(pair: TlsPair): void {
    this.server.setSecureContext({ ...pair, minVersion: 'TLSv1.2' });
  }

  /**
   * Graceful stop: not ready any more (so the endpoint is removed), no new connections, reviews in flight answered
   * for up to `drainMs`, then every connection closed.
   */
  async shutdown(drainMs = 20_000): Promise<void> {
    this.shuttingDown = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight > 0)
      await Promise.race([
        new Promise<void>((resolve) => {
          this.drained = resolve;
        }),
        new Promise<void>((resolve) => setTimeout(resolve, drainMs).unref()),
      ]);
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (this.shuttingDown) res.setHeader('Connection', 'close');
    if (path === '/validate') {
      this.validate(req, res);
      return;
    }
    if (req.method !== 'GET') {
      plain(res, 405, 'method not allowed\n');
      return;
    }
    if (path === '/healthz') plain(res, 200, 'ok\n');
    else if (path === '/readyz')
      this.options.ready() && !this.shuttingDown ? plain(res, 200, 'ok\n') : plain(res, 503, 'not ready\n');
    else if (path === '/metrics') {
      this.options.metrics.inFlight = this.inFlight;
      send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', this.options.metrics.text());
    } else plain(res, 404, 'not found\n');
  }

  /**
   * Refuses a request in the AdmissionReview form, and stops reading it: what was not read is not kept, and the
   * connection is not reused.
   */
  private refuse(req: IncomingMessage, res: ServerResponse, code: number, message: string): void {
    this.options.metrics.observe(0, 'refused');
    res.setHeader('Connection', 'close');
    sendJson(res, code, reviewResponse('admission.k8s.io/v1', refusal('', code, message)), () =>
      req.destroy(),
    );
  }

  /** A review no longer in flight (once, however its exchange ends). */
  private finish(exchange: { finished: boolean }): void {
    if (exchange.finished) return;
    exchange.finished = true;
    this.inFlight--;
    if (this.inFlight === 0) {
      this.drained?.();
      this.options.onIdle?.();
    }
  }

  // Methods rather than closures named per request (the bundle's keepNames names each by defineProperty): only the
  // handlers Node calls back are made per request.
  private validate(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') {
      this.refuse(req, res, 405, 'POST an AdmissionReview to /validate');
      return;
    }
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(type)) {
      this.refuse(
        req,
        res,
        415,
        `the AdmissionReview must be sent as application/json (got ${JSON.stringify(type.slice(0, 60))})`,
      );
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBody) {
      this.refuse(req, res, 413, `the request body is over the limit of ${this.maxBody} bytes`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    this.inFlight++;
    const exchange = { finished: false };
    // However the exchange ends (answered, client gone), it is no longer in flight.
    res.on('close', () => this.finish(exchange));
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > this.maxBody) {
        over = true;
        chunks.length = 0;
        this.finish(exchange);
        this.refuse(req, res, 413, `the request body is over the limit of ${this.maxBody} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      over = true;
      this.finish(exchange);
    });
    req.on('end', () => {
      if (over) return;
      const started = performance.now();
      let status = 200;
      let body: string;
      let outcome: 'allowed' | 'denied' | 'refused';
      // A review usually arrives in one chunk (one TLS record holds 16 KiB): decoded where it is, not copied first.
      const received = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      const parsed = parseReview(received.toString('utf8'));
      chunks.length = 0;
      if (!parsed.ok) {
        status = parsed.code;
        outcome = 'refused';
        body = reviewResponse(parsed.apiVersion, refusal(parsed.uid, parsed.code, parsed.message));
      } else {
        try {
          const decision = this.options.engine.review(parsed.request);
          for (const { finding, mode } of decision.findings)
            this.options.metrics.finding(finding.ruleId, mode);
          outcome = decision.response.allowed ? 'allowed' : 'denied';
          body = reviewResponse(
            parsed.apiVersion,
            { uid: parsed.request.uid, ...decision.response },
            decision.warningsJson,
          );
        } catch (error) {
          // An internal error is not a verdict: HTTP 500 lets the API server apply the failure policy.
          status = 500;
          outcome = 'refused';
          this.options.log?.(
            `aksguard serve: internal error on review ${parsed.request.uid}: ${(error as Error).message}`,
          );
          body = reviewResponse(
            parsed.apiVersion,
            refusal(parsed.request.uid, 500, 'aksguard failed to judge the object'),
          );
        }
      }
      sendJson(res, status, body, () => {
        this.options.metrics.observe((performance.now() - started) / 1000, outcome);
        this.finish(exchange);
      });
    });
  }
}

function refusal(uid: string, code: number, message: string): AdmissionResponse {
  return { uid, allowed: false, status: { code, message: `aksguard: ${message}` } };
}

/**
 * A whole answer in one write with its length: `writeHead` before the body is known would otherwise frame every
 * answer as chunked (Node stores the header at `writeHead`), an extra framing the API server's client has to undo.
 * ASCII text (UTF-8 as long as it is long) is copied as Latin-1, byte for byte the same, instead of encoded. A Buffer
 * rather than the text itself: Node would join the text to the header into a new string (~2.5 KB more garbage per
 * review, measured with the heap sampler over 4,000 reviews).
 */
function send(res: ServerResponse, status: number, type: string, text: string, written?: () => void): void {
  const length = Buffer.byteLength(text, 'utf8');
  const body = Buffer.from(text, length === text.length ? 'latin1' : 'utf8');
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': length });
  res.end(body, written);
}

function sendJson(res: ServerResponse, status: number, text: string, written?: () => void): void {
  send(res, status, 'application/json', text, written);
}

function plain(res: ServerResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text);
}
