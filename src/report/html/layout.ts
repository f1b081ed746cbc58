/**
 * Graph layout at report time, in Node, with dagre (layered drawing; MIT). The page then only shows static SVG.
 * dagre keeps nodes in plain objects keyed by id, so it only ever sees synthetic ids (`n0`, `n1` ...), never a
 * name from the input.
 */
import { lazyRequire } from '../../lazyRequire.js';

const dagrePackage = lazyRequire<typeof import('@dagrejs/dagre')>('@dagrejs/dagre');

import type { Graph, GraphEdge, GraphNode } from './graph.js';

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label as drawn (shortened when long; the full one is in the tooltip). */
  shownLabel: string;
  shownDetail?: string;
}

export interface PlacedEdge extends GraphEdge {
  points: Point[];
  /** Where the label is drawn; absent when the graph has too many edges to label them. */
  labelAt?: Point;
  shownLabel?: string;
}

export interface PlacedGraph {
  graph: Graph;
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Width of one character of the drawing's monospace font at 12px, and the margins of a node box. */
export const CHAR_WIDTH = 7.3;
const NODE_PADDING = 20;
const MAX_LABEL = 34;
const MAX_EDGE_LABEL = 28;
/** Above this many edges, labels are left to the tooltips and the table. */
const LABELLED_EDGES = 60;

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function textWidth(text: string): number {
  return [...text].length * CHAR_WIDTH;
}

export function layoutGraph(graph: Graph): PlacedGraph {
  const dagre = dagrePackage();
  const g = new dagre.graphlib.Graph({ multigraph: true });
  const direction = graph.direction ?? 'LR';
  g.setGraph({
    rankdir: direction,
    nodesep: direction === 'LR' ? 14 : 24,
    ranksep: direction === 'LR' ? 70 : 36,
    edgesep: 8,
    marginx: 8,
    marginy: 8,
  });
  const idOf = new Map<string, string>();
  const labelled = graph.edges.length <= LABELLED_EDGES;
  const shown = graph.nodes.map((node, index) => {
    const id = `n${index}`;
    idOf.set(node.id, id);
    const shownLabel = shorten(node.label, MAX_LABEL);
    const shownDetail = node.detail !== undefined ? shorten(node.detail, MAX_LABEL + 4) : undefined;
    const width = Math.ceil(
      Math.max(textWidth(shownLabel), textWidth(shownDetail ?? '') * 0.9) + NODE_PADDING,
    );
    const height = shownDetail !== undefined ? 40 : 28;
    g.setNode(id, { width, height });
    return { shownLabel, shownDetail, width, height };
  });
  const edgeLabels = graph.edges.map((edge, index) => {
    const from = idOf.get(edge.from);
    const to = idOf.get(edge.to);
    if (from === undefined || to === undefined) throw new Error(`edge to a node not in the graph: ${index}`);
    const shownLabel = labelled ? shorten(edge.label, MAX_EDGE_LABEL) : undefined;
    g.setEdge(
      from,
      to,
      shownLabel
        ? { width: textWidth(shownLabel) * 0.85 + 6, height: 14, labelpos: 'c' }
        : { width: 0, height: 0 },
      `e${index}`,
    );
    return shownLabel;
  });
  dagre.layout(g);
  const nodes: PlacedNode[] = graph.nodes.map((node, index) => {
    const placed = g.node(`n${index}`) as { x: number; y: number };
    const out: PlacedNode = {
      ...node,
      x: placed.x,
      y: placed.y,
      width: shown[index]!.width,
      height: shown[index]!.height,
      shownLabel: shown[index]!.shownLabel,
    };
    if (shown[index]!.shownDetail !== undefined) out.shownDetail = shown[index]!.shownDetail;
    return out;
  });
  const edges: PlacedEdge[] = graph.edges.map((edge, index) => {
    const placed = g.edge(idOf.get(edge.from)!, idOf.get(edge.to)!, `e${index}`) as {
      points: Point[];
      x?: number;
      y?: number;
    };
    const out: PlacedEdge = { ...edge, points: placed.points.map((p) => ({ x: p.x, y: p.y })) };
    const shownLabel = edgeLabels[index];
    if (shownLabel !== undefined && placed.x !== undefined && placed.y !== undefined) {
      out.labelAt = { x: placed.x, y: placed.y };
      out.shownLabel = shownLabel;
    }
    return out;
  });
  const size = g.graph() as { width?: number; height?: number };
  return {
    graph,
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes,
    edges,
  };
}

/** A path (subject → step → … → goal) laid out as one column; no layout engine needed for a chain. */
export function layoutChain(graph: Graph): PlacedGraph {
  const gap = 30;
  let y = 8;
  const widths = graph.nodes.map((node) =>
    Math.ceil(
      Math.max(textWidth(shorten(node.label, 80)), textWidth(shorten(node.detail ?? '', 120)) * 0.9) +
        NODE_PADDING,
    ),
  );
  const labelWidths = graph.edges.map((edge) => textWidth(shorten(edge.label, 70)) * 0.85);
  const maxNode = Math.max(0, ...widths);
  const center = 8 + maxNode / 2;
  const nodes: PlacedNode[] = graph.nodes.map((node, index) => {
    const height = node.detail !== undefined ? 40 : 28;
    const placed: PlacedNode = {
      ...node,
      x: center,
      y: y + height / 2,
      width: widths[index]!,
      height,
      shownLabel: shorten(node.label, 80),
    };
    if (node.detail !== undefined) placed.shownDetail = shorten(node.detail, 120);
    y += height + gap;
    return placed;
  });
  const position = new Map(nodes.map((node) => [node.id, node]));
  const edges: PlacedEdge[] = graph.edges.map((edge) => {
    const from = position.get(edge.from)!;
    const to = position.get(edge.to)!;
    const start = { x: center, y: from.y + from.height / 2 };
    const end = { x: center, y: to.y - to.height / 2 };
    return {
      ...edge,
      points: [start, end],
      labelAt: { x: center + 10, y: (start.y + end.y) / 2 },
      shownLabel: shorten(edge.label, 70),
    };
  });
  return {
    graph,
    width: Math.ceil(Math.max(maxNode + 16, center + 10 + Math.max(0, ...labelWidths) + 8)),
    height: Math.max(0, y - gap + 8),
    nodes,
    edges,
  };
}
