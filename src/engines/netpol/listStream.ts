/**
 * `netpol list` written source by source: the connections of one source (or of the sources printed under one
 * name) are computed, merged, de-duplicated and sorted, written, and dropped, so memory follows the largest source
 * rather than every line of the cluster. The text is identical to `formatConnections` over every connection.
 */
import { compareCodePoints } from '../../model/order.js';
import { escapeControl } from '../../report/escape.js';
import { safeJson } from '../../report/stream.js';
import type { NetpolAnalysis } from './analyze.js';
import {
  type ConnectionJsonItem,
  connectionJsonItems,
  csvField,
  dotId,
  endpointName,
  type ListFormat,
  mergeAdjacentExternals,
} from './format.js';
import { type GroupLine, GroupLines } from './groupLines.js';
import type { Connection, Endpoint, EngineObject } from './model.js';

export interface ListStreamOptions {
  /** Join adjacent external blocks (the AKS engines); netpol-analyzer prints every block. */
  merge: boolean;
}

interface SourceGroup {
  name: string;
  /** The group's sources, for the DOT nodes (every source of a group has the group's name). */
  source: Endpoint;
  /** Its connections, merged as the format merges them (the JSON list). */
  connections(): Connection[];
  /** Visits its connections into `lines` (unmerged for workloads, merged for external sources). */
  visit(lines: GroupLines): void;
}

/** The sources in the order their lines are printed (by name), each with a producer of its connections. */
function sourceGroups<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  merge: (list: Connection[]) => Connection[],
): SourceGroup[] {
  const groups: SourceGroup[] = [];
  const byName = new Map<string, Parameters<typeof analysis.forEachConnectionFrom>[0][]>();
  const endpoints = analysis.ingressController
    ? [...analysis.workloads, analysis.ingressController]
    : analysis.workloads;
  for (const endpoint of endpoints) {
    const name = endpointName(endpoint);
    const list = byName.get(name);
    if (list) list.push(endpoint);
    else byName.set(name, [endpoint]);
  }
  for (const [name, members] of byName)
    groups.push({
      name,
      source: members[0]!,
      connections: () => {
        const list: Connection[] = [];
        for (const endpoint of members) analysis.forEachConnectionFrom(endpoint, (c) => list.push(c));
        return merge(list);
      },
      visit: (lines) => {
        for (const endpoint of members) analysis.forEachConnectionFrom(endpoint, lines.add);
      },
    });
  // External sources are merged across blocks (adjacent blocks towards one workload), so they are computed
  // together; their number follows the policies' ipBlocks, not the workloads.
  const external: Connection[] = [];
  for (const block of analysis.sourceBlocks) analysis.forEachConnectionFrom(block, (c) => external.push(c));
  const externalByName = new Map<string, Connection[]>();
  for (const connection of merge(external)) {
    const name = endpointName(connection.src);
    const list = externalByName.get(name);
    if (list) list.push(connection);
    else externalByName.set(name, [connection]);
  }
  // Already merged: their destinations are workloads, which GroupLines keeps as they come.
  for (const [name, list] of externalByName)
    groups.push({
      name,
      source: list[0]!.src,
      connections: () => list,
      visit: (lines) => {
        for (const connection of list) lines.add(connection);
      },
    });
  return groups.sort((a, b) => compareCodePoints(a.name, b.name));
}

/** Text is handed on in pieces of about this many characters; the writer joins them into blocks (report/stream.ts). */
const PIECE = 4 * 1024;

/** The JSON items of one source group: de-duplicated, sorted by destination. */
function jsonItems(connections: readonly Connection[]): ConnectionJsonItem[] {
  return connectionJsonItems(connections).sort((a, b) => compareCodePoints(a.dst, b.dst));
}

/**
 * One item of the top-level JSON array as `jsonChunks` writes it (JSON.stringify of the item, indented one level,
 * with the terminal-unsafe characters escaped): one call per item instead of one piece per member.
 */
function jsonItemText(item: ConnectionJsonItem): string {
  return safeJson(item)!.replace(/\n/g, '\n  ');
}

/** The connection list in `format`, in pieces, source by source (one piece per source). */
export function* connectionListChunks<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  format: ListFormat,
  options: ListStreamOptions,
): Generator<string> {
  const merge = (list: Connection[]) =>
    options.merge ? mergeAdjacentExternals(list, { keepSpecials: format === 'json' }) : list;
  const groups = sourceGroups(analysis, merge);
  const collector = new GroupLines(analysis.workloads, {
    merge: options.merge,
    keepSpecials: format === 'json',
  });
  /** The lines of one group, through the reused collector (consumed before the next group starts). */
  const linesOf = (group: SourceGroup): Generator<GroupLine> => {
    collector.reset();
    group.visit(collector);
    return collector.lines();
  };
  // One line per connection: a newline or escape sequence in a name from input is shown escaped (once per name).
  const escaped = new Map<string, string>();
  const shown = (name: string): string => {
    let text = escaped.get(name);
    if (text === undefined) {
      text = escapeControl(name);
      escaped.set(name, text);
    }
    return text;
  };
  /** The lines of each group in pieces of about 4 KiB (the writer joins them into blocks of 64 KiB). */
  function* perGroup(line: (src: string, dst: string, conn: string) => string): Generator<string> {
    for (const group of groups) {
      let text = '';
      const src = shown(group.name);
      for (const l of linesOf(group)) {
        text += line(src, shown(l.dstName), l.conn);
        if (text.length >= PIECE) {
          yield text;
          text = '';
        }
      }
      if (text) yield text;
    }
  }
  switch (format) {
    case 'txt':
      yield* perGroup((src, dst, conn) => `${src} => ${dst} : ${conn}\n`);
      return;
    case 'csv':
      yield 'src,dst,conn\n';
      yield* perGroup((src, dst, conn) => `${csvField(src)},${csvField(dst)},${csvField(conn)}\n`);
      return;
    case 'md':
      yield '| src | dst | conn |\n|-----|-----|------|\n';
      yield* perGroup((src, dst, conn) => `| ${src} | ${dst} | ${conn} |\n`);
      return;
    case 'json': {
      // Exactly jsonChunks of the array of items (JSON.stringify(items, null, 2)), written source by source.
      let first = true;
      for (const group of groups) {
        let text = '';
        for (const item of jsonItems(group.connections())) {
          text += `${first ? '[\n  ' : ',\n  '}${jsonItemText(item)}`;
          first = false;
          if (text.length >= PIECE) {
            yield text;
            text = '';
          }
        }
        if (text) yield text;
      }
      yield first ? '[]\n' : '\n]\n';
      return;
    }
    case 'dot': {
      // Nodes come before edges: a first pass collects the endpoints (not the lines), a second writes the edges.
      const byNamespace = new Map<string, Set<string>>();
      const externals = new Set<string>();
      const node = (e: Endpoint): void => {
        if (e.type === 'external') externals.add(shown(endpointName(e)));
        else {
          const set = byNamespace.get(e.namespace) ?? new Set<string>();
          set.add(shown(endpointName(e)));
          byNamespace.set(e.namespace, set);
        }
      };
      // Every endpoint of a connection: the sources of groups with a line, and each line's destination.
      for (const group of groups) {
        let any = false;
        for (const l of linesOf(group)) {
          node(l.dst);
          any = true;
        }
        if (any) node(group.source);
      }
      yield 'digraph {\n';
      for (const [ns, names] of [...byNamespace].sort(([a], [b]) => compareCodePoints(a, b))) {
        yield `\tsubgraph ${dotId(`cluster_${escapeControl(ns)}`)} {\n\t\tlabel=${dotId(`${escapeControl(ns)}[namespace]`)}\n`;
        for (const name of [...names].sort(compareCodePoints))
          yield `\t\t${dotId(name)} [label=${dotId(name)} shape=box]\n`;
        yield '\t}\n';
      }
      for (const name of [...externals].sort(compareCodePoints))
        yield `\t${dotId(name)} [label=${dotId(name)} shape=house]\n`;
      yield* perGroup((src, dst, conn) => `\t${dotId(src)} -> ${dotId(dst)} [label=${dotId(conn)}]\n`);
      yield '}\n';
      return;
    }
    default: {
      // A format added to LIST_FORMATS needs its case here: a compile error until it has one.
      const missing: never = format;
      throw new Error(`no writer for the list format ${String(missing)}`);
    }
  }
}
