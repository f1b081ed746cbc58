/** Connection-list renderings. `txt` is line-compatible with netpol-analyzer's connlist output. */

import { compareCodePoints } from '../../model/order.js';
import { isPublic, NON_PUBLIC_RANGES } from './addresses.js';
import { formatConnSet, plainConnSet } from './connections.js';
import { formatRange, type IpRange } from './ipv4.js';
import type { Connection, Endpoint, ExternalEndpoint } from './model.js';
import { workloadDisplayName } from './workloads.js';

export type ListFormat = 'txt' | 'json' | 'dot' | 'md' | 'csv';
export const LIST_FORMATS: readonly ListFormat[] = ['txt', 'json', 'dot', 'md', 'csv'];

/** Names already shown: a workload is named once, not once per connection it is in. */
const names = new WeakMap<Endpoint, string>();

export function endpointName(endpoint: Endpoint): string {
  let name = names.get(endpoint);
  if (name === undefined) {
    name =
      endpoint.type === 'workload'
        ? workloadDisplayName(endpoint)
        : `${formatRange(endpoint.range)}[External]`;
    names.set(endpoint, name);
  }
  return name;
}

export interface ConnectionLine {
  src: string;
  dst: string;
  conn: string;
}

/**
 * Whether (src, dst, conn) was seen before: by source, then destination, the connection texts (names and texts are
 * shared strings, so no key is built per line).
 */
class SeenLines {
  private readonly bySource = new Map<string, Map<string, string | Set<string>>>();

  add(src: string, dst: string, conn: string): boolean {
    let byDestination = this.bySource.get(src);
    if (!byDestination) {
      byDestination = new Map();
      this.bySource.set(src, byDestination);
    }
    const known = byDestination.get(dst);
    if (known === undefined) byDestination.set(dst, conn);
    else if (typeof known === 'string') {
      if (known === conn) return false;
      byDestination.set(dst, new Set([known, conn]));
    } else {
      if (known.has(conn)) return false;
      known.add(conn);
    }
    return true;
  }
}

/**
 * Distinct lines, sorted as netpol-analyzer sorts them (by source, then destination). Sorted first (stable, so lines
 * of one source and destination keep the order they came in), then each run of one source and destination keeps the
 * first line of each text: the same lines as de-duplicating first, without a key per line.
 */
export function connectionLines(connections: readonly Connection[]): ConnectionLine[] {
  const sorted: ConnectionLine[] = connections
    .map((c) => ({ src: endpointName(c.src), dst: endpointName(c.dst), conn: formatConnSet(c.conns) }))
    .sort((a, b) => compareCodePoints(a.src, b.src) || compareCodePoints(a.dst, b.dst));
  const out: ConnectionLine[] = [];
  let runStart = 0;
  for (const line of sorted) {
    const first = out[runStart];
    if (first === undefined || first.src !== line.src || first.dst !== line.dst) runStart = out.length;
    else {
      let repeated = false;
      for (let index = runStart; index < out.length && !repeated; index++)
        repeated = out[index]!.conn === line.conn;
      if (repeated) continue;
    }
    out.push(line);
  }
  return out;
}

/**
 * Joins adjacent external blocks that have the same connections with the same workload, for reading.
 * (netpol-analyzer prints every disjoint block; its profile keeps them apart for line compatibility.)
 */
export function mergeAdjacentExternals<T extends Connection>(
  connections: readonly T[],
  options: { keepSpecials?: boolean } = {},
): Connection[] {
  const kept: Connection[] = [];
  const groups = new Map<string, Connection[]>();
  for (const c of connections) {
    const external = c.src.type === 'external' ? 'src' : c.dst.type === 'external' ? 'dst' : undefined;
    if (!external) {
      kept.push(c);
      continue;
    }
    const other = external === 'src' ? c.dst : c.src;
    const key = `${external}\u0000${other.type === 'workload' ? other.index : -1}\u0000${formatConnSet(c.conns)}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  for (const list of groups.values()) {
    const side = list[0]!.src.type === 'external' ? 'src' : 'dst';
    const sorted = [...list].sort(
      (a, b) => (a[side] as ExternalEndpoint).range.start - (b[side] as ExternalEndpoint).range.start,
    );
    let current: Connection | undefined;
    for (const c of sorted) {
      const block = c[side] as ExternalEndpoint;
      const previous = current?.[side] as ExternalEndpoint | undefined;
      if (
        current &&
        previous &&
        previous.range.end + 1 === block.range.start &&
        !(options.keepSpecials && (previous.special || block.special))
      ) {
        const merged: ExternalEndpoint = {
          type: 'external',
          index: previous.index,
          range: { start: previous.range.start, end: block.range.end },
        };
        current = { ...current, [side]: merged };
      } else {
        if (current) kept.push(current);
        current = c;
      }
    }
    if (current) kept.push(current);
  }
  return kept;
}

/** `public` (Internet), `private` (RFC 1918, CGNAT, link-local, loopback) or `mixed`. */
export function addressScope(range: IpRange): 'public' | 'private' | 'mixed' {
  const publicPart = isPublic(range);
  const allPublic = !NON_PUBLIC_RANGES.some((r) => r.start <= range.end && range.start <= r.end);
  return allPublic ? 'public' : publicPart ? 'mixed' : 'private';
}

export function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function dotId(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One `-o json` item of `netpol list`. */
export interface ConnectionJsonItem {
  src: string;
  dst: string;
  conn: string;
  [key: string]: unknown;
}

/** The distinct `-o json` items of these connections, in their order: names, ports, and external blocks' scope. */
export function connectionJsonItems(connections: readonly Connection[]): ConnectionJsonItem[] {
  const seen = new SeenLines();
  const items: ConnectionJsonItem[] = [];
  for (const c of connections) {
    const src = endpointName(c.src);
    const dst = endpointName(c.dst);
    const conn = formatConnSet(c.conns);
    if (!seen.add(src, dst, conn)) continue;
    const item: ConnectionJsonItem = { src, dst, conn, ports: plainConnSet(c.conns) };
    for (const [side, endpoint] of [
      ['src', c.src],
      ['dst', c.dst],
    ] as const) {
      if (endpoint.type !== 'external') continue;
      if (endpoint.special) item[`${side}Name`] = endpoint.special;
      item[`${side}Scope`] = addressScope(endpoint.range);
    }
    items.push(item);
  }
  return items;
}

export function formatConnections(connections: readonly Connection[], format: ListFormat): string {
  const lines = connectionLines(connections);
  switch (format) {
    case 'txt':
      return lines.map((l) => `${l.src} => ${l.dst} : ${l.conn}`).join('\n') + (lines.length ? '\n' : '');
    case 'csv':
      return (
        ['src,dst,conn', ...lines.map((l) => [l.src, l.dst, l.conn].map(csvField).join(','))].join('\n') +
        '\n'
      );
    case 'md':
      return (
        [
          '| src | dst | conn |',
          '|-----|-----|------|',
          ...lines.map((l) => `| ${l.src} | ${l.dst} | ${l.conn} |`),
        ].join('\n') + '\n'
      );
    case 'json': {
      const items = connectionJsonItems(connections).sort(
        (a, b) => compareCodePoints(a.src, b.src) || compareCodePoints(a.dst, b.dst),
      );
      return `${JSON.stringify(items, null, 2)}\n`;
    }
    case 'dot': {
      const byNamespace = new Map<string, Set<string>>();
      const externals = new Set<string>();
      for (const c of connections) {
        for (const e of [c.src, c.dst]) {
          if (e.type === 'external') externals.add(endpointName(e));
          else {
            const set = byNamespace.get(e.namespace) ?? new Set<string>();
            set.add(endpointName(e));
            byNamespace.set(e.namespace, set);
          }
        }
      }
      const out = ['digraph {'];
      for (const [ns, names] of [...byNamespace].sort(([a], [b]) => (a < b ? -1 : 1))) {
        out.push(`\tsubgraph ${dotId(`cluster_${ns}`)} {`, `\t\tlabel=${dotId(`${ns}[namespace]`)}`);
        for (const name of [...names].sort()) out.push(`\t\t${dotId(name)} [label=${dotId(name)} shape=box]`);
        out.push('\t}');
      }
      for (const name of [...externals].sort())
        out.push(`\t${dotId(name)} [label=${dotId(name)} shape=house]`);
      for (const l of lines) out.push(`\t${dotId(l.src)} -> ${dotId(l.dst)} [label=${dotId(l.conn)}]`);
      out.push('}');
      return `${out.join('\n')}\n`;
    }
  }
}
