/**
 * Webhook load test (issue 14): `aksguard serve` on 127.0.0.1 (its own process) answering realistic AdmissionReviews
 * — the Deployments of the AKS store demo and the Pods their ReplicaSets create, as the API server sends them
 * (defaults, service account volumes, owner references) — at a fixed 200, 500 and 1,000 requests/s from autocannon,
 * over TLS with keep-alive connections as the API server keeps them. Prints p50, p99 and max latency, the throughput
 * reached, errors, and the webhook's memory at the start and end of each rate (flat memory: no growth).
 * The same rates are then sent with independent arrivals (bench/webhook/poisson.ts): autocannon's timers fire every
 * connection together, the worst case of bursts; object creations reaching a webhook arrive independently.
 * `node --import tsx bench/webhook.ts [--seconds N]` (default 10 s per rate; the figures in the README are 60 s).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { realisticCluster } from '../test/fakes/cluster.js';
import { startFakeKubeApi } from '../test/fakes/kubeApiServer.js';
import { poissonLoad } from './webhook/poisson.js';

const secondsFlag = process.argv.indexOf('--seconds');
const SECONDS = secondsFlag > 0 ? Number(process.argv[secondsFlag + 1]) : 10;
const RATES = [200, 500, 1000];
/** Connections the load generator keeps open (the API server keeps several to a webhook). */
const CONNECTIONS = 20;

function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** AdmissionReviews of the demo's Deployments and of the Pods their ReplicaSets made. */
function reviews(): string[] {
  const state = realisticCluster();
  const out: string[] = [];
  for (const stored of state.objects) {
    if (stored.namespace !== 'pets' || !['Deployment', 'Pod'].includes(stored.info.kind)) continue;
    const { group, version, kind, resource } = stored.info;
    const object = { apiVersion: apiVersionOf(group, version), kind, ...stored.body };
    out.push(
      JSON.stringify({
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: {
          uid: `bench-${out.length}`,
          kind: { group, version, kind },
          resource: { group, version, resource },
          requestKind: { group, version, kind },
          requestResource: { group, version, resource },
          name: stored.name,
          namespace: stored.namespace,
          operation: 'CREATE',
          userInfo:
            kind === 'Pod'
              ? { username: 'system:serviceaccount:kube-system:replicaset-controller' }
              : { username: 'alice@contoso.com', groups: ['system:authenticated'] },
          object,
          oldObject: null,
          dryRun: false,
          options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
        },
      }),
    );
  }
  return out;
}

type Buckets = Map<number, number>;

/** The webhook's own latency histogram (cumulative buckets of /metrics). */
async function serverHistogram(port: number): Promise<Buckets> {
  const { request } = await import('node:https');
  const text = await new Promise<string>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/metrics', rejectUnauthorized: false, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
  const buckets: Buckets = new Map();
  for (const match of text.matchAll(
    /^aksguard_admission_review_duration_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm,
  ))
    buckets.set(match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]), Number(match[2]));
  return buckets;
}

function bucketDelta(before: Buckets, after: Buckets): Buckets {
  const out: Buckets = new Map();
  for (const [bound, count] of after) out.set(bound, count - (before.get(bound) ?? 0));
  return out;
}

/** The smallest bucket bound holding the quantile (ms). */
function quantile(buckets: Buckets, q: number): string {
  const total = buckets.get(Number.POSITIVE_INFINITY) ?? 0;
  for (const [bound, count] of [...buckets].sort((a, b) => a[0] - b[0]))
    if (count >= q * total) return bound === Number.POSITIVE_INFINITY ? '>30000' : String(bound * 1000);
  return '-';
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const api = await startFakeKubeApi(realisticCluster());
  const dir = mkdtempSync(join(tmpdir(), 'aksguard-bench-webhook-'));
  const kubeconfig = api.writeKubeconfig(join(dir, 'kubeconfig'));
  const child = fork(fileURLToPath(new URL('./webhook/server.ts', import.meta.url)), [kubeconfig], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let latest = { rss: 0, heapUsed: 0, cpuMs: 0 };
  let collected: ((memory: { rss: number; heapUsed: number; cpuMs: number }) => void) | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    child.on(
      'message',
      (message: { port?: number; gc?: boolean; rss: number; heapUsed: number; cpuMs: number }) => {
        latest = { rss: message.rss, heapUsed: message.heapUsed, cpuMs: message.cpuMs };
        if (message.gc) collected?.(latest);
        if (message.port) resolve(message.port);
      },
    );
    child.on('exit', (code) => reject(new Error(`the webhook exited (${code})`)));
  });
  const bodies = reviews();
  const requests = bodies.map((body) => ({
    method: 'POST',
    path: '/validate',
    body,
    headers: { 'content-type': 'application/json' },
  }));
  const sizes = bodies.map((body) => Buffer.byteLength(body));
  console.log(
    `Webhook load test: ${bodies.length} AdmissionReviews (Deployments and Pods of the AKS store demo, ${Math.min(...sizes)}–${Math.max(...sizes)} bytes), TLS keep-alive, ${CONNECTIONS} connections, ${SECONDS} s per rate, webhook in its own process`,
  );
  /** The webhook's memory after a full garbage collection: what it holds, not what it has not collected yet. */
  const heapAfterGc = () =>
    new Promise<{ rss: number; heapUsed: number; cpuMs: number }>((resolve) => {
      collected = resolve;
      child.send('gc');
    });
  console.log(
    'rate/s  sent     done/s   p50 ms  p99 ms  max ms  errors  non-2xx  server p50/p99 ≤ ms  RSS start → end  heap after GC  CPU ms/review',
  );
  // The self-signed certificate of the webhook: this process only.
  const tlsOptions = { rejectUnauthorized: false };
  // Warm-up: JIT and connections.
  await autocannon({
    url: `https://127.0.0.1:${port}/validate`,
    connections: CONNECTIONS,
    duration: 2,
    overallRate: 500,
    tlsOptions,
    requests,
  });
  for (const rate of RATES) {
    const metricsBefore = await serverHistogram(port);
    const before = await heapAfterGc();
    const result = await autocannon({
      url: `https://127.0.0.1:${port}/validate`,
      connections: CONNECTIONS,
      duration: SECONDS,
      overallRate: rate,
      // autocannon's correction back-fills 1 ms steps below every response slower than 1 / rate-per-connection,
      // which at these rates turns one slow response into many; latency is measured from each request's send.
      ignoreCoordinatedOmission: true,
      tlsOptions,
      requests,
    });
    const after = await heapAfterGc();
    const server = bucketDelta(metricsBefore, await serverHistogram(port));
    const done = result.requests.total;
    console.log(
      [
        String(rate).padEnd(6),
        String(result.requests.sent ?? done).padEnd(8),
        (done / SECONDS).toFixed(0).padEnd(8),
        result.latency.p50.toFixed(2).padEnd(7),
        result.latency.p99.toFixed(2).padEnd(7),
        result.latency.max.toFixed(2).padEnd(7),
        String(result.errors + result.timeouts).padEnd(7),
        String(result.non2xx).padEnd(8),
        `${quantile(server, 0.5)}/${quantile(server, 0.99)}`.padEnd(19),
        `${mb(before.rss)} → ${mb(after.rss)}`.padEnd(16),
        `${mb(before.heapUsed)} → ${mb(after.heapUsed)}`.padEnd(13),
        // CPU time of the webhook per review (user + system, GC included): what the machine's load does not change.
        ((after.cpuMs - before.cpuMs) / done).toFixed(2),
      ].join(' '),
    );
  }
  // The same rates with independent arrivals (a Poisson process), as object creations reach a webhook.
  console.log(
    `Independent arrivals (Poisson process, at most ${CONNECTIONS} keep-alive connections; latency from each request's scheduled time):`,
  );
  console.log(
    'rate/s  sent     done/s   p50 ms  p99 ms  max ms  errors  non-2xx  server p50/p99 ≤ ms  CPU ms/review',
  );
  for (const rate of RATES) {
    const metricsBefore = await serverHistogram(port);
    const before = await heapAfterGc();
    const result = await poissonLoad({ port, rate, seconds: SECONDS, connections: CONNECTIONS, bodies });
    const after = await heapAfterGc();
    const server = bucketDelta(metricsBefore, await serverHistogram(port));
    console.log(
      [
        String(rate).padEnd(6),
        String(result.sent).padEnd(8),
        (result.done / SECONDS).toFixed(0).padEnd(8),
        result.p50.toFixed(2).padEnd(7),
        result.p99.toFixed(2).padEnd(7),
        result.max.toFixed(2).padEnd(7),
        String(result.errors).padEnd(7),
        String(result.non2xx).padEnd(8),
        `${quantile(server, 0.5)}/${quantile(server, 0.99)}`.padEnd(19),
        ((after.cpuMs - before.cpuMs) / Math.max(1, result.done)).toFixed(2),
      ].join(' '),
    );
  }
  child.send('stop');
  await new Promise((resolve) => child.on('exit', resolve));
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
