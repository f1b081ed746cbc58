/**
 * The connectivity graph of the HTML report, from the netpol engine: namespaces and the special peers (Internet,
 * other private addresses, IMDS, Azure wireserver, API server, the virtual ingress controller) as nodes, allowed
 * connections as edges, aggregated by namespace; one drill-down per namespace shows its workloads.
 *
 * Readability at scale (600 namespaces): a namespace every other namespace may reach (or that may reach every
 * other) gets one edge from (to) an "any namespace" node instead of one per namespace; namespaces whose edges are
 * then the same are drawn as one group node; beyond the caps, nodes and edges are left out and counted.
 */
import { NON_PUBLIC_RANGES } from '../../engines/netpol/addresses.js';
import type { NetpolAnalysis } from '../../engines/netpol/analyze.js';
import { type ConnSet, formatConnSet, isAll, union } from '../../engines/netpol/connections.js';
import { type IpRange, ipv4ToNumber, rangesOverlap } from '../../engines/netpol/ipv4.js';
import type { Endpoint, EngineObject, ExternalEndpoint } from '../../engines/netpol/model.js';
import { workloadDisplayName } from '../../engines/netpol/workloads.js';
import type { Graph, GraphEdge, GraphNode, NodeKind } from './graph.js';

export interface ConnectivityOptions {
  /** Nodes of the overview, special peers included (default 120). */
  maxNodes?: number;
  /** Edges of the overview (default 300). */
  maxEdges?: number;
  /** Namespaces whose drill-down is drawn (default 40); the others get their edges as a table. */
  maxDrillDowns?: number;
  /** Peers drawn in one drill-down; the rest become one "more" node (default 24). */
  maxDrillPeers?: number;
}

export interface DrillDown {
  namespace: string;
  /** Workloads of the namespace. */
  workloads: number;
  graph: Graph;
  /** Drawn as a diagram; false: beyond `maxDrillDowns`, shown as a table only. */
  drawn: boolean;
}

export interface ConnectivityView {
  engine: string;
  engineWhy: string;
  namespaces: number;
  workloads: number;
  /** Allowed connections the engine listed (pairs of endpoints). */
  connections: number;
  overview: Graph;
  drillDowns: DrillDown[];
  /** Namespaces beyond `maxDrillDowns`, whose drill-down is a table only. */
  drillDownsOmitted: number;
  /** Whether the API server's address was given, so that it is a node of its own. */
  apiServerKnown: boolean;
}

const IMDS = ipv4ToNumber('169.254.169.254');
const WIRESERVER = ipv4ToNumber('168.63.129.16');

interface Special {
  key: string;
  label: string;
  kind: NodeKind;
  detail: string;
}

const SPECIALS: Record<string, Special> = {
  internet: { key: 'special:internet', label: 'Internet', kind: 'internet', detail: 'public addresses' },
  private: {
    key: 'special:private',
    label: 'Private addresses',
    kind: 'private',
    detail: 'VNet, peered and on-premises ranges',
  },
  imds: { key: 'special:imds', label: 'IMDS', kind: 'imds', detail: '169.254.169.254' },
  wireserver: {
    key: 'special:wireserver',
    label: 'Azure wireserver',
    kind: 'wireserver',
    detail: '168.63.129.16',
  },
  apiServer: { key: 'special:api-server', label: 'API server', kind: 'api-server', detail: 'as given' },
  ingress: {
    key: 'special:ingress-controller',
    label: 'Ingress controller',
    kind: 'ingress-controller',
    detail: 'virtual: what Ingress objects ask',
  },
  any: {
    key: 'special:any-namespace',
    label: 'Any namespace',
    kind: 'any-namespace',
    detail: 'every namespace',
  },
};

const SPECIAL_BY_KEY = new Map(Object.values(SPECIALS).map((special) => [special.key, special]));

function contains(range: IpRange, address: number): boolean {
  return range.start <= address && address <= range.end;
}

/** The classes of address an external block reaches: a block may hold the Internet, private ranges and IMDS. */
function externalKeys(block: ExternalEndpoint): string[] {
  if (block.special === 'API server') return [SPECIALS.apiServer!.key];
  const keys: string[] = [];
  if (contains(block.range, IMDS)) keys.push(SPECIALS.imds!.key);
  if (contains(block.range, WIRESERVER)) keys.push(SPECIALS.wireserver!.key);
  const single = block.range.start === block.range.end;
  if (single && keys.length > 0) return keys;
  if (rangesOverlap(block.range, NON_PUBLIC_RANGES)) keys.push(SPECIALS.private!.key);
  if (hasPublic(block.range)) keys.push(SPECIALS.internet!.key);
  return keys;
}

function hasPublic(range: IpRange): boolean {
  let next = range.start;
  for (const block of NON_PUBLIC_RANGES) {
    if (block.end < next) continue;
    if (block.start > next) return next <= range.end;
    next = block.end + 1;
    if (next > range.end) return false;
  }
  return next <= range.end;
}

type PairMap = Map<string, Map<string, ConnSet>>;

function addPair(map: PairMap, from: string, to: string, conns: ConnSet): void {
  let row = map.get(from);
  if (!row) {
    row = new Map();
    map.set(from, row);
  }
  const previous = row.get(to);
  // Most pairs repeat: once a pair allows everything, nothing can add to it.
  if (previous === undefined) row.set(to, conns);
  else if (previous !== conns && !isAll(previous)) row.set(to, union(previous, conns));
}

const nsKey = (namespace: string) => `ns:${namespace}`;
const wlKey = (name: string) => `wl:${name}`;

/** Sorted by code points, so the report does not depend on the locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function connectivityView<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  options: ConnectivityOptions = {},
): ConnectivityView {
  const maxNodes = options.maxNodes ?? 120;
  const maxEdges = options.maxEdges ?? 300;
  const maxDrillDowns = options.maxDrillDowns ?? 40;
  const maxDrillPeers = options.maxDrillPeers ?? 24;

  const workloadsByNamespace = new Map<string, Set<string>>();
  for (const w of analysis.workloads) {
    if (w.virtual) continue;
    const set = workloadsByNamespace.get(w.namespace) ?? new Set<string>();
    set.add(workloadDisplayName(w));
    workloadsByNamespace.set(w.namespace, set);
  }
  const namespaces = [...workloadsByNamespace.keys()].sort(byCodePoint);
  const drillNamespaces = new Set(namespaces);

  const overview: PairMap = new Map();
  const drills = new Map<string, PairMap>();
  const drillOf = (namespace: string): PairMap => {
    let map = drills.get(namespace);
    if (!map) {
      map = new Map();
      drills.set(namespace, map);
    }
    return map;
  };
  const outer = (endpoint: Endpoint<T>): string[] =>
    endpoint.type === 'external'
      ? externalKeys(endpoint)
      : endpoint.virtual
        ? [SPECIALS.ingress!.key]
        : [nsKey(endpoint.namespace)];
  let connections = 0;
  analysis.forEachConnection((c) => {
    connections++;
    const from = outer(c.src);
    const to = outer(c.dst);
    for (const f of from) for (const t of to) addPair(overview, f, t, c.conns);
    const srcNs = c.src.type === 'workload' && !c.src.virtual ? c.src.namespace : undefined;
    const dstNs = c.dst.type === 'workload' && !c.dst.virtual ? c.dst.namespace : undefined;
    if (srcNs !== undefined && drillNamespaces.has(srcNs)) {
      const src = wlKey(workloadDisplayName(c.src as never));
      const targets = dstNs === srcNs ? [wlKey(workloadDisplayName(c.dst as never))] : to;
      for (const t of targets) addPair(drillOf(srcNs), src, t, c.conns);
    }
    if (dstNs !== undefined && dstNs !== srcNs && drillNamespaces.has(dstNs)) {
      const dst = wlKey(workloadDisplayName(c.dst as never));
      for (const f of from) addPair(drillOf(dstNs), f, dst, c.conns);
    }
  });

  const drillDowns: DrillDown[] = namespaces.map((namespace) => ({
    namespace,
    workloads: workloadsByNamespace.get(namespace)?.size ?? 0,
    graph: drillDownGraph(namespace, workloadsByNamespace, drills.get(namespace) ?? new Map(), maxDrillPeers),
    drawn: false,
  }));
  const drillIds = new Map(drillDowns.map((d) => [nsKey(d.namespace), d.graph.id]));
  const overviewDrawing = overviewGraph(
    namespaces,
    workloadsByNamespace,
    overview,
    drillIds,
    maxNodes,
    maxEdges,
  );
  // Draw first the namespaces the overview shows alone, then one of each group of namespaces alike, then the rest.
  const order = new Map<string, number>();
  for (const node of overviewDrawing.nodes) {
    if (node.kind === 'namespace') order.set(node.id, 0);
    if (node.kind === 'group') order.set(nsKey(node.members![0]!), 1);
  }
  const ranked = [...drillDowns].sort(
    (a, b) =>
      (order.get(nsKey(a.namespace)) ?? 2) - (order.get(nsKey(b.namespace)) ?? 2) ||
      byCodePoint(a.namespace, b.namespace),
  );
  for (const drill of ranked.slice(0, maxDrillDowns)) drill.drawn = true;
  return {
    engine: analysis.engine,
    engineWhy: analysis.engineWhy,
    namespaces: namespaces.length,
    workloads: analysis.workloads.filter((w) => !w.virtual).length,
    connections,
    overview: overviewDrawing,
    drillDowns,
    drillDownsOmitted: Math.max(0, drillDowns.length - maxDrillDowns),
    apiServerKnown: [...analysis.destinationBlocks, ...analysis.sourceBlocks].some(
      (block) => block.special === 'API server',
    ),
  };
}

function listIn<V>(map: Map<string, V[]>, key: string): V[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/** The label of edges merged into one: their connections when all alike, else `various connections`. */
function commonLabel(labels: readonly string[]): string {
  return labels.every((label) => label === labels[0]) ? labels[0]! : 'various connections';
}

function specialNode(key: string): GraphNode {
  const special = SPECIAL_BY_KEY.get(key)!;
  return { id: key, label: special.label, kind: special.kind, detail: special.detail };
}

interface Collapsed {
  /** Nodes for the `own` keys: one per key, or one per group of keys with the same edges. */
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * Makes a set of nodes readable: among the `own` keys (namespaces, or the workloads of one namespace), a key that
 * every other own key reaches gets one edge from the hub instead (and likewise for a key that reaches every
 * other one); then own keys with exactly the same edges become one group node. Edges between other endpoints are
 * kept as they are.
 */
function collapse(
  edges: readonly GraphEdge[],
  own: readonly string[],
  inside: ReadonlySet<string>,
  hub: string,
  single: (key: string) => GraphNode,
  group: (keys: readonly string[], index: number) => GraphNode,
): Collapsed {
  const isOwn = new Set(own);
  const between = new Map<string, GraphEdge>();
  for (const edge of edges)
    if (isOwn.has(edge.from) && isOwn.has(edge.to)) between.set(`${edge.from}\u0000${edge.to}`, edge);
  const has = (a: string, b: string) => between.has(`${a}\u0000${b}`);
  const openIn = new Set<string>();
  const openOut = new Set<string>();
  if (own.length >= 3) {
    for (const b of own) if (own.every((a) => a === b || has(a, b))) openIn.add(b);
    for (const a of own) if (own.every((b) => a === b || has(a, b))) openOut.add(a);
  }
  const kept: GraphEdge[] = [];
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    if (isOwn.has(edge.from) && isOwn.has(edge.to) && (openIn.has(edge.to) || openOut.has(edge.from)))
      continue;
    kept.push(edge);
  }
  const labelsBetween = (pairs: [string, string][]) =>
    commonLabel(pairs.map(([a, b]) => between.get(`${a}\u0000${b}`)!.label));
  for (const b of openIn)
    kept.push({ from: hub, to: b, label: labelsBetween(own.filter((a) => a !== b).map((a) => [a, b])) });
  for (const a of openOut)
    kept.push({ from: a, to: hub, label: labelsBetween(own.filter((b) => b !== a).map((b) => [a, b])) });

  const signature = new Map<string, string[]>();
  for (const edge of kept) {
    if (isOwn.has(edge.from)) listIn(signature, edge.from).push(`>${edge.to}\u0000${edge.label}`);
    if (isOwn.has(edge.to)) listIn(signature, edge.to).push(`<${edge.from}\u0000${edge.label}`);
  }
  const bySignature = new Map<string, string[]>();
  for (const key of own) {
    const sig = `${inside.has(key) ? 'inside' : ''}\u0001${(signature.get(key) ?? []).sort(byCodePoint).join('\u0001')}`;
    listIn(bySignature, sig).push(key);
  }
  const groupOf = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const members of bySignature.values()) {
    if (members.length === 1) {
      nodes.push(single(members[0]!));
      continue;
    }
    const node = group(members, nodes.length);
    for (const key of members) groupOf.set(key, node.id);
    nodes.push(node);
  }
  const seen = new Set<string>();
  const out: GraphEdge[] = [];
  for (const edge of kept) {
    const from = groupOf.get(edge.from) ?? edge.from;
    const to = groupOf.get(edge.to) ?? edge.to;
    const key = `${from}\u0000${to}\u0000${edge.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ from, to, label: edge.label });
  }
  return { nodes, edges: out };
}

function edgesOf(pairs: PairMap): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const [from, row] of pairs)
    for (const [to, conns] of row) if (from !== to) edges.push({ from, to, label: formatConnSet(conns) });
  return edges;
}

function names(keys: readonly string[], prefix: number): string {
  return keys.map((key) => key.slice(prefix)).join(', ');
}

function overviewGraph(
  namespaces: readonly string[],
  workloadsByNamespace: ReadonlyMap<string, ReadonlySet<string>>,
  pairs: PairMap,
  drillIds: ReadonlyMap<string, string>,
  maxNodes: number,
  maxEdges: number,
): Graph {
  const keys = namespaces.map(nsKey);
  const inside = new Set(keys.filter((key) => pairs.get(key)?.has(key)));
  const { nodes, edges } = collapse(
    edgesOf(pairs),
    keys,
    inside,
    SPECIALS.any!.key,
    (key) => {
      const namespace = key.slice(3);
      const count = workloadsByNamespace.get(namespace)?.size ?? 0;
      const node: GraphNode = {
        id: key,
        label: namespace,
        kind: 'namespace',
        detail: `${count} workload${count === 1 ? '' : 's'}${inside.has(key) ? ', connected inside' : ''}`,
      };
      const drill = drillIds.get(key);
      if (drill) node.drill = drill;
      return node;
    },
    (members, index) => ({
      id: `group:${index}`,
      label: `${members.length} namespaces alike`,
      kind: 'group',
      detail: names(members, 3),
      members: members.map((key) => key.slice(3)),
    }),
  );
  addSpecials(nodes, edges);
  return capGraph(
    { id: 'connectivity', title: 'Allowed connections between namespaces', nodes, edges, direction: 'LR' },
    maxNodes,
    maxEdges,
  );
}

/** The special peers (Internet, IMDS, hubs ...) the edges use, in a stable order. */
function addSpecials(nodes: GraphNode[], edges: readonly GraphEdge[]): void {
  const used = new Set<string>();
  for (const edge of edges) used.add(edge.from).add(edge.to);
  for (const key of [...used].filter((key) => SPECIAL_BY_KEY.has(key)).sort(byCodePoint))
    nodes.push(specialNode(key));
}

/** Keeps the special peers and the best-connected nodes, and the edges among them; counts what is left out. */
export function capGraph(graph: Graph, maxNodes: number, maxEdges: number): Graph {
  const degree = new Map<string, number>();
  for (const edge of graph.edges) {
    degree.set(edge.from, (degree.get(edge.from) ?? 0) + 1);
    degree.set(edge.to, (degree.get(edge.to) ?? 0) + 1);
  }
  const fixed = (node: GraphNode) => SPECIAL_BY_KEY.has(node.id);
  let nodes = graph.nodes;
  if (nodes.length > maxNodes) {
    const rest = nodes
      .filter((node) => !fixed(node))
      .sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || byCodePoint(a.id, b.id));
    const keep = new Set(rest.slice(0, Math.max(0, maxNodes - nodes.filter(fixed).length)));
    nodes = nodes.filter((node) => fixed(node) || keep.has(node));
  }
  const kept = new Set(nodes.map((node) => node.id));
  let edges = graph.edges.filter((edge) => kept.has(edge.from) && kept.has(edge.to));
  if (edges.length > maxEdges) {
    // Edges to and from the special peers (Internet, IMDS ...) matter most: keep them first.
    const special = (edge: GraphEdge) => SPECIAL_BY_KEY.has(edge.from) || SPECIAL_BY_KEY.has(edge.to);
    edges = [...edges.filter(special), ...edges.filter((edge) => !special(edge))].slice(0, maxEdges);
  }
  const droppedNodes = graph.nodes.length - nodes.length;
  const droppedEdges = graph.edges.length - edges.length;
  const out: Graph = { ...graph, nodes, edges };
  if (droppedNodes > 0 || droppedEdges > 0) out.truncated = { nodes: droppedNodes, edges: droppedEdges };
  return out;
}

function drillDownGraph(
  namespace: string,
  workloadsByNamespace: ReadonlyMap<string, ReadonlySet<string>>,
  pairs: PairMap,
  maxPeers: number,
): Graph {
  const own = [...(workloadsByNamespace.get(namespace) ?? [])].sort(byCodePoint).map(wlKey);
  const otherNamespaces = [...workloadsByNamespace.keys()].filter((ns) => ns !== namespace).length;
  let edges = edgesOf(pairs);
  // A workload reached from (reaching) every other namespace gets one edge from (to) "any namespace".
  const any = SPECIALS.any!.key;
  if (otherNamespaces >= 3) {
    const replaced = new Set<GraphEdge>();
    const hubEdges: GraphEdge[] = [];
    for (const key of own) {
      const incoming = edges.filter((edge) => edge.to === key && edge.from.startsWith('ns:'));
      const outgoing = edges.filter((edge) => edge.from === key && edge.to.startsWith('ns:'));
      if (incoming.length === otherNamespaces) {
        hubEdges.push({ from: any, to: key, label: commonLabel(incoming.map((edge) => edge.label)) });
        for (const edge of incoming) replaced.add(edge);
      }
      if (outgoing.length === otherNamespaces) {
        hubEdges.push({ from: key, to: any, label: commonLabel(outgoing.map((edge) => edge.label)) });
        for (const edge of outgoing) replaced.add(edge);
      }
    }
    edges = [...hubEdges, ...edges.filter((edge) => !replaced.has(edge))];
  }
  const hubKey = `hub:${namespace}`;
  const collapsed = collapse(
    edges,
    own,
    new Set(),
    hubKey,
    (key) => ({ id: key, label: key.slice(namespace.length + 4), kind: 'workload' }),
    (members, index) => ({
      id: `group:${index}`,
      label: `${members.length} workloads alike`,
      kind: 'group',
      detail: names(members, namespace.length + 4),
    }),
  );
  // Peers beyond the cap become one "more" node.
  const peers = new Map<string, number>();
  const drawn = new Set(collapsed.nodes.map((node) => node.id));
  for (const edge of collapsed.edges)
    for (const end of [edge.from, edge.to])
      if (!drawn.has(end) && !SPECIAL_BY_KEY.has(end) && end !== hubKey)
        peers.set(end, (peers.get(end) ?? 0) + 1);
  const ranked = [...peers.keys()].sort((a, b) => peers.get(b)! - peers.get(a)! || byCodePoint(a, b));
  const shown = new Set(ranked.slice(0, maxPeers));
  const hidden = new Set(ranked.filter((key) => !shown.has(key)));
  const more = 'more';
  const nodes = [...collapsed.nodes];
  for (const key of [...shown].sort(byCodePoint))
    nodes.push({ id: key, label: key.slice(3), kind: 'peer', detail: 'namespace' });
  if (collapsed.edges.some((edge) => edge.from === hubKey || edge.to === hubKey))
    nodes.push({
      id: hubKey,
      label: `Any workload of ${namespace}`,
      kind: 'any-namespace',
      detail: 'every other workload of the namespace',
    });
  const seen = new Set<string>();
  const finalEdges: GraphEdge[] = [];
  for (const edge of collapsed.edges) {
    const from = hidden.has(edge.from) ? more : edge.from;
    const to = hidden.has(edge.to) ? more : edge.to;
    const label = from === more || to === more ? 'various connections' : edge.label;
    const key = `${from}\u0000${to}\u0000${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    finalEdges.push({ from, to, label });
  }
  if (hidden.size > 0)
    nodes.push({
      id: more,
      label: `${hidden.size} more namespaces`,
      kind: 'more',
      detail: 'see the overview',
    });
  addSpecials(nodes, finalEdges);
  return {
    id: `drill-${namespace}`,
    title: `Connections of the workloads of namespace ${namespace}`,
    nodes,
    edges: finalEdges,
    direction: 'LR',
  };
}
