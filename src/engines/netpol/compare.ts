/** Verdicts that change between engines, and connections that change between two versions of the manifests. */
import {
  analyzeNetpol,
  isKubernetesNetworkPolicy,
  type NetpolAnalysis,
  type NetpolOptions,
  SPECIAL_BLOCKS,
} from './analyze.js';
import { formatConnSet } from './connections.js';
import { endpointName, mergeAdjacentExternals } from './format.js';
import { formatRange, type IpRange, parseCidr } from './ipv4.js';
import type { Connection, EngineObject } from './model.js';
import type { EngineName } from './profiles.js';

/** Every CIDR written in a NetworkPolicy ipBlock (cidr and except), valid IPv4 only. */
export function policyCidrs(objects: readonly EngineObject[]): string[] {
  const out = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.cidr === 'string') {
        for (const cidr of [
          record.cidr,
          ...(Array.isArray(record.except) ? record.except.map(String) : []),
        ]) {
          const parsed = parseCidr(cidr);
          if (parsed.ok && parsed.family === 'ipv4') out.add(cidr);
        }
      }
      Object.values(record).forEach(visit);
    }
  };
  for (const object of objects) if (isKubernetesNetworkPolicy(object.raw)) visit(object.raw.spec);
  return [...out].sort();
}

/** How to split an external block before keying it (netpol-analyzer diff refinement). */
type BlockSplitter = (block: IpRange, side: 'src' | 'dst', workload: string) => IpRange[];

/** src → dst → connection text, for every allowed pair. */
function connectionMap(connections: readonly Connection[], split?: BlockSplitter): Map<string, string> {
  const out = new Map<string, string>();
  const add = (src: string, dst: string, text: string) => {
    const key = `${src}\u0000${dst}`;
    const previous = out.get(key);
    // Label variants of one owner print alike; keep every distinct verdict.
    out.set(key, previous && previous !== text ? `${previous} | ${text}` : text);
  };
  for (const c of connections) {
    const text = formatConnSet(c.conns);
    const external = c.src.type === 'external' ? c.src : c.dst.type === 'external' ? c.dst : undefined;
    if (!external || !split) {
      add(endpointName(c.src), endpointName(c.dst), text);
      continue;
    }
    const side = external === c.src ? 'src' : 'dst';
    const workload = endpointName(side === 'src' ? c.dst : c.src);
    for (const range of split(external.range, side, workload)) {
      const name = `${formatRange(range)}[External]`;
      if (side === 'src') add(name, workload, text);
      else add(workload, name, text);
    }
  }
  return out;
}

/** The AKS engines split the address space at the named blocks too: join adjacent blocks alike. */
function readable(analysis: NetpolAnalysis): Connection[] {
  const connections = analysis.connections();
  return analysis.engine === 'netpol-analyzer' ? connections : mergeAdjacentExternals(connections);
}

/** Cuts `range` at every block start of the given lists. */
function refine(range: IpRange, cuts: readonly number[]): IpRange[] {
  const out: IpRange[] = [];
  let start = range.start;
  for (const cut of cuts) {
    if (cut <= start || cut > range.end) continue;
    out.push({ start, end: cut - 1 });
    start = cut;
  }
  out.push({ start, end: range.end });
  return out;
}

export interface EngineDifference {
  source: string;
  destination: string;
  /** Engine → connections (`No Connections` when denied). */
  verdicts: Record<string, string>;
}

/** Pairs whose allowed connections differ between the engines, on a common split of the address space. */
export function compareEngines(
  objects: readonly EngineObject[],
  engines: readonly EngineName[],
  options: Omit<NetpolOptions, 'engine'> = {},
): EngineDifference[] {
  const extraCidrs = [
    ...(options.extraCidrs ?? []),
    ...SPECIAL_BLOCKS.map((s) => s.cidr),
    ...(options.apiServerCidrs ?? []),
  ];
  const maps = engines.map((engine) =>
    connectionMap(readable(analyzeNetpol(objects, { ...options, engine, extraCidrs }))),
  );
  const keys = new Set<string>();
  for (const map of maps) for (const key of map.keys()) keys.add(key);
  const out: EngineDifference[] = [];
  for (const key of [...keys].sort()) {
    const values = maps.map((map) => map.get(key) ?? 'No Connections');
    if (values.every((v) => v === values[0])) continue;
    const [source, destination] = key.split('\u0000') as [string, string];
    const verdicts: Record<string, string> = {};
    engines.forEach((engine, i) => {
      verdicts[engine] = values[i]!;
    });
    out.push({ source, destination, verdicts });
  }
  return out;
}

export interface ConnectionDiff {
  type: 'added' | 'removed' | 'changed';
  source: string;
  destination: string;
  before: string;
  after: string;
  /** Workloads that exist only in the new version (added) or only in the old one (removed). */
  workloads?: { change: 'added' | 'removed'; names: string[] };
}

/** Connections added, removed or changed from `before` to `after` (netpol-analyzer `diff` semantics). */
export function diffConnections(
  before: readonly EngineObject[],
  after: readonly EngineObject[],
  options: NetpolOptions = {},
): ConnectionDiff[] {
  // Align the external blocks of both versions, except for the netpol-analyzer profile, whose diff
  // compares each version's own blocks.
  const align = options.engine !== 'netpol-analyzer';
  const extraCidrs = align
    ? [...(options.extraCidrs ?? []), ...policyCidrs(before), ...policyCidrs(after)]
    : options.extraCidrs;
  const withBlocks = extraCidrs ? { ...options, extraCidrs } : options;
  const oldAnalysis = analyzeNetpol(before, withBlocks);
  const newAnalysis = analyzeNetpol(after, withBlocks);
  const oldWorkloads = new Set(oldAnalysis.workloads.map((w) => endpointName(w)));
  const newWorkloads = new Set(newAnalysis.workloads.map((w) => endpointName(w)));
  let split: BlockSplitter | undefined;
  let oldConnections: Connection[];
  let newConnections: Connection[];
  if (align) {
    oldConnections = readable(oldAnalysis);
    newConnections = readable(newAnalysis);
  } else {
    // netpol-analyzer's diff joins a workload's address blocks with equal connections, then compares
    // them at the cuts of both versions when the workload exists in both.
    oldConnections = mergeAdjacentExternals(oldAnalysis.connections());
    newConnections = mergeAdjacentExternals(newAnalysis.connections());
    const cuts = new Map<string, Set<number>>();
    for (const c of [...oldConnections, ...newConnections]) {
      const side = c.src.type === 'external' ? 'src' : c.dst.type === 'external' ? 'dst' : undefined;
      if (!side) continue;
      const external = (side === 'src' ? c.src : c.dst) as { range: IpRange };
      const key = `${side}\u0000${endpointName(side === 'src' ? c.dst : c.src)}`;
      const set = cuts.get(key) ?? new Set<number>();
      set.add(external.range.start).add(external.range.end + 1);
      cuts.set(key, set);
    }
    split = (block, side, workload) => {
      if (!oldWorkloads.has(workload) || !newWorkloads.has(workload)) return [block];
      return refine(
        block,
        [...(cuts.get(`${side}\u0000${workload}`) ?? [])].sort((x, y) => x - y),
      );
    };
  }
  const a = connectionMap(oldConnections, split);
  const b = connectionMap(newConnections, split);
  const out: ConnectionDiff[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === y) continue;
    const [source, destination] = key.split('\u0000') as [string, string];
    const diff: ConnectionDiff = {
      type: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed',
      source,
      destination,
      before: x ?? 'No Connections',
      after: y ?? 'No Connections',
    };
    if (diff.type !== 'changed') {
      const known = diff.type === 'added' ? oldWorkloads : newWorkloads;
      const names = [source, destination].filter(
        (name) => !name.endsWith('[External]') && !name.startsWith('{') && !known.has(name),
      );
      if (names.length > 0) diff.workloads = { change: diff.type, names };
    }
    out.push(diff);
  }
  return out;
}

/** netpol-analyzer's `diff` txt form; empty when nothing changed. */
export function formatDiffTxt(diffs: readonly ConnectionDiff[]): string {
  if (diffs.length === 0) return '';
  const lines = ['Connectivity diff:'];
  for (const d of diffs) {
    const info = d.workloads
      ? `, workloads-diff-info: workload ${d.workloads.names.join(' and ')} ${d.workloads.change}`
      : '';
    lines.push(
      `diff-type: ${d.type}, source: ${d.source}, destination: ${d.destination}, ref1: ${d.before}, ref2: ${d.after}${info}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
