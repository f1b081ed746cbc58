import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RbacEngine } from '../src/engines/rbac/engine.js';
import { EscalationGraph } from '../src/engines/rbac/escalation.js';
import type { AccessRequest } from '../src/engines/rbac/types.js';
import { whoCan } from '../src/engines/rbac/whoCan.js';
import { writeRbac } from './fixtures.js';
import { syntheticRbac } from './rbac/generate.js';
import { formatPhases, type PhaseTimings } from './rbac/phases.js';
import { type ProcessRun, runNode, stats } from './table/measure.js';
import { AKSGUARD_BIN, ensureBuilt, formatSpread, loadNote, peakRss } from './wholeProcess.js';

// RBAC benchmark (issue 6): 10,000 roles, 50,000 bindings, 20,000 subjects.
// Targets on the 2-core CI machine: build < 2 s, can-i < 0.1 ms, who-can < 20 ms, full escalation < 10 s.

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

export async function runRbacBench(): Promise<void> {
  const spec = { roles: 10_000, bindings: 50_000, subjects: 20_000, namespaces: 500 };
  const synthetic = syntheticRbac(spec);
  const heapBefore = process.memoryUsage().heapUsed;
  const [engine, buildMs] = time(() => RbacEngine.fromObjects(synthetic.objects));
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

  const requests: (AccessRequest & { user: string; groups: string[] })[] = [];
  for (let i = 0; i < 20_000; i++) requests.push(synthetic.randomRequest(i));
  let allowed = 0;
  const [, canIMs] = time(() => {
    for (const r of requests) if (engine.authorize(r).allowed) allowed++;
  });

  const whoCanQueries = requests.slice(0, 100);
  let subjects = 0;
  const [, whoCanMs] = time(() => {
    for (const r of whoCanQueries) subjects += whoCan(engine, r).length;
  });

  const graph = new EscalationGraph(engine, synthetic.context);
  const [reach, escalationMs] = time(() => graph.analyse());

  const row = (name: string, value: string, target: string) =>
    `  ${name.padEnd(34)} ${value.padStart(12)}   target ${target}`;
  const lines = [
    `rbac: ${spec.roles} roles, ${engine.bindings.length} bindings, ${spec.subjects} subjects, ${spec.namespaces} namespaces`,
    row('index build', `${buildMs.toFixed(0)} ms`, '< 2000 ms'),
    row('index heap (approx.)', `${heapMb.toFixed(0)} MB`, '-'),
    row(
      `can-i (mean of ${requests.length}, ${allowed} allowed)`,
      `${((canIMs * 1000) / requests.length).toFixed(1)} µs`,
      '< 100 µs',
    ),
    row(
      `who-can (mean of ${whoCanQueries.length})`,
      `${(whoCanMs / whoCanQueries.length).toFixed(2)} ms`,
      '< 20 ms',
    ),
    row('  subjects returned (mean)', `${(subjects / whoCanQueries.length).toFixed(0)}`, '-'),
    row('escalation, all subjects', `${escalationMs.toFixed(0)} ms`, '< 10000 ms'),
    row('  subjects reaching cluster-admin', `${reach.size}`, '-'),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const FLOOR = fileURLToPath(new URL('./floor.mjs', import.meta.url));
const PHASES = fileURLToPath(new URL('./rbac/phases.ts', import.meta.url));

/**
 * The RBAC-heavy scan (issue 16): `aksguard scan -o json` of 10,000 roles and 50,000 bindings as YAML files, whole
 * process, against the js-yaml parse floor of the same files, runs interleaved so both see the same load. Target:
 * scan ÷ floor ≤ 2× in CPU time.
 */
export function runRbacScanBench(runs = 3): void {
  ensureBuilt();
  const directory = mkdtempSync(join(tmpdir(), 'aksguard-bench-rbac-'));
  try {
    const objects = writeRbac(directory, 10_000, 50_000);
    const floor: ProcessRun[] = [];
    const scan: ProcessRun[] = [];
    for (let run = 0; run < runs; run++) {
      floor.push(runNode(FLOOR, ['.'], { cwd: directory }));
      scan.push(
        runNode(AKSGUARD_BIN, ['scan', '.', '-o', 'json', '--fail-on', 'none', '--no-config'], {
          cwd: directory,
        }),
      );
    }
    const failed = scan.find((r) => r.status !== 0);
    if (failed) throw new Error(`aksguard scan exited ${failed.status}`);
    const f = stats(floor.map((r) => r.cpuMs));
    const s = stats(scan.map((r) => r.cpuMs));
    const row = (name: string, value: string, extra: string) =>
      `  ${name.padEnd(34)} ${value.padStart(16)}   ${extra}`;
    console.log(
      `rbac scan, whole process: ${objects} objects (10000 roles, 50000 bindings), ${runs} runs each, CPU min/median; ${loadNote()}`,
    );
    console.log(row('js-yaml floor (loadAll)', formatSpread(f), `peak RSS ${peakRss(floor)}`));
    console.log(row('aksguard scan -o json', formatSpread(s), `peak RSS ${peakRss(scan)}`));
    console.log(
      row(
        'scan ÷ floor',
        `${(s.median / f.median).toFixed(2)}× median`,
        `${(s.min / f.min).toFixed(2)}× min; target ≤ 2×`,
      ),
    );
    // Where the scan's CPU goes, phase by phase (one in-process run; bench/rbac/phases.ts).
    const phases = runNode(PHASES, ['.', '--json'], {
      cwd: directory,
      nodeArgs: ['--import', 'tsx'],
      keepStdout: true,
    });
    if (phases.status !== 0) throw new Error(`bench/rbac/phases.ts exited ${phases.status}`);
    console.log(`rbac scan phases, in process (src through tsx); ${loadNote()}`);
    console.log(formatPhases(JSON.parse(phases.stdout) as PhaseTimings).join('\n'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runRbacBench();
  runRbacScanBench();
}
