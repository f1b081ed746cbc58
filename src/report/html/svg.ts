/** Placed graphs as inline SVG: static markup, styled by the page's CSS classes (light and dark). */
import { escapeHtml, safeId } from './escape.js';
import type { PlacedGraph, PlacedNode, Point } from './layout.js';

const r = (value: number) => Math.round(value * 10) / 10;

function pathOf(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  if (rest.length === 0) return `M${r(first!.x)},${r(first!.y)}`;
  // A curve through dagre's bend points: quadratic segments between midpoints.
  let d = `M${r(first!.x)},${r(first!.y)}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const q = rest[i + 1]!;
    d += `Q${r(p.x)},${r(p.y)} ${r((p.x + q.x) / 2)},${r((p.y + q.y) / 2)}`;
  }
  const last = rest[rest.length - 1]!;
  return `${d}L${r(last.x)},${r(last.y)}`;
}

const MARKERS = ['', 'added', 'removed', 'changed'] as const;

function nodeMarkup(node: PlacedNode, drillHref: (id: string) => string): string {
  const x = node.x - node.width / 2;
  const y = node.y - node.height / 2;
  const tip = node.detail ? `${node.label} — ${node.detail}` : node.label;
  const label = node.shownDetail
    ? `<text x="${r(node.x)}" y="${r(node.y - 4)}">${escapeHtml(node.shownLabel)}</text><text class="detail" x="${r(node.x)}" y="${r(node.y + 11)}">${escapeHtml(node.shownDetail)}</text>`
    : `<text x="${r(node.x)}" y="${r(node.y + 4)}">${escapeHtml(node.shownLabel)}</text>`;
  const body = `<title>${escapeHtml(tip)}</title><rect x="${r(x)}" y="${r(y)}" width="${r(node.width)}" height="${r(node.height)}" rx="6"/>${label}`;
  const attributes = `class="node kind-${node.kind}" data-id="${escapeHtml(node.id)}"`;
  if (node.drill)
    return `<a ${attributes} href="#${drillHref(node.drill)}" data-drill="${safeId(node.drill)}">${body}</a>`;
  return `<g ${attributes}>${body}</g>`;
}

/**
 * The SVG of a placed graph. Nodes carry `data-id`, edges `data-from`/`data-to` (the graph's node ids), so tests
 * and the page's script can find them; a node with a drill-down is a link to it (works without script).
 */
export function graphSvg(
  placed: PlacedGraph,
  drillHref: (id: string) => string = (id) => `${safeId(id)}-view`,
): string {
  const id = safeId(placed.graph.id);
  const width = Math.max(placed.width, 40);
  const height = Math.max(placed.height, 20);
  const out: string[] = [
    `<svg class="graph" id="svg-${id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(placed.graph.title)}">`,
    '<defs>',
  ];
  for (const change of MARKERS)
    out.push(
      `<marker id="${id}-arrow${change ? `-${change}` : ''}" class="arrowhead${change ? ` change-${change}` : ''}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker>`,
    );
  out.push('</defs><g class="edges">');
  const labelOf = new Map(placed.nodes.map((node) => [node.id, node.label]));
  for (const edge of placed.edges) {
    const change = edge.change ? ` change-${edge.change}` : '';
    const tip = `${labelOf.get(edge.from) ?? edge.from} → ${labelOf.get(edge.to) ?? edge.to}: ${edge.label}${edge.change ? ` (${edge.change})` : ''}`;
    out.push(
      `<g class="edge${change}" data-from="${escapeHtml(edge.from)}" data-to="${escapeHtml(edge.to)}"><title>${escapeHtml(tip)}</title><path d="${pathOf(edge.points)}" marker-end="url(#${id}-arrow${edge.change ? `-${edge.change}` : ''})"/>`,
    );
    if (edge.labelAt && edge.shownLabel)
      out.push(
        `<text class="edge-label${placed.graph.direction === 'TB' ? ' aside' : ''}" x="${r(edge.labelAt.x)}" y="${r(edge.labelAt.y + 4)}">${escapeHtml(edge.shownLabel)}</text>`,
      );
    out.push('</g>');
  }
  out.push('</g><g class="nodes">');
  for (const node of placed.nodes) out.push(nodeMarkup(node, drillHref));
  out.push('</g></svg>');
  return out.join('');
}
