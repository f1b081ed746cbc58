/**
 * The load generator in a process of its own (neither the webhook's nor the orchestrating bench's), so that its
 * stalls can be told apart: it runs one load (autocannon's fixed rate, or independent arrivals) when asked over IPC and
 * answers the latencies it measured together with how late its own event loop ran and the CPU it used per request.
 * A response that arrives while the generator is busy is timed when the generator gets to it: that lateness is the
 * client's share of a latency, not the webhook's.
 */
import autocannon from 'autocannon';
import { type PoissonResult, poissonLoad } from './poisson.js';
import { loopDelay, type Quantiles } from './stats.js';

export interface LoadRequest {
  arrivals: 'bursts' | 'independent';
  port: number;
  rate: number;
  seconds: number;
  connections: number;
  bodies: string[];
}

/** What one load measured (latencies in ms, as poisson.ts counts them for both arrival patterns). */
export interface LoadResult extends PoissonResult {
  /** The generator's own event-loop delay during the load. */
  loop: Quantiles;
  cpuMsPerRequest: number;
}

// The webhook's self-signed certificate: this process only.
const tlsOptions = { rejectUnauthorized: false };

async function run(load: LoadRequest): Promise<PoissonResult> {
  if (load.arrivals === 'independent') return poissonLoad(load);
  const result = await autocannon({
    url: `https://127.0.0.1:${load.port}/validate`,
    connections: load.connections,
    duration: load.seconds,
    overallRate: load.rate,
    // autocannon's correction back-fills 1 ms steps below every response slower than 1 / rate-per-connection,
    // which at these rates turns one slow response into many; latency is measured from each request's send.
    ignoreCoordinatedOmission: true,
    tlsOptions,
    requests: load.bodies.map((body) => ({
      method: 'POST',
      path: '/validate',
      body,
      headers: { 'content-type': 'application/json' },
    })),
  });
  return {
    sent: result.requests.sent ?? result.requests.total,
    done: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}

const delay = loopDelay();
process.on('message', async (load: LoadRequest | 'stop') => {
  if (load === 'stop') {
    process.exit(0);
  }
  const cpu = process.cpuUsage();
  delay.reset();
  const result = await run(load);
  const loop = delay.read();
  const used = process.cpuUsage(cpu);
  process.send?.({
    ...result,
    loop,
    cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, result.done),
  } satisfies LoadResult);
});
process.send?.('ready');
