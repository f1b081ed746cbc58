/**
 * Where a scan's time goes after loading (issue 16, rules and output phase): `bench/phases.ts` runs the steps of
 * `aksguard scan -o json` one at a time in one process and prints the CPU of each; this row divides what follows
 * loading (rules, fold, waivers, sort, JSON output) by the js-yaml floor of the same files. It says where the time
 * goes, not whether the goal is met: the phases run from the sources under tsx (no bundle, no code cache, V8's default
 * tier-up budget), so their sum is not the CLI's; the goal is the whole-process scan rows'.
 */
import { fileURLToPath } from 'node:url';
import type { PhaseTimings } from '../../phases.js';
import { alternate, minMedian, ratio, runNode, stats } from '../measure.js';
import { fixture, type Row, type TableContext } from './row.js';

const FLOOR = fileURLToPath(new URL('../../floor.mjs', import.meta.url));
const PHASES = fileURLToPath(new URL('../../phases.ts', import.meta.url));

const WHERE_THE_TIME_GOES = "where the time goes (the goal is the whole-process scan row's ≤ 1.5×)";
const AFTER_LOADING = ['rules', 'fold', 'waivers', 'sort', 'output'] as const;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (values: readonly number[]) => stats(values).median;

function phasesOverFloor(context: TableContext, name: string): string {
  const { directory } = fixture(context, name);
  const timings: PhaseTimings[] = [];
  const values = alternate(context.runs, {
    floor: () => runNode(FLOOR, [directory]).cpuMs,
    after: () => {
      const run = runNode(PHASES, [directory, '--rules', '3'], {
        nodeArgs: ['--import', 'tsx'],
        keepStdout: true,
      });
      if (run.status !== 0) throw new Error(`bench/phases.ts exited ${run.status}`);
      const line = JSON.parse(run.stdout.trim().split('\n').pop()!) as PhaseTimings;
      timings.push(line);
      return AFTER_LOADING.reduce((sum, phase) => sum + (line.cpuMs[phase] ?? 0), 0);
    },
  });
  const floor = stats(values.floor);
  const after = stats(values.after);
  const phase = (key: string) => ms(median(timings.map((line) => line.cpuMs[key] ?? 0)));
  const gcMs = median(
    timings.map((line) => AFTER_LOADING.reduce((sum, key) => sum + (line.gc[key]?.ms ?? 0), 0)),
  );
  const last = timings[timings.length - 1]!;
  const slowest = Object.entries(last.slowestRules)
    .map(([id, cpu]) => `${id} ${ms(cpu)}`)
    .join(', ');
  return [
    `${last.objects} objects, ${last.findings} findings: after loading ${minMedian(after, ms)} CPU, floor ${minMedian(floor)} → **${ratio(after.median, floor.median)}**`,
    `(medians: load ${phase('load')}, rules ${phase('rules')}, fold+waivers+sort ${ms(median(timings.map((line) => (line.cpuMs.fold ?? 0) + (line.cpuMs.waivers ?? 0) + (line.cpuMs.sort ?? 0))))}, JSON output ${phase('output')}; GC pauses after loading ${ms(gcMs)}; slowest rules ${slowest})`,
  ].join(' ');
}

export const phaseRows: readonly Row[] = [
  {
    id: 'phases10k',
    work: 'what follows loading in `scan -o json` (rules, fold, waivers, sort, output) at 10k objects ÷ the js-yaml floor (CPU, in process)',
    goal: WHERE_THE_TIME_GOES,
    measure: (context) => phasesOverFloor(context, 'apps10k'),
  },
  {
    id: 'phases100k',
    work: 'the same at 100k objects (linear: the same ratio)',
    goal: WHERE_THE_TIME_GOES,
    measure: (context) => phasesOverFloor(context, 'apps100k'),
  },
];
