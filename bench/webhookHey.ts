/**
 * The webhook under hey (Debian's `hey`, `apt-get install hey`; not run by CI): `aksguard serve` as the chart runs it
 * (bench/webhook/serveArgs.ts, with bench/webhook.ts's Node flag) and the floor server (bench/webhook/floor.mjs), each loaded in turn by
 * `hey -z Ns -c 20 -q 50 -m POST`: 20 keep-alive connections, each sending one review every 20 ms on its own ticker
 * (hey's requester.go: `time.Tick` per worker), 1,000 requests/s paced instead of autocannon's per-second budget.
 * hey sends one body: a Deployment's review, then a Pod's (test/fakes/admissionReviews.ts). Prints hey's p50, p90, p99
 * and slowest latency, the rate reached, the status codes and whether hey saw errors, with the load average.
 * `node --import tsx bench/webhookHey.ts [--seconds N] [--bin PATH]` (default 30 s per body and server, after 5 s of
 * warm-up; `--bin` serves another build's CLI).
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { selfSignedTls } from '../src/serve/tls.js';
import { admissionReviews } from '../test/fakes/admissionReviews.js';
import { realisticCluster } from '../test/fakes/cluster.js';
import { startFakeKubeApi } from '../test/fakes/kubeApiServer.js';
import { webhookArgs } from './webhook/serveArgs.js';
import { AKSGUARD_BIN, ensureBuilt } from './wholeProcess.js';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const SECONDS = Number(option('--seconds') ?? 30);
const BIN = option('--bin') ?? AKSGUARD_BIN;
/** The chart's webhook Node flag (bench/webhook.ts runs its servers with it too). */
const NODE_FLAGS = ['--min-semi-space-size=16'];

interface Server {
  child: ChildProcess;
  port: number;
}

/** A server process; its port read from the line it logs when listening. */
async function startServer(module: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const child = fork(module, args, {
    execArgv: NODE_FLAGS,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      const listening = /listening on https:\/\/[^/]+:(\d+)\//.exec(line);
      if (listening) resolve(Number(listening[1]));
    });
    child.once('exit', (code) => reject(new Error(`${module} exited (${code})`)));
  });
  return { child, port };
}

function hey(seconds: number, body: string, port: number): string {
  const args = [
    '-z',
    `${seconds}s`,
    '-c',
    '20',
    '-q',
    '50',
    '-m',
    'POST',
    '-T',
    'application/json',
    '-D',
    body,
  ];
  const result = spawnSync('hey', [...args, `https://127.0.0.1:${port}/validate`], { encoding: 'utf8' });
  if (result.error) throw new Error(`hey: ${result.error.message} (apt-get install hey)`);
  return result.stdout;
}

/** One line of hey's summary: latencies in milliseconds. */
function summary(out: string): string {
  const seconds = (pattern: RegExp) => {
    const value = pattern.exec(out)?.[1];
    return value === undefined ? '-' : (Number(value) * 1000).toFixed(1);
  };
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? '-';
  const statuses = [...out.matchAll(/\[(\d+)\]\s+(\d+) responses/g)]
    .map(([, code, n]) => `${code}×${n}`)
    .join(' ');
  return [
    `rate ${Number(rate).toFixed(0)}/s`,
    `p50 ${seconds(/50% in ([\d.]+) secs/)}`,
    `p90 ${seconds(/90% in ([\d.]+) secs/)}`,
    `p99 ${seconds(/99% in ([\d.]+) secs/)}`,
    `max ${seconds(/Slowest:\s+([\d.]+) secs/)} ms`,
    `status ${statuses || '-'}`,
    `errors ${/Error distribution/.test(out) ? 'yes' : 'none'}`,
    `load ${loadavg()[0]!.toFixed(1)}`,
  ].join('  ');
}

if (spawnSync('hey', ['-h']).error) {
  console.log('webhookHey: hey is not installed (apt-get install hey): skipped');
  process.exit(0);
}

const api = await startFakeKubeApi(realisticCluster());
const dir = mkdtempSync(join(tmpdir(), 'aksguard-bench-hey-'));
const servers: [string, Server][] = [];
try {
  const kubeconfig = api.writeKubeconfig(join(dir, 'kubeconfig'));
  ensureBuilt();
  const { cert, key } = await selfSignedTls({ service: 'aksguard-webhook', namespace: 'aksguard' });
  servers.push(['webhook', await startServer(BIN, webhookArgs(kubeconfig))]);
  servers.push([
    'floor',
    await startServer(fileURLToPath(new URL('./webhook/floor.mjs', import.meta.url)), [], {
      AKSGUARD_FLOOR_TLS: JSON.stringify({ cert, key }),
    }),
  ]);
  console.log(
    `hey -z ${SECONDS}s -c 20 -q 50 (1,000 requests/s paced), after 5 s of warm-up; latencies in ms`,
  );
  const reviews = admissionReviews();
  for (const kind of ['Deployment', 'Pod']) {
    const review = reviews.find((text) => JSON.parse(text).request.kind.kind === kind);
    if (review === undefined) throw new Error(`no ${kind} review`);
    const body = join(dir, `${kind}.json`);
    writeFileSync(body, review);
    for (const [label, server] of servers) {
      hey(5, body, server.port);
      console.log(`${kind.padEnd(11)}${label.padEnd(8)}${summary(hey(SECONDS, body, server.port))}`);
    }
  }
} finally {
  for (const [, server] of servers) server.child.kill();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}
