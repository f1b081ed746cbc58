/**
 * netpol engine benchmark: all connections and all gaps of a cluster the size of the real one in
 * research/netpol.md §6.1 (5,400 pods, 600 namespaces, ~13,700 policies), then a 50,000-pod cluster of
 * the same shape to show how the cost grows. Run alone: `node --import tsx bench/netpol.ts`.
 */
import { fileURLToPath } from 'node:url';
import { analyzeNetpol } from '../src/engines/netpol/analyze.js';
import { gaps } from '../src/engines/netpol/gaps.js';
import { type ClusterShape, generateCluster, REAL_CLUSTER } from './netpol/generate.js';

export interface NetpolBenchResult {
  label: string;
  pods: number;
  namespaces: number;
  policies: number;
  workloads: number;
  externalBlocks: number;
  connections: number;
  gaps: number;
  buildMs: number;
  connectionsMs: number;
  gapsMs: number;
  totalMs: number;
  maxRssMiB: number;
}

function now(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

export function benchOnce(label: string, shape: ClusterShape): NetpolBenchResult {
  const { objects, pods, policies } = generateCluster(shape);
  const start = now();
  const analysis = analyzeNetpol(objects, { engine: 'azure' });
  const built = now();
  let connections = 0;
  analysis.forEachConnection(() => {
    connections++;
  });
  const listed = now();
  const report = gaps(analysis);
  const done = now();
  return {
    label,
    pods,
    namespaces: shape.namespaces,
    policies,
    workloads: analysis.workloads.length,
    externalBlocks: analysis.sourceBlocks.length + analysis.destinationBlocks.length,
    connections,
    gaps:
      report.noDefaultDeny.length +
      report.unprotected.length +
      report.imdsReachable.length +
      report.dbWideOpen.length +
      report.noEffect.length,
    buildMs: Math.round(built - start),
    connectionsMs: Math.round(listed - built),
    gapsMs: Math.round(done - listed),
    totalMs: Math.round(done - start),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export async function runNetpolBench(): Promise<void> {
  const sizes: [string, ClusterShape][] = [
    ['real cluster (§6.1)', REAL_CLUSTER],
    ['50,000 pods', { ...REAL_CLUSTER, namespaces: 5556 }],
  ];
  for (const [label, shape] of sizes) {
    const r = benchOnce(label, shape);
    console.log(
      `netpol ${r.label}: ${r.pods} pods (${r.workloads} workloads), ${r.namespaces} namespaces, ${r.policies} policies, ${r.externalBlocks} external blocks → ${r.connections} connections, ${r.gaps} gaps in ${r.totalMs} ms (build ${r.buildMs}, connections ${r.connectionsMs}, gaps ${r.gapsMs}); max RSS ${r.maxRssMiB} MiB`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runNetpolBench();
