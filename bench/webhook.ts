/**
 * Webhook load test (issue 14): `aksguard serve` on 127.0.0.1 as it ships (bin/aksguard.js over the build, in its own
 * process, with bench/webhook/probe.mjs preloaded to report from inside) answering realistic AdmissionReviews
 * — the Deployments of the AKS store demo and the Pods their ReplicaSets create, as the API server sends them
 * (defaults, service account volumes, owner references) — at a fixed 200, 500 and 1,000 requests/s from autocannon,
 * over TLS with keep-alive connections as the API server keeps them. Prints p50, p99 and max latency, the throughput
 * reached, errors, and the webhook's memory at the start and end of each rate (flat memory: no growth).
 * The same rates are then sent with independent arrivals (bench/webhook/poisson.ts). autocannon's `overallRate` is a
 * budget per connection and second, not a schedule: each connection sends its rate ÷ connections requests back to back
 * (the next when the previous is answered) from the start of each second, then waits for the next
 * (node_modules/autocannon/lib/httpClient.js, `reqsMadeThisSecond`, reset by a 1 s interval). So its "fixed rate" is
 * 20 closed-loop connections keeping the webhook saturated for the first few hundred milliseconds of every second
 * (a request waits for the 19 others ahead of it) and an idle rest: the worst case of bursts. Object creations reaching
 * a webhook arrive independently.
 * The load generator runs in a process of its own, and each process says what delayed it (bench/webhook/stats.ts):
 * the webhook's own time per review, its event-loop delay and garbage-collection pauses, and the generator's own
 * event-loop delay — a client-side p99 is read against them (what the webhook spent, what it queued, what the client
 * was late), with the machine's load average.
 * `node --import tsx bench/webhook.ts [--seconds N] [--rates R,R] [--arrivals bursts|independent] [--node-option=FLAG ...]`
 * (default 10 s per rate, rates 200,500,1000, both arrival patterns; the figures in the README are 60 s; the servers run with Node's flags of the chart's webhook command,
 * or those given with `--node-option`, `none` for none).
 * `--variant="FLAGS" --variant="FLAGS" [--rounds N]` compares node flags (space-separated, `none` for none; `bin:PATH`
 * runs the webhook of another build; a word
 * `serve:ARG` is an argument added to the webhook's `aksguard serve`, e.g. `serve:--idle-gc`): a webhook and a floor per
 * variant, all started at once, loaded in turn at each rate, the variants' order alternating round by
 * round (the machine's load hits them alike); rows are labelled `v1`, `v2` ... as listed at the start.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { selfSignedTls } from '../src/serve/tls.js';
import { admissionReviews } from '../test/fakes/admissionReviews.js';
import { realisticCluster } from '../test/fakes/cluster.js';
import { startFakeKubeApi } from '../test/fakes/kubeApiServer.js';
import type { LoadRequest, LoadResult } from './webhook/client.js';
import { webhookArgs } from './webhook/serveArgs.js';
import { quantiles, type StageStats } from './webhook/stats.js';
import { AKSGUARD_BIN, ensureBuilt } from './wholeProcess.js';

const secondsFlag = process.argv.indexOf('--seconds');
const SECONDS = secondsFlag > 0 ? Number(process.argv[secondsFlag + 1]) : 10;
/** `--rates 1000` (comma-separated) for a shorter run; the floor runs at the last. */
const ratesFlag = process.argv.indexOf('--rates');
const RATES = ratesFlag > 0 ? process.argv[ratesFlag + 1]!.split(',').map(Number) : [200, 500, 1000];
/** Connections the load generator keeps open (the API server keeps several to a webhook). */
const CONNECTIONS = 20;

interface ServerSample {
  rss: number;
  heapUsed: number;
  cpuMs: number;
  sample?: StageStats;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)}`;
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '-';
}

const HEAD =
  'rate/s         done/s  p50    p99    max     err  conns  webhook p50/p99/max   webhook loop p99/max  GC n/major/idle/in-review ms (max)  client loop p99/max  CPU/req webhook client  RSS MB   heap MB  load';

function row(
  label: string,
  seconds: number,
  result: LoadResult,
  before: ServerSample,
  after: ServerSample,
): string {
  const stats = after.sample as StageStats;
  const handled = quantiles(stats.handled);
  return [
    label.padEnd(14),
    (result.done / seconds).toFixed(0).padEnd(7),
    ms(result.p50).padEnd(6),
    ms(result.p99).padEnd(6),
    ms(result.max).padEnd(7),
    String(result.errors + result.non2xx).padEnd(4),
    String(stats.connections).padEnd(6),
    `${ms(handled.p50)}/${ms(handled.p99)}/${ms(handled.max)}`.padEnd(21),
    `${ms(stats.loop.p99)}/${ms(stats.loop.max)}`.padEnd(21),
    `${stats.gc.count}/${stats.gc.majorCount}/${stats.gc.idleCount}/${stats.gc.inReviewCount} ${stats.gc.totalMs.toFixed(0)} (${ms(stats.gc.maxMs)})`.padEnd(
      35,
    ),
    `${ms(result.loop.p99)}/${ms(result.loop.max)}`.padEnd(20),
    // CPU time per review (user + system, GC included): what the machine's load changes least.
    `${((after.cpuMs - before.cpuMs) / Math.max(1, result.done)).toFixed(2)}    ${result.cpuMsPerRequest.toFixed(2)}`.padEnd(
      23,
    ),
    `${mb(before.rss)}→${mb(after.rss)}`.padEnd(8),
    `${mb(before.heapUsed)}→${mb(after.heapUsed)}`.padEnd(8),
    loadavg()[0]!.toFixed(1),
  ].join(' ');
}

/** Node's flags in the chart's webhook command (values.yaml `webhook.command`: node, flags, script). */
function chartNodeFlags(): string[] {
  const values = parse(
    readFileSync(new URL('../deploy/helm/aksguard/values.yaml', import.meta.url), 'utf8'),
  ) as {
    webhook: { command?: string[] };
  };
  return (values.webhook.command ?? []).slice(1, -1);
}

/**
 * Flags for the servers' node processes (webhook and floor): as the chart runs the webhook, unless given with
 * `--node-option=FLAG` (repeatable; `--node-option=none` for none).
 */
const GIVEN_NODE_OPTIONS = process.argv
  .filter((arg) => arg.startsWith('--node-option='))
  .map((arg) => arg.slice(14));
const NODE_OPTIONS =
  GIVEN_NODE_OPTIONS.length === 0 ? chartNodeFlags() : GIVEN_NODE_OPTIONS.filter((flag) => flag !== 'none');

/**
 * What a variant changes: node's flags (both servers), arguments added to `aksguard serve` (the webhook), and which
 * build's `bin/aksguard.js` the webhook runs (default this tree's).
 */
interface Variant {
  nodeFlags: string[];
  serveArgs: string[];
  bin?: string;
}

/**
 * Variants compared in one run (`--variant="FLAGS"`, repeatable; a word `serve:ARG` is an argument of `aksguard serve`,
 * e.g. `serve:--idle-gc`; a word `bin:PATH` runs the webhook of another build, e.g. `bin:/tmp/old/bin/aksguard.js` for
 * an A/B against main built beside this tree); one, NODE_OPTIONS, without it.
 */
const GIVEN_VARIANTS = process.argv
  .filter((arg) => arg.startsWith('--variant='))
  .map((arg): Variant => {
    const words = arg
      .slice(10)
      .split(' ')
      .filter((word) => word !== '' && word !== 'none');
    const bin = words.find((word) => word.startsWith('bin:'))?.slice(4);
    return {
      nodeFlags: words.filter((word) => !word.startsWith('serve:') && !word.startsWith('bin:')),
      serveArgs: words.filter((word) => word.startsWith('serve:')).map((word) => word.slice(6)),
      ...(bin !== undefined ? { bin } : {}),
    };
  });
const VARIANTS: Variant[] =
  GIVEN_VARIANTS.length === 0 ? [{ nodeFlags: NODE_OPTIONS, serveArgs: [] }] : GIVEN_VARIANTS;

function describeVariant({ nodeFlags, serveArgs, bin }: Variant): string {
  return [
    nodeFlags.join(' ') || 'none',
    ...(serveArgs.length > 0 ? [`serve ${serveArgs.join(' ')}`] : []),
    ...(bin !== undefined ? [`webhook ${bin}`] : []),
  ].join(', ');
}
const arrivalsFlag = process.argv.indexOf('--arrivals');
/** `--arrivals independent` (or `bursts`) for one arrival pattern; both by default. */
const ARRIVALS = (
  arrivalsFlag > 0 ? (process.argv[arrivalsFlag + 1] ?? '').split(',') : ['bursts', 'independent']
) as ('bursts' | 'independent')[];
for (const arrivals of ARRIVALS)
  if (arrivals !== 'bursts' && arrivals !== 'independent')
    throw new Error(`--arrivals: bursts or independent, not ${JSON.stringify(arrivals)}`);
const roundsFlag = process.argv.indexOf('--rounds');
/** How many times each load runs (the variants' order alternating). */
const ROUNDS = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 1;

interface Server {
  child: ChildProcess;
  port: number;
  /** What the server saw since the previous sample, then its memory after a full collection. */
  sample(): Promise<ServerSample>;
  stop(): Promise<void>;
}

/** A server process with the probe preloaded; its port read from the line `aksguard serve` logs. */
async function startServer(
  module: string,
  args: string[],
  nodeOptions: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Server> {
  const child = fork(module, args, {
    execArgv: [
      '--expose-gc',
      '--import',
      fileURLToPath(new URL('./webhook/probe.mjs', import.meta.url)),
      ...nodeOptions,
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const listening = /^aksguard serve: listening on https:\/\/[^/]+:(\d+)\//.exec(line);
      if (listening) resolve(Number(listening[1]));
      else if (!line.startsWith('aksguard serve: stopping')) process.stderr.write(`${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`${module} exited (${code})`)));
  });
  let collected: ((sample: ServerSample) => void) | undefined;
  child.on('message', (message: ServerSample) => {
    if (message.sample) collected?.(message);
  });
  return {
    child,
    port,
    sample: () =>
      new Promise((resolve) => {
        collected = resolve;
        child.send('sample');
      }),
    async stop() {
      child.send('stop');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const api = await startFakeKubeApi(realisticCluster());
  const dir = mkdtempSync(join(tmpdir(), 'aksguard-bench-webhook-'));
  const kubeconfig = api.writeKubeconfig(join(dir, 'kubeconfig'));
  ensureBuilt();
  const { cert, key } = await selfSignedTls({ service: 'aksguard-webhook', namespace: 'aksguard' });
  // Per variant: `aksguard serve` as the chart runs it (warn, high and critical enforced), the shipped CLI, and the floor.
  const servers: { webhook: Server; floor: Server; label: string }[] = [];
  for (const [index, variant] of VARIANTS.entries())
    servers.push({
      webhook: await startServer(
        variant.bin ?? AKSGUARD_BIN,
        [...webhookArgs(kubeconfig), ...variant.serveArgs],
        variant.nodeFlags,
      ),
      floor: await startServer(
        fileURLToPath(new URL('./webhook/floor.mjs', import.meta.url)),
        [],
        variant.nodeFlags,
        {
          AKSGUARD_FLOOR_TLS: JSON.stringify({ cert, key }),
        },
      ),
      label: VARIANTS.length > 1 ? ` v${index + 1}` : '',
    });
  const client = fork(fileURLToPath(new URL('./webhook/client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise((resolve) => client.once('message', resolve));
  const load = (request: LoadRequest) =>
    new Promise<LoadResult>((resolve) => {
      client.once('message', resolve);
      client.send(request);
    });
  const bodies = admissionReviews();
  const sizes = bodies.map((body) => Buffer.byteLength(body));
  console.log(
    `Webhook load test: ${bodies.length} AdmissionReviews (Deployments and Pods of the AKS store demo, ${Math.min(...sizes)}–${Math.max(...sizes)} bytes), TLS keep-alive, ${CONNECTIONS} connections, ${SECONDS} s per rate; servers' node flags: ${VARIANTS.map((variant, index) => `${VARIANTS.length > 1 ? `v${index + 1} ` : ''}${describeVariant(variant)}`).join('; ')}${ROUNDS > 1 ? `; ${ROUNDS} rounds` : ''}; webhook, load generator and bench in three processes; load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} at the start`,
  );
  console.log(
    "Latencies in ms. conns: connections the webhook accepted during the load (each a TLS handshake: a client that reuses its keep-alive connections opens at most 20). webhook: its own time per review (headers parsed to response written); loop: how late its event loop ran (a request arriving then waits as long); GC: collections/of them full mark-compacts/of them made by the idle collector (serve --idle-gc)/of them begun while a review was in flight, pause total and longest; client loop: the load generator's own lateness; CPU ms per request; RSS and heap after a full collection, start→end; load: 1-minute load average at the end. floor: a bare Node HTTPS server that parses each review and answers a fixed allow (bench/webhook/floor.mjs), same client: what the machine, the client and Node's HTTP and TLS cost without aksguard.",
  );
  const common = { seconds: SECONDS, connections: CONNECTIONS, bodies };
  // Warm-up: JIT and connections.
  for (const { webhook, floor } of servers)
    for (const server of [webhook, floor])
      await load({ ...common, port: server.port, arrivals: 'bursts', rate: 500, seconds: 2 });
  for (const arrivals of ARRIVALS) {
    console.log(
      arrivals === 'bursts'
        ? `autocannon's rate (each of the ${CONNECTIONS} connections sends its share of the second's requests back to back, one at a time, from the second's start: the webhook saturated until they are answered, then idle):`
        : `Independent arrivals (Poisson process, at most ${CONNECTIONS} keep-alive connections; latency from each request's scheduled time):`,
    );
    console.log(HEAD);
    for (let round = 0; round < ROUNDS; round++)
      for (const { webhook, floor, label } of round % 2 === 0 ? servers : [...servers].reverse())
        for (const [name, server, rate] of [
          ...RATES.map((rate) => [`${rate}${label}`, webhook, rate] as const),
          [`${RATES.at(-1)} floor${label}`, floor, RATES.at(-1) as number] as const,
        ]) {
          const before = await server.sample();
          const result = await load({ ...common, port: server.port, arrivals, rate });
          const after = await server.sample();
          console.log(row(name, SECONDS, result, before, after));
        }
  }
  client.send('stop');
  await Promise.all([
    ...servers.flatMap(({ webhook, floor }) => [webhook.stop(), floor.stop()]),
    new Promise((resolve) => client.on('exit', resolve)),
  ]);
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
