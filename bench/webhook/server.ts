/**
 * The webhook under load, in its own process (the load generator's CPU is not its own): `aksguard serve` as the chart
 * runs it (warn by default, high and critical enforced), reading namespaces from the fake API server of the kubeconfig
 * given. Reports its port over IPC, then its memory every second. On `gc` it answers what it saw since the last `gc`
 * (its event-loop delay, its garbage-collection pauses, its own per-request time from the request's headers to the
 * response written), collects garbage and starts counting again: where a client-side latency comes from.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { emptyConfig } from '../../src/config/config.js';
import { defaultSettings } from '../../src/rules/defineRule.js';
import { allRules } from '../../src/rules/index.js';
import { startWebhook } from '../../src/serve/index.js';
import { parseModePolicy } from '../../src/serve/modes.js';
import { loopDelay, quantiles, type StageStats } from './stats.js';

const kubeconfig = process.argv[2]!;
const webhook = await startWebhook({
  port: 0,
  host: '127.0.0.1',
  tls: { selfSigned: { service: 'aksguard-webhook', namespace: 'aksguard' } },
  rules: allRules,
  config: emptyConfig(),
  settings: defaultSettings(),
  modes: parseModePolicy('warn', ['critical=enforce', 'high=enforce']),
  kube: { kubeconfig, env: {} },
  log: (line) => process.stderr.write(`${line}\n`),
});

const delay = loopDelay();
/** Pauses of the collector (ms), by kind: scavenges of the young generation and full mark-compacts. */
let gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    if (
      (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
      constants.NODE_PERFORMANCE_GC_MAJOR
    )
      gc.majorCount++;
  }
}).observe({ entryTypes: ['gc'] });
// The webhook's own time per request: from the parsed headers to the response's last byte handed to the socket.
let handled: number[] = [];
webhook.server.server.prependListener('request', (req, res) => {
  if (req.url !== '/validate') return;
  const started = performance.now();
  res.once('finish', () => handled.push(performance.now() - started));
});

const memory = () => {
  const usage = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 };
};
process.send?.({ port: webhook.port, ...memory() });
setInterval(() => process.send?.(memory()), 1000).unref();
process.on('message', async (message) => {
  if (message === 'gc') {
    const stats: StageStats = { loop: delay.read(), gc, handled: quantiles(handled) };
    // The forced collection below is the bench's, not the webhook's: counted in no stage.
    (globalThis as { gc?: () => void }).gc?.();
    delay.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0 };
    handled = [];
    process.send?.({ gc: true, stats, ...memory() });
  }
  if (message === 'stop') {
    await webhook.shutdown(1000);
    process.exit(0);
  }
});
