import type { Node } from 'yaml';
import { lazyRequire } from '../lazyRequire.js';
import type { Location, PathSegment } from '../model/source.js';
import type { SourceDocument } from './document.js';
import { type PortablePositions, type PositionIndex, PositionTable, type Span } from './positionTable.js';

/**
 * Where a node of a parsed document is: `start` is the offset of its key (map entries) or of the item itself
 * (sequence items), `end` the end of its value. Children mirror the value's shape. Much smaller than the `yaml`
 * syntax tree, and plain data, so it can cross a worker boundary.
 */
export interface PositionNode {
  start: number;
  end?: number;
  entries?: Record<string, PositionNode>;
  items?: PositionNode[];
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function rangeEnd(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[1];
}

const yaml = lazyRequire<typeof import('yaml')>('yaml');

function childrenOf(node: unknown, position: PositionNode): void {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  if (isMap(node)) {
    const entries: Record<string, PositionNode> = Object.create(null);
    for (const pair of node.items) {
      // A `<<` merge key names no property of its own (its entries land in this map).
      if (!isPair(pair) || !isScalar(pair.key) || typeof pair.key.value === 'symbol') continue;
      const key = String(pair.key.value);
      // The first of duplicate keys wins, as a lookup would find it.
      if (key in entries) continue;
      const child: PositionNode = { start: rangeStart(pair.key) ?? position.start };
      const end = rangeEnd(pair.value) ?? rangeEnd(pair.key);
      if (end !== undefined) child.end = end;
      childrenOf(pair.value, child);
      entries[key] = child;
    }
    position.entries = entries;
  } else if (isSeq(node)) {
    position.items = node.items.map((item) => {
      const child: PositionNode = { start: rangeStart(item) ?? position.start };
      const end = rangeEnd(item);
      if (end !== undefined) child.end = end;
      childrenOf(item, child);
      return child;
    });
  }
}

/** The position tree of a document's contents. */
export function positionTreeOf(contents: unknown): PositionNode {
  const root: PositionNode = { start: rangeStart(contents) ?? 0 };
  const end = rangeEnd(contents);
  if (end !== undefined) root.end = end;
  childrenOf(contents, root);
  return root;
}

/** A position tree of small objects (JSON inputs), read like a `PositionTable`. */
export class PositionTree implements PositionIndex {
  constructor(private readonly root: PositionNode) {}

  portable(): PortablePositions {
    return { kind: 'tree', root: this.root };
  }

  span(path: readonly PathSegment[]): Span {
    let node = this.root;
    for (const segment of path) {
      const next = typeof segment === 'number' ? node.items?.[segment] : node.entries?.[segment];
      const child = next ?? (typeof segment === 'number' ? node.entries?.[String(segment)] : undefined);
      if (!child) break;
      node = child;
    }
    return { start: node.start, end: node.end };
  }
}

/** The position index a `portable()` form stands for. */
export function positionsOf(portable: PortablePositions): PositionIndex {
  return portable.kind === 'table'
    ? new PositionTable(portable.data, portable.childBase, portable.keyBase, portable.names, portable.root)
    : new PositionTree(portable.root);
}

/** A parsed document before it is bound to its file: its index in the stream, value and positions. */
export interface ParsedDocument {
  index: number;
  value: unknown;
  tree: PositionIndex;
}

/**
 * Offsets of line starts, for offset → line and column by binary search. Line breaks are YAML's: `\n`, `\r\n`
 * and a lone `\r` (old Mac files), so lines are right whatever the file uses.
 */
export function lineStartsOf(text: string): Uint32Array {
  if (!text.includes('\r')) {
    // Counted first, then written: no array of numbers the size of the file's lines made and copied.
    let lines = 1;
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
    const lineStarts = new Uint32Array(lines);
    let line = 1;
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
      lineStarts[line++] = index + 1;
    return lineStarts;
  }
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) starts.push(index + 1);
  }
  return Uint32Array.from(starts);
}

export function linePosition(lineStarts: Uint32Array, offset: number): { line: number; column: number } {
  const low = lineIndexOf(lineStarts, offset);
  return { line: low + 1, column: columnOf(lineStarts, low, offset) };
}

/**
 * The 1-based column of `offset` on the 0-based line `line`. A Uint32Array element is a uint32 to optimised code: the
 * difference, left as it is, was stored as a heap number (a 16-byte box per column of every finding's location, kept
 * as long as the finding). Offsets are below 2^29 (V8's string length limit), so `| 0` is exact and keeps it a small
 * integer.
 */
function columnOf(lineStarts: Uint32Array, line: number, offset: number): number {
  return (offset - lineStarts[line]! + 1) | 0;
}

/** The 0-based line of `offset`: the last line start at or before it (binary search). */
function lineIndexOf(lineStarts: Uint32Array, offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A document located through its position tree. */
export class IndexedSourceDocument implements SourceDocument {
  constructor(
    readonly file: string,
    readonly index: number,
    readonly value: unknown,
    private readonly tree: PositionIndex,
    private readonly lineStarts: Uint32Array,
  ) {}

  locate(path: readonly PathSegment[]): Location {
    const node = this.tree.span(path);
    // Line and column computed in place (no intermediate { line, column } per end): this runs once per finding.
    const lineStarts = this.lineStarts;
    const startOffset = node.start;
    const startLine = lineIndexOf(lineStarts, startOffset);
    const endOffset = node.end;
    // One literal per shape (not fields added afterwards, which gives the object a second block of properties).
    if (endOffset === undefined || endOffset <= startOffset)
      return { file: this.file, line: startLine + 1, column: columnOf(lineStarts, startLine, startOffset) };
    const endLine = lineIndexOf(lineStarts, endOffset);
    return {
      file: this.file,
      line: startLine + 1,
      column: columnOf(lineStarts, startLine, startOffset),
      endLine: endLine + 1,
      endColumn: columnOf(lineStarts, endLine, endOffset),
    };
  }
}

/** Binds parsed documents to their file, for locating paths as line and column. */
export function bindDocuments(
  file: string,
  lineStarts: Uint32Array,
  documents: readonly ParsedDocument[],
): SourceDocument[] {
  return documents.map(
    (document) => new IndexedSourceDocument(file, document.index, document.value, document.tree, lineStarts),
  );
}
