/**
 * The webhook under load, in its own process (the load generator's CPU is not its own): `aksguard serve` as the chart
 * runs it (warn by default, high and critical enforced), reading namespaces from the fake API server of the kubeconfig
 * given. Reports its port over IPC, then its memory every second.
 */
import { emptyConfig } from '../../src/config/config.js';
import { defaultSettings } from '../../src/rules/defineRule.js';
import { allRules } from '../../src/rules/index.js';
import { startWebhook } from '../../src/serve/index.js';
import { parseModePolicy } from '../../src/serve/modes.js';

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
const memory = () => {
  const usage = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 };
};
process.send?.({ port: webhook.port, ...memory() });
setInterval(() => process.send?.(memory()), 1000).unref();
process.on('message', async (message) => {
  if (message === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ gc: true, ...memory() });
  }
  if (message === 'stop') {
    await webhook.shutdown(1000);
    process.exit(0);
  }
});
