/**
 * The live benchmark's API server in its own process, so that serving pages does not take the scanner's CPU:
 * builds the large cluster, serves it over HTTPS, writes a kubeconfig to argv[2], prints `ready`, and stops when
 * its standard input closes.
 */
import { startFakeKubeApi } from '../../test/fakes/kubeApiServer.js';
import { largeCluster } from './cluster.js';

const kubeconfig = process.argv[2];
if (!kubeconfig) throw new Error('usage: server.ts KUBECONFIG');
const started = performance.now();
const state = largeCluster();
const api = await startFakeKubeApi(state, { servedOptionalGroups: ['policy.networking.k8s.io'] });
api.writeKubeconfig(kubeconfig);
const counts = new Map<string, number>();
for (const object of state.objects) counts.set(object.info.kind, (counts.get(object.info.kind) ?? 0) + 1);
process.stdout.write(
  `${JSON.stringify({ ready: true, objects: state.objects.length, counts: Object.fromEntries(counts), buildMs: performance.now() - started })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  void api.close().then(() => process.exit(0));
});
