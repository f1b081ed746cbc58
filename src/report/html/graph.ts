/** The graphs of the HTML report, before layout: nodes and directed edges with their labels. */

export type NodeKind =
  | 'namespace'
  | 'group'
  | 'workload'
  | 'peer'
  | 'any-namespace'
  | 'internet'
  | 'private'
  | 'imds'
  | 'wireserver'
  | 'api-server'
  | 'ingress-controller'
  | 'more'
  | 'subject'
  | 'identity'
  | 'step'
  | 'goal';

export interface GraphNode {
  /** Unique within the graph; made from input, so escaped wherever it is written. */
  id: string;
  label: string;
  kind: NodeKind;
  /** Second line under the label (counts, addresses). */
  detail?: string;
  /** Id of the section this node opens (a namespace's drill-down). */
  drill?: string;
  /** A group node: the names it stands for. */
  members?: string[];
}

export type EdgeChange = 'added' | 'removed' | 'changed';

export interface GraphEdge {
  from: string;
  to: string;
  /** What the edge allows or means (`TCP 80,443`, `All Connections`, a permission). */
  label: string;
  /** Diff views: how the edge changed. */
  change?: EdgeChange;
}

export interface Graph {
  /** Unique in the page; used for the SVG's ids. */
  id: string;
  /** Accessible name of the drawing. */
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Set when nodes or edges were left out to keep the drawing readable (shown as a banner). */
  truncated?: { nodes: number; edges: number };
  /** Left to right (connectivity) or top to bottom (paths). */
  direction?: 'LR' | 'TB';
}
