/**
 * Whole-process rows of the other parts of issue 16 (Pod Security, RBAC, NetworkPolicy scale), so the table has
 * every row; the helpers owning those parts add finer rows (evaluation only, growth of each structure) beside these.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agreement, describeAgreement, pssCheckVerdicts } from '../../pss/agreement.js';
import { alternate, minMedian, ratio, runNode, seconds, stats } from '../measure.js';
import { fixture, type Row, type TableContext } from './row.js';

const CLI = fileURLToPath(new URL('../../../bin/aksguard.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('../../floor.mjs', import.meta.url));
const MONOKLE = fileURLToPath(new URL('../../pss/monokleProcess.mjs', import.meta.url));
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

function pssVersusMonokle(context: TableContext): string {
  const { directory, objects } = fixture(context, 'pss10k');
  // Both run in the fixture's folder on `.`, so both name a template `file#name` alike.
  let ours = '';
  let theirs = '';
  const values = alternate(context.runs, {
    aksguard: () => {
      const run = runNode(CLI, ['pss', 'check', '.', '-o', 'json'], { keepStdout: true, cwd: directory });
      ours = run.stdout;
      return run.cpuMs;
    },
    monokle: () => {
      const run = runNode(MONOKLE, ['.'], { keepStdout: true, cwd: directory });
      theirs = run.stdout;
      return run.cpuMs;
    },
  });
  const aksguard = stats(values.aksguard);
  const monokle = stats(values.monokle);
  const { keys, refused } = pssCheckVerdicts(ours);
  const flagged = new Set(JSON.parse(theirs) as string[]);
  const verdicts = describeAgreement(agreement(keys, refused, flagged));
  return `${objects} templates: monokle ${minMedian(monokle)} CPU (${flagged.size} flagged), aksguard ${minMedian(aksguard)} CPU (${refused.size} denied) → **${ratio(monokle.median, aksguard.median)}**; ${verdicts}`;
}

function rbacOverFloor(context: TableContext): string {
  const { directory, objects } = fixture(context, 'rbac');
  const values = alternate(context.runs, {
    floor: () => runNode(FLOOR, [directory]).cpuMs,
    scan: () => runNode(CLI, ['scan', directory, '--no-config', '-o', 'json', '--fail-on', 'none']).cpuMs,
  });
  const floor = stats(values.floor);
  const scan = stats(values.scan);
  return `${objects} objects: scan ${minMedian(scan)} CPU, floor ${minMedian(floor)} CPU → **${ratio(scan.median, floor.median)}**`;
}

const PHASES = fileURLToPath(new URL('../../rbac/phases.ts', import.meta.url));

/**
 * Where the RBAC-heavy scan's CPU goes, phase by phase in one process (bench/rbac/phases.ts, `src/` through tsx):
 * the median of each phase group over the runs, so the rules + output part can be set against the floor.
 */
function rbacPhases(context: TableContext): string {
  const { directory } = fixture(context, 'rbac');
  const groups = new Map<string, number[]>();
  for (let run = 0; run < context.runs; run++) {
    const result = runNode(PHASES, [directory, '--json'], {
      nodeArgs: ['--import', 'tsx'],
      keepStdout: true,
    });
    if (result.status !== 0) throw new Error(`bench/rbac/phases.ts exited ${result.status}`);
    const timings = JSON.parse(result.stdout) as { groups: [string, number][] };
    for (const [group, ms] of timings.groups) {
      const list = groups.get(group);
      if (list) list.push(ms);
      else groups.set(group, [ms]);
    }
  }
  const parts = [...groups].map(([group, values]) => `${group} ${seconds(stats(values).median)}`);
  return `CPU medians of ${context.runs} in-process runs: ${parts.join(' · ')}`;
}

/** Wall time and peak RSS of one command over a fixture, each as min / median. */
function wallAndPeak(context: TableContext, name: string, args: (directory: string) => string[]): string {
  const { directory, objects } = fixture(context, name);
  const walls: number[] = [];
  const peaks: number[] = [];
  let status: number | null = 0;
  for (let run = 0; run < context.runs; run++) {
    const result = runNode(CLI, args(directory));
    status = result.status;
    walls.push(result.wallMs);
    peaks.push(result.maxRssKiB);
  }
  return `${objects} objects: **${minMedian(stats(walls))}** wall, peak RSS ${minMedian(stats(peaks), mib)}, exit ${status}`;
}

function scanStreamed(context: TableContext, name: string): string {
  const { directory } = fixture(context, name);
  const output = join(context.scratch, `${name}.json`);
  const timing = wallAndPeak(context, name, () => [
    'scan',
    directory,
    '--no-config',
    '-o',
    'json',
    '--fail-on',
    'none',
    '--output-file',
    output,
  ]);
  let size = 0;
  try {
    size = statSync(output).size;
  } catch {
    size = 0;
  }
  return `${timing}, report ${(size / 2 ** 20).toFixed(0)} MiB`;
}

function ownerGrowth(context: TableContext): string {
  const one = fixture(context, 'owner20k');
  const two = fixture(context, 'owner40k');
  const list = (directory: string) => () => runNode(CLI, ['netpol', 'list', '-f', directory]).cpuMs;
  const values = alternate(context.runs, { one: list(one.directory), two: list(two.directory) });
  const a = stats(values.one);
  const b = stats(values.two);
  return `20k pods ${minMedian(a)} CPU, 40k pods ${minMedian(b)} CPU → 2× input: **${ratio(b.median, a.median)}** the time`;
}

const netpolList = (directory: string) => ['netpol', 'list', '-f', directory, '-o', 'txt'];

export const otherRows: readonly Row[] = [
  {
    id: 'pss',
    work: '`pss check` 10k pod templates, whole process, @monokle/validation ÷ aksguard',
    goal: '≥ 20×',
    measure: pssVersusMonokle,
  },
  {
    id: 'netpol5k',
    work: '`netpol list` 5.4k pods (real cluster shape)',
    goal: '< 30 s, < 1.5 GB peak',
    measure: (context) => wallAndPeak(context, 'netpol5k', netpolList),
  },
  {
    id: 'netpol50k',
    work: '`netpol list` 50k pods / 5.5k namespaces / 127k policies',
    goal: '< 30 s, < 1.5 GB peak, default heap',
    measure: (context) => wallAndPeak(context, 'netpol50k', netpolList),
  },
  {
    id: 'scan50k',
    work: '`scan` of the 50k-pod cluster, JSON streamed to a file',
    goal: 'valid output of any size, streamed',
    measure: (context) => scanStreamed(context, 'netpol50k'),
  },
  {
    id: 'rbac',
    work: 'RBAC-heavy scan (10k roles, 50k bindings) ÷ parse floor',
    goal: '≤ 2×',
    measure: rbacOverFloor,
  },
  {
    id: 'rbacphases',
    work: 'RBAC-heavy scan, in-process phases (load, engine, indexes, rules, fold + sort, serialise)',
    goal: 'rules + output ≤ ~1× floor',
    measure: rbacPhases,
  },
  {
    id: 'owner',
    work: 'one owner (ReplicaSet) with 20k pods, `netpol list`, 2× input',
    goal: '2× (linear)',
    measure: ownerGrowth,
  },
];
