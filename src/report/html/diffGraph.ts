/**
 * The diff views of the HTML report: `netpol diff` (connections added, removed or changed between two versions)
 * and `netpol list --compare-engines` (verdicts that differ between engines), as a coloured graph of the
 * endpoints involved and a table. Endpoints are the engine's names (`ns/name[Kind]`, `a.b.c.d-e.f.g.h[External]`,
 * `{ingress-controller}`); beyond the node cap the graph is aggregated by namespace.
 */
import type { ConnectionDiff, EngineDifference } from '../../engines/netpol/compare.js';
import type { EdgeChange, Graph, GraphEdge, GraphNode, NodeKind } from './graph.js';

export interface DiffRow {
  change?: EdgeChange;
  source: string;
  destination: string;
  /** One value per column of the view (before/after, or one per engine). */
  values: string[];
}

export interface DiffView {
  title: string;
  /** Column names of `values`: `before`, `after`, or the engines. */
  columns: string[];
  rows: DiffRow[];
  graph: Graph;
}

const IMDS_NAME = '169.254.169.254-169.254.169.254[External]';

interface Endpoint {
  id: string;
  label: string;
  kind: NodeKind;
  namespace?: string;
  detail?: string;
}

function endpointOf(name: string): Endpoint {
  const workload = /^([^/[\]]+)\/(.+)\[([A-Za-z]+)\]$/.exec(name);
  if (workload)
    return {
      id: `wl:${name}`,
      label: `${workload[2]}`,
      kind: 'workload',
      namespace: workload[1]!,
      detail: `${workload[1]} · ${workload[3]}`,
    };
  if (name === IMDS_NAME)
    return { id: `ext:${name}`, label: 'IMDS', kind: 'imds', detail: '169.254.169.254' };
  const external = /^(.+)\[External\]$/.exec(name);
  if (external)
    return { id: `ext:${name}`, label: external[1]!, kind: 'internet', detail: 'external addresses' };
  return { id: `other:${name}`, label: name, kind: 'ingress-controller' };
}

function combined(changes: readonly (EdgeChange | undefined)[]): EdgeChange | undefined {
  return changes.every((change) => change === changes[0]) ? changes[0] : 'changed';
}

/** Nodes and edges of the rows; aggregated by namespace when there are more endpoints than `maxNodes`. */
export function diffGraph(
  id: string,
  title: string,
  rows: readonly DiffRow[],
  label: (row: DiffRow) => string,
  maxNodes = 120,
): Graph {
  const endpoints = new Map<string, Endpoint>();
  for (const row of rows)
    for (const name of [row.source, row.destination])
      if (!endpoints.has(name)) endpoints.set(name, endpointOf(name));
  const aggregate = endpoints.size > maxNodes;
  const nodeOf = (name: string): Endpoint => {
    const endpoint = endpoints.get(name)!;
    if (!aggregate || endpoint.namespace === undefined) return endpoint;
    return {
      id: `ns:${endpoint.namespace}`,
      label: endpoint.namespace,
      kind: 'namespace',
      detail: 'namespace',
    };
  };
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, { from: string; to: string; rows: DiffRow[] }>();
  for (const row of rows) {
    const from = nodeOf(row.source);
    const to = nodeOf(row.destination);
    for (const node of [from, to])
      if (!nodes.has(node.id)) {
        const graphNode: GraphNode = { id: node.id, label: node.label, kind: node.kind };
        if (node.detail) graphNode.detail = node.detail;
        nodes.set(node.id, graphNode);
      }
    const key = `${from.id}\u0000${to.id}`;
    const edge = edges.get(key) ?? { from: from.id, to: to.id, rows: [] };
    edge.rows.push(row);
    edges.set(key, edge);
  }
  const graphEdges: GraphEdge[] = [...edges.values()].map((edge) => {
    const change = combined(edge.rows.map((row) => row.change));
    const out: GraphEdge = {
      from: edge.from,
      to: edge.to,
      label: edge.rows.length === 1 ? label(edge.rows[0]!) : `${edge.rows.length} connections differ`,
    };
    if (change) out.change = change;
    return out;
  });
  return { id, title, nodes: [...nodes.values()], edges: graphEdges, direction: 'LR' };
}

export function connectionDiffView(diffs: readonly ConnectionDiff[], maxNodes?: number): DiffView {
  const rows: DiffRow[] = diffs.map((diff) => ({
    change: diff.type,
    source: diff.source,
    destination: diff.destination,
    values: [diff.before, diff.after],
  }));
  return {
    title: 'Connections added, removed or changed',
    columns: ['before', 'after'],
    rows,
    graph: diffGraph(
      'netpol-diff',
      'Connections that differ between the two versions',
      rows,
      (row) =>
        row.change === 'added'
          ? row.values[1]!
          : row.change === 'removed'
            ? row.values[0]!
            : `${row.values[0]} → ${row.values[1]}`,
      maxNodes,
    ),
  };
}

export function engineDiffView(
  engines: readonly string[],
  differences: readonly EngineDifference[],
  maxNodes?: number,
): DiffView {
  const rows: DiffRow[] = differences.map((difference) => ({
    change: 'changed',
    source: difference.source,
    destination: difference.destination,
    values: engines.map((engine) => difference.verdicts[engine] ?? 'No Connections'),
  }));
  return {
    title: `Verdicts that differ between ${engines.join(', ')}`,
    columns: [...engines],
    rows,
    graph: diffGraph(
      'engine-diff',
      `Connections whose verdict differs between ${engines.join(', ')}`,
      rows,
      (row) => engines.map((engine, i) => `${engine}: ${row.values[i]}`).join(' | '),
      maxNodes,
    ),
  };
}
