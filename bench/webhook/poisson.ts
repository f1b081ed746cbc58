/**
 * A load generator with independent arrivals: requests are sent at exponentially distributed intervals (a Poisson
 * process at the given rate), as objects created by many clients reach the API server and its webhooks, over at most
 * `connections` TLS keep-alive sockets. autocannon's fixed rate fires every connection's timer together (bursts of
 * one request per connection); this is the other end. Latency is measured from each request's scheduled time, so a
 * late client or a queue in front of the webhook counts (no coordinated omission), at sub-millisecond resolution.
 */
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { prng } from '../rbac/generate.js';
import { quantile } from './stats.js';

export interface PoissonResult {
  sent: number;
  done: number;
  errors: number;
  non2xx: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  max: number;
}

export async function poissonLoad(options: {
  port: number;
  rate: number;
  seconds: number;
  connections: number;
  bodies: readonly string[];
}): Promise<PoissonResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, rejectUnauthorized: false });
  const next = prng(0x5eed);
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let non2xx = 0;
  let inFlight = 0;
  const start = performance.now();
  const end = start + options.seconds * 1000;
  let scheduled = start;
  await new Promise<void>((resolve) => {
    const finishIfDone = () => {
      if (scheduled >= end && inFlight === 0) resolve();
    };
    const send = (body: string, at: number) => {
      sent++;
      inFlight++;
      const done = (ok: boolean, status = 200) => {
        inFlight--;
        if (!ok) errors++;
        else if (status < 200 || status >= 300) non2xx++;
        else latencies.push(performance.now() - at);
        finishIfDone();
      };
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: options.port,
          path: '/validate',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(true, res.statusCode ?? 0));
          res.on('error', () => done(false));
        },
      );
      req.on('error', () => done(false));
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (scheduled <= now && scheduled < end) {
        send(options.bodies[sent % options.bodies.length] as string, scheduled);
        scheduled += (-Math.log(1 - next()) * 1000) / options.rate;
      }
      if (scheduled < end) setTimeout(tick, Math.max(0, scheduled - performance.now()));
      else finishIfDone();
    };
    tick();
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent,
    done: latencies.length + non2xx,
    errors,
    non2xx,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}
