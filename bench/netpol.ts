/**
 * netpol engine benchmark: all connections and all gaps of a cluster the size of the real one in
 * research/netpol.md §6.1 (5,400 pods, 600 namespaces, ~13,700 policies), then a 50,000-pod cluster of
 * the same shape to show how the cost grows. Run alone: `node --import tsx bench/netpol.ts`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeNetpol } from '../src/engines/netpol/analyze.js';
import { gaps } from '../src/engines/netpol/gaps.js';
import { connectionListChunks } from '../src/engines/netpol/listStream.js';
import { buildWorkloads } from '../src/engines/netpol/workloads.js';
import { writeNetpolCluster, writeOneOwner } from './fixtures.js';
import {
  type ClusterShape,
  generateCluster,
  generateIsolatedCluster,
  oneOwnerPods,
  REAL_CLUSTER,
} from './netpol/generate.js';
import { validJson } from './output.js';

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

const CHILD = fileURLToPath(new URL('./cliChild.ts', import.meta.url));
// The child runs in a temporary folder: tsx is named by its resolved location, not looked up from there.
const TSX = import.meta.resolve('tsx');
/** Runs of each whole-process and growth figure (min and median printed); AKSGUARD_BENCH_RUNS=1 for a quick look. */
const RUNS = Math.max(1, Number(process.env.AKSGUARD_BENCH_RUNS ?? 3) || 3);

interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
  outputMiB: number;
  code: number;
  valid?: boolean;
}

/** The CLI in its own process (bench/cliChild.ts), its standard output written to a file: wall, CPU, peak RSS. */
function runCli(directory: string, args: string[], output: string, checkJson: boolean): ProcessRun {
  const fd = openSync(output, 'w');
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', TSX, CHILD, ...args], {
    cwd: directory,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', fd, 'pipe'],
  });
  closeSync(fd);
  const wallMs = performance.now() - started;
  const usage = JSON.parse(result.stderr.trim().split('\n').pop() ?? '{}') as {
    maxRssKiB?: number;
    cpuMs?: number;
  };
  const run: ProcessRun = {
    wallMs,
    cpuMs: usage.cpuMs ?? 0,
    maxRssMiB: (usage.maxRssKiB ?? 0) / 1024,
    outputMiB: statSync(output).size / 2 ** 20,
    code: result.status ?? -1,
  };
  if (checkJson) run.valid = validJson(output);
  rmSync(output, { force: true });
  return run;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function minMedian(values: readonly number[], digits = 1, scale = 1000): string {
  return `${(Math.min(...values) / scale).toFixed(digits)}/${(median(values) / scale).toFixed(digits)}`;
}

function describeRuns(runs: readonly ProcessRun[]): string {
  const last = runs[runs.length - 1]!;
  const valid = last.valid === undefined ? '' : last.valid ? ', valid JSON' : ', INVALID JSON';
  return `wall ${minMedian(runs.map((r) => r.wallMs))} s, CPU ${minMedian(runs.map((r) => r.cpuMs))} s (min/median of ${runs.length}), peak RSS ${minMedian(
    runs.map((r) => r.maxRssMiB),
    0,
    1,
  )} MiB, output ${last.outputMiB.toFixed(0)} MiB${valid}, exit ${last.code}`;
}

/**
 * `netpol list` (txt) and `scan` (JSON, checked to be valid) as whole processes on the generated clusters written as
 * YAML: the 5,400-pod cluster of research/netpol.md §6.1 and 50,000 pods / 5,556 namespaces / 127,000 policies.
 */
export function runWholeProcess(root: string): void {
  console.log('## netpol list and scan, whole process (default heap)');
  for (const [label, namespaces] of [
    ['5.4k pods', REAL_CLUSTER.namespaces],
    ['50k pods', 5556],
  ] as const) {
    const directory = join(root, `cluster-${namespaces}`);
    const objects = writeNetpolCluster(directory, namespaces);
    const list: ProcessRun[] = [];
    const scan: ProcessRun[] = [];
    for (let run = 0; run < RUNS; run++) {
      list.push(runCli(directory, ['netpol', 'list', '-f', '.'], join(root, 'list.txt'), false));
      scan.push(
        runCli(
          directory,
          ['scan', '.', '--no-config', '-o', 'json', '--fail-on', 'none'],
          join(root, 'scan.json'),
          true,
        ),
      );
    }
    console.log(`netpol list ${label} (${objects} objects): ${describeRuns(list)}`);
    console.log(`scan -o json ${label} (${objects} objects): ${describeRuns(scan)}`);
    rmSync(directory, { recursive: true, force: true });
  }
  // One owner (ReplicaSet) with 20,000 and 40,000 pods: linear means about ×2.
  const owner: ProcessRun[][] = [];
  for (const pods of [20_000, 40_000]) {
    const directory = join(root, `owner-${pods}`);
    writeOneOwner(directory, pods);
    const runs: ProcessRun[] = [];
    for (let run = 0; run < RUNS; run++)
      runs.push(runCli(directory, ['netpol', 'list', '-f', '.'], join(root, 'owner.txt'), false));
    console.log(`netpol list, one ReplicaSet with ${pods} pods: ${describeRuns(runs)}`);
    owner.push(runs);
    rmSync(directory, { recursive: true, force: true });
  }
  const [one, two] = owner.map((runs) => median(runs.map((r) => r.cpuMs)));
  console.log(
    `growth netpol list one owner 20k → 40k pods (CPU, medians): ×${(two! / one!).toFixed(2)} (linear: 2)`,
  );
}

/** The least wall time of `work` over RUNS runs, in ms. */
function timed(work: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}

/** One hot structure at 1× and 2× input: the time ratio (linear: about 2). */
function growth(label: string, at: (scale: 1 | 2) => () => void): void {
  const one = timed(at(1));
  const two = timed(at(2));
  console.log(
    `growth ${label}: 1× ${one.toFixed(0)} ms, 2× ${two.toFixed(0)} ms, ×${(two / one).toFixed(2)} (linear: 2)`,
  );
}

/** Growth of each structure the engine keeps per input: 1× and 2× input in memory, min of RUNS runs each. */
export function runGrowth(): void {
  console.log('## netpol growth tests (in process, min of runs)');
  growth('workload grouping, one owner 50k → 100k pods (buildWorkloads)', (scale) => {
    const objects = oneOwnerPods(50_000 * scale);
    return () => buildWorkloads(objects, 'default');
  });
  // Namespaces that only talk inside themselves: connections grow like the input, so any quadratic index shows.
  growth(
    'selector index, 5,000 → 10,000 isolated namespaces (policies, selectors, who selects whom)',
    (scale) => {
      const objects = generateIsolatedCluster(5000 * scale);
      return () => analyzeNetpol(objects, { engine: 'azure' });
    },
  );
  growth('rule targets and walk, 5,000 → 10,000 isolated namespaces (every connection)', (scale) => {
    const objects = generateIsolatedCluster(5000 * scale);
    return () => analyzeNetpol(objects, { engine: 'azure' }).forEachConnection(() => {});
  });
  growth('output, 5,000 → 10,000 isolated namespaces (netpol list txt, per source)', (scale) => {
    const objects = generateIsolatedCluster(5000 * scale);
    const analysis = analyzeNetpol(objects, { engine: 'azure' });
    return () => {
      for (const _ of connectionListChunks(analysis, 'txt', { merge: true }));
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runNetpolBench();
  runGrowth();
  const root = mkdtempSync(join(tmpdir(), 'aksguard-bench-netpol-'));
  try {
    runWholeProcess(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
