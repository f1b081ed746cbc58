/**
 * Rows of the loader (issue 16, part "speed"): whole scan ÷ the js-yaml parse floor, the 20,001-document file,
 * retained heap per loaded object.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlFile } from '../../../src/load/yaml.js';
import { alternate, minMedian, ratio, runNode, stats } from '../measure.js';
import { fixture, type Row, type TableContext } from './row.js';

const CLI = fileURLToPath(new URL('../../../bin/aksguard.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('../../floor.mjs', import.meta.url));
const HEAP = fileURLToPath(new URL('../../heap.ts', import.meta.url));
const FINDING_HEAP = fileURLToPath(new URL('../../findingHeap.ts', import.meta.url));
const LOAD = fileURLToPath(new URL('../../loadOnly.mjs', import.meta.url));
const YAML_ONLY = fileURLToPath(new URL('../../yamlOnly.mjs', import.meta.url));

/**
 * `aksguard scan` (JSON report, discarded), the loader alone (`bench/loadOnly.mjs`: files to inventory, no rules) and
 * js-yaml `loadAll` of the same files, CPU of each whole process.
 */
function scanOverFloor(context: TableContext, name: string): string {
  const { directory, objects } = fixture(context, name);
  let peakKiB = 0;
  const values = alternate(context.runs, {
    floor: () => runNode(FLOOR, [directory]).cpuMs,
    load: () => runNode(LOAD, [directory]).cpuMs,
    scan: () => {
      const run = runNode(CLI, ['scan', directory, '--no-config', '-o', 'json', '--fail-on', 'none']);
      if (run.status !== 0) throw new Error(`scan exited ${run.status}`);
      peakKiB = Math.max(peakKiB, run.maxRssKiB);
      return run.cpuMs;
    },
  });
  const floor = stats(values.floor);
  const load = stats(values.load);
  const scan = stats(values.scan);
  return `${objects} objects: scan ${minMedian(scan)} CPU, floor ${minMedian(floor)} CPU → **${ratio(scan.median, floor.median)}** (peak RSS ${(peakKiB / 1024).toFixed(0)} MiB); loader alone ${minMedian(load)} → **${ratio(load.median, floor.median)}**`;
}

/**
 * The YAML reader alone (`bench/yamlOnly.mjs`: kubectl's reading with positions, no inventory), with the fast reader
 * and with the event decoder alone, and the loader (files to inventory), each ÷ js-yaml `loadAll` of the same files
 * (CPU, whole process); and the share of documents the fast reader took.
 */
function yamlOverFloor(context: TableContext): string {
  const { directory, objects } = fixture(context, 'apps10k');
  let tally = { fast: 0, events: 0 };
  const values = alternate(context.runs, {
    floor: () => runNode(FLOOR, [directory]).cpuMs,
    fast: () => {
      const run = runNode(YAML_ONLY, [directory], { keepStdout: true });
      tally = JSON.parse(run.stdout.trim()) as typeof tally;
      return run.cpuMs;
    },
    events: () => runNode(YAML_ONLY, [directory, '--events']).cpuMs,
    load: () => runNode(LOAD, [directory]).cpuMs,
  });
  const floor = stats(values.floor);
  const fast = stats(values.fast);
  const events = stats(values.events);
  const load = stats(values.load);
  const share = (100 * tally.fast) / Math.max(1, tally.fast + tally.events);
  return `${objects} objects: floor ${minMedian(floor)} CPU; YAML read ${minMedian(fast)} → **${ratio(fast.median, floor.median)}** (event decoder alone ${minMedian(events)} → ${ratio(events.median, floor.median)}); loader ${minMedian(load)} → **${ratio(load.median, floor.median)}**; fast reader took ${tally.fast} of ${tally.fast + tally.events} documents (${share.toFixed(1)} %)`;
}

const configMap = (index: number): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${index}\n  namespace: a\ndata:\n  k: v${index}\n`;

/** One file of 20,001 documents and one of twice as many, parsed in this process. */
function documentsGrowth(context: TableContext): string {
  const texts = [20_001, 40_002].map((count) =>
    Array.from({ length: count }, (_, index) => configMap(index)).join('---\n'),
  );
  let read = [0, 0];
  const timed = (index: number) => () => {
    const started = performance.now();
    read[index] = parseYamlFile('many.yaml', texts[index]!).documents.length;
    return performance.now() - started;
  };
  const values = alternate(context.runs, { one: timed(0), two: timed(1) });
  const one = stats(values.one);
  const two = stats(values.two);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const result = `${read[0]} documents read in ${minMedian(one, ms)}; ${read[1]} in ${minMedian(two, ms)} → 2× input: **${ratio(two.median, one.median)}** the time`;
  read = [0, 0];
  return result;
}

/**
 * Runs a retained-heap script (`bench/heap.ts`, `bench/findingHeap.ts`: one JSON line with a count and bytes per
 * counted thing) `context.runs` times on `directory`: the count and the bytes of each run.
 */
function retainedBytes(
  context: TableContext,
  script: string,
  directory: string,
  count: string,
  bytes: string,
): { count: number; bytes: number[] } {
  const result = { count: 0, bytes: [] as number[] };
  for (let run = 0; run < context.runs; run++) {
    const { stdout } = runNode(script, [directory], {
      nodeArgs: ['--expose-gc', '--import', 'tsx'],
      keepStdout: true,
    });
    const line = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
    result.count = line[count]!;
    result.bytes.push(line[bytes]!);
  }
  return result;
}

/** `bench/heap.ts`: the inventory of 10k objects kept alive after a full garbage collection. */
function heapPerObject(context: TableContext): string {
  const { directory } = fixture(context, 'apps10k');
  const { count, bytes } = retainedBytes(context, HEAP, directory, 'objects', 'perObjectBytes');
  const kb = (value: number) => `${(value / 1000).toFixed(2)} KB`;
  return `${count} objects loaded: **${minMedian(stats(bytes), kb)}** per object`;
}

/** Retained heap per finding (`bench/findingHeap.ts`) of the 10k scan and of the RBAC-heavy scan. */
function heapPerFinding(context: TableContext): string {
  const parts = ['apps10k', 'rbac'].map((name) => {
    const { directory } = fixture(context, name);
    const { count, bytes } = retainedBytes(context, FINDING_HEAP, directory, 'findings', 'perFindingBytes');
    return `${name}, ${count} findings: **${minMedian(stats(bytes), (value) => `${value.toFixed(0)} B`)}**`;
  });
  return parts.join('; ');
}

/** Collections `--trace-gc` prints (V8's lines, anchored by isolate and time; interleaving with output allowed). */
function collectionsOf(stdout: string): { minor: number; major: number } {
  const counts = { minor: 0, major: 0 };
  for (const match of stdout.matchAll(/\[\d+:0x[0-9a-f]+\]\s+\d+ ms: (Scavenge|Mark-Compact)/g))
    match[1] === 'Scavenge' ? counts.minor++ : counts.major++;
  return counts;
}

/**
 * Garbage collections (`node --trace-gc`) of `scan` (report to a file) and of `pss check -o json` at 10k objects:
 * young-generation (scavenge) and full (mark-compact) counts, min / median, and the CPU of those runs.
 */
function collections(context: TableContext): string {
  const apps = fixture(context, 'apps10k');
  const pss = fixture(context, 'pss10k');
  const report = join(context.scratch, 'gc-report.json');
  const counts = {
    scan: [] as { minor: number; major: number }[],
    pss: [] as { minor: number; major: number }[],
  };
  const values = alternate(context.runs, {
    scan: () => {
      const run = runNode(
        CLI,
        ['scan', apps.directory, '--no-config', '-o', 'json', '--output-file', report, '--fail-on', 'none'],
        {
          nodeArgs: ['--trace-gc'],
          keepStdout: true,
        },
      );
      if (run.status !== 0) throw new Error(`scan exited ${run.status}`);
      counts.scan.push(collectionsOf(run.stdout));
      return run.cpuMs;
    },
    pss: () => {
      const run = runNode(CLI, ['pss', 'check', '.', '-o', 'json'], {
        nodeArgs: ['--trace-gc'],
        keepStdout: true,
        cwd: pss.directory,
      });
      if (run.status !== 0 && run.status !== 1) throw new Error(`pss check exited ${run.status}`);
      counts.pss.push(collectionsOf(run.stdout));
      return run.cpuMs;
    },
  });
  const count = (list: { minor: number; major: number }[], key: 'minor' | 'major') =>
    minMedian(stats(list.map((entry) => entry[key])), (value) => value.toFixed(0));
  return `scan ${apps.objects} objects: **${count(counts.scan, 'minor')}** scavenges, ${count(counts.scan, 'major')} mark-compacts (CPU ${minMedian(stats(values.scan))}); pss check ${pss.objects} templates: **${count(counts.pss, 'minor')}** scavenges, ${count(counts.pss, 'major')} mark-compacts (CPU ${minMedian(stats(values.pss))})`;
}

export const parseRows: readonly Row[] = [
  {
    id: 'scan10k',
    work: '`scan` of 10k generated objects ÷ js-yaml `loadAll` of the same files (CPU, whole process)',
    goal: '≤ 1.5×',
    measure: (context) => scanOverFloor(context, 'apps10k'),
  },
  {
    id: 'scan100k',
    work: '`scan` of 100k generated objects ÷ js-yaml `loadAll` of the same files (CPU, whole process)',
    goal: '≤ 1.5×',
    measure: (context) => scanOverFloor(context, 'apps100k'),
  },
  {
    id: 'yaml',
    work: 'the YAML reader alone (fast reader, fall-back per part) and the loader ÷ js-yaml `loadAll`, 10k objects (CPU, whole process)',
    goal: 'loader ≤ 0.8×, ≥ 99 % of documents by the fast reader',
    measure: yamlOverFloor,
  },
  {
    id: 'documents',
    work: 'a file with 20,001 documents, and 2× as many',
    goal: 'read like any other, linear (2×)',
    measure: documentsGrowth,
  },
  {
    id: 'gc',
    work: 'garbage collections of `scan` (10k generated objects) and `pss check` (10k pod templates), `--trace-gc`',
    goal: 'fewer, with what is allocated per object',
    measure: collections,
  },
  {
    id: 'heap',
    work: 'retained heap per loaded object',
    goal: '≤ 3 KB',
    measure: heapPerObject,
  },
  {
    id: 'findingheap',
    work: 'retained heap per finding (rules run, engines gone), 10k objects and the RBAC-heavy scan',
    goal: 'less is fewer bytes copied by the young-generation collector',
    measure: heapPerFinding,
  },
];
