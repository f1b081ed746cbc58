/** Verdicts that change between engines, and connections that change between two versions of the manifests. */
import { analyzeNetpol, type NetpolOptions, SPECIAL_BLOCKS } from './analyze.js';
import { formatConnSet } from './connections.js';
import { endpointName, mergeAdjacentExternals } from './format.js';
import { parseCidr } from './ipv4.js';
import type { EngineObject } from './model.js';
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
  for (const object of objects) if (object.raw.kind === 'NetworkPolicy') visit(object.raw.spec);
  return [...out].sort();
}

/** src → dst → connection text, for every allowed pair. */
function connectionMap(objects: readonly EngineObject[], options: NetpolOptions): Map<string, string> {
  const analysis = analyzeNetpol(objects, options);
  const out = new Map<string, string>();
  const connections = analysis.connections();
  // The AKS engines split the address space at the named blocks too: join adjacent blocks alike.
  for (const c of analysis.engine === 'netpol-analyzer' ? connections : mergeAdjacentExternals(connections)) {
    const key = `${endpointName(c.src)}\u0000${endpointName(c.dst)}`;
    const text = formatConnSet(c.conns);
    const previous = out.get(key);
    // Label variants of one owner print alike; keep every distinct verdict.
    out.set(key, previous && previous !== text ? `${previous} | ${text}` : text);
  }
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
  const maps = engines.map((engine) => connectionMap(objects, { ...options, engine, extraCidrs }));
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
}

/** Connections added, removed or changed from `before` to `after` (netpol-analyzer `diff` semantics). */
export function diffConnections(
  before: readonly EngineObject[],
  after: readonly EngineObject[],
  options: NetpolOptions = {},
): ConnectionDiff[] {
  const extraCidrs = [...(options.extraCidrs ?? []), ...policyCidrs(before), ...policyCidrs(after)];
  const a = connectionMap(before, { ...options, extraCidrs });
  const b = connectionMap(after, { ...options, extraCidrs });
  const out: ConnectionDiff[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === y) continue;
    const [source, destination] = key.split('\u0000') as [string, string];
    out.push({
      type: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed',
      source,
      destination,
      before: x ?? 'No Connections',
      after: y ?? 'No Connections',
    });
  }
  return out;
}

export function formatDiffTxt(diffs: readonly ConnectionDiff[]): string {
  const lines = ['Connectivity diff:'];
  for (const d of diffs) {
    lines.push(
      `diff-type: ${d.type}, source: ${d.source}, destination: ${d.destination}, ref1: ${d.before}, ref2: ${d.after}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
