/**
 * Live-source benchmarks (issue 13): a scan over the Kubernetes API of a cluster the size of research/netpol.md
 * §6.1 (600 namespaces, 5,400 pods from 1,800 Deployments, ~13,700 NetworkPolicies) plus 10,000 RBAC objects,
 * served by the fake HTTPS API server at --qps 50; and a fleet scan of 2,000 clusters from Azure Resource Graph
 * pages. Prints requests, pages, the time waiting for the network and the time analysing.
 * Run alone: `node --import tsx bench/live.ts`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyConfig } from '../src/config/config.js';
import { scanFleet } from '../src/fleet.js';
import { scan } from '../src/scan.js';
import { KubernetesSource } from '../src/sources/live/kubernetes/source.js';
import { fakeAzure } from '../test/fakes/azure.js';
import { contosoCluster } from '../test/fakes/azureCluster.js';

type Raw = Record<string, unknown>;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Starts the API server process and waits for its `ready` line. */
async function startServer(kubeconfig: string): Promise<{
  child: ChildProcess;
  info: { objects: number; counts: Record<string, number>; buildMs: number };
}> {
  const script = fileURLToPath(new URL('./live/server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, kubeconfig], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buffer = '';
  const info = await new Promise<{ objects: number; counts: Record<string, number>; buildMs: number }>(
    (resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const line = buffer.split('\n')[0];
        if (buffer.includes('\n') && line) resolve(JSON.parse(line));
      });
      child.on('exit', (code) => reject(new Error(`the API server process exited (${code})`)));
    },
  );
  return { child, info };
}

async function liveBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aksguard-bench-live-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const { child, info } = await startServer(kubeconfig);
  const counts = info.counts;
  const rbac = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].reduce(
    (sum, kind) => sum + (counts[kind] ?? 0),
    0,
  );
  console.log(
    `live scan: fake cluster of ${info.objects.toLocaleString('en-US')} objects (${counts.Namespace} namespaces, ${counts.Pod?.toLocaleString('en-US')} pods, ${rbac.toLocaleString('en-US')} RBAC objects, ${counts.NetworkPolicy?.toLocaleString('en-US')} NetworkPolicies), served by a separate process (built in ${seconds(info.buildMs)})`,
  );
  try {
    const source = new KubernetesSource({ kubeconfig, qps: 50, burst: 100 });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let cpuRead: NodeJS.CpuUsage | undefined;
    const report = await scan({
      paths: [],
      sources: [source],
      config: false,
      cwd: dir,
      onProgress: (stage) => {
        if (stage.startsWith('checking')) cpuRead ??= process.cpuUsage(cpuBefore);
      },
    });
    const total = performance.now() - started;
    const cpuAll = process.cpuUsage(cpuBefore);
    const cpu = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
    const stats = source.stats!;
    console.log(
      `  --qps 50: ${stats.requests} requests, ${stats.pages} pages, ${stats.objects.toLocaleString('en-US')} objects, ${(stats.bytes / 1024 / 1024).toFixed(1)} MiB; ` +
        `network read ${seconds(stats.elapsedMs)} (rate-limit waits ${seconds(stats.rateLimitWaitMs)}), analysis ${seconds(total - stats.elapsedMs)}, total ${seconds(total)} (target < 10 s)`,
    );
    console.log(
      `  CPU time of the scanner (independent of the machine's load): reading ${seconds(cpu(cpuRead!))}, analysis ${seconds(cpu(cpuAll) - cpu(cpuRead!))}`,
    );
    console.log(
      `  ${report.inputs.objects.toLocaleString('en-US')} objects judged (Pods and ReplicaSets of Deployments through their Deployment), ${report.findings.length.toLocaleString('en-US')} findings, ${report.coverage.unreadable.length} unreadable`,
    );
  } finally {
    child.stdin!.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fleetBench(): Promise<void> {
  const azure = fakeAzure();
  const base = contosoCluster();
  for (let i = 0; i < 2000; i++) {
    const name = `aks-${String(i).padStart(4, '0')}`;
    const properties = { ...(base.properties as Raw) };
    if (i % 3 === 0) properties.apiServerAccessProfile = { enablePrivateCluster: true };
    if (i % 4 === 0) properties.disableLocalAccounts = true;
    if (i % 5 === 0)
      properties.networkProfile = {
        ...(properties.networkProfile as Raw),
        networkPolicy: 'cilium',
        networkDataplane: 'cilium',
      };
    azure.graphRows.push({
      ...base,
      id: `/subscriptions/00000000-0000-0000-0000-${String(i % 40).padStart(12, '0')}/resourceGroups/rg-${i % 90}/providers/Microsoft.ContainerService/managedClusters/${name}`,
      name,
      properties,
    });
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await scanFleet({
    credential: azure.credential,
    httpClient: azure.httpClient,
    scope: {},
    config: emptyConfig(),
  });
  const total = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const findings = result.clusters.reduce((sum, cluster) => sum + cluster.report.findings.length, 0);
  console.log(
    `fleet scan: ${result.clusters.length.toLocaleString('en-US')} clusters from ${result.query.pages} Resource Graph pages; query ${seconds(result.timings.queryMs)}, analysis ${seconds(result.timings.analysisMs)}, total ${seconds(total)} (target < 10 s; CPU ${seconds((cpu.user + cpu.system) / 1000)}); ${findings.toLocaleString('en-US')} findings, ${result.controls.length} controls failing somewhere`,
  );
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
await liveBench();
await fleetBench();
