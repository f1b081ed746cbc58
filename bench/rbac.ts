import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { RbacEngine } from '../src/engines/rbac/engine.js';
import { EscalationGraph } from '../src/engines/rbac/escalation.js';
import type { AccessRequest } from '../src/engines/rbac/types.js';
import { whoCan } from '../src/engines/rbac/whoCan.js';
import { syntheticRbac } from './rbac/generate.js';

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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runRbacBench();
