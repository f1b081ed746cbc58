import type { PathSegment } from '../model/source.js';
import type { PositionNode } from './positions.js';

/**
 * Where the nodes of one parsed document are, stored compactly: one `Int32Array` of four numbers per node (start,
 * end or -1, first child, child count and kind) followed by the child lists and the key number of each child, and one
 * array of the file's distinct map keys. A tree of small objects with a dictionary per map cost about 4 KB per
 * Kubernetes object; this costs about 24 bytes per node.
 * Plain data (typed array, strings), so it can cross a worker boundary.
 *
 * A node's `start` is the offset of its key (map entries) or of the item itself (sequence items), its end the end of
 * its value; its children mirror the value's shape. In a map, the last child with a key is the one that counts (a
 * duplicate key or a merge wrote it last), as the value holds the last value written.
 */
export interface PositionIndex {
  /** Offsets of the deepest node on `path` that exists (the document's root when none does). */
  span(path: readonly PathSegment[]): Span;
  portable(): PortablePositions;
}

export interface Span {
  start: number;
  /** Absent when the node has no extent (an empty scalar). */
  end: number | undefined;
}

/** A position index as plain data, for `postMessage` (typed arrays are transferred, not copied). */
export type PortablePositions =
  | {
      kind: 'table';
      data: Int32Array;
      childBase: number;
      keyBase: number;
      names: readonly string[];
      root: number;
    }
  | { kind: 'tree'; root: PositionNode };

const KIND_LEAF = 0;
const KIND_MAP = 1;
const KIND_SEQUENCE = 2;
const FIELDS = 4;
/** The key number of a sequence item (it has no key). */
const NO_KEY = -1;

export class PositionTable implements PositionIndex {
  constructor(
    /**
     * `FIELDS` numbers per node, then the child node numbers from `childBase` on, then from `keyBase` on the key of
     * each child slot as a number into `names` (`NO_KEY` for sequence items).
     */
    private readonly data: Int32Array,
    private readonly childBase: number,
    private readonly keyBase: number,
    /** The file's distinct map keys, each once. */
    private readonly names: readonly string[],
    private readonly root: number,
  ) {}

  portable(): PortablePositions {
    return {
      kind: 'table',
      data: this.data,
      childBase: this.childBase,
      keyBase: this.keyBase,
      names: this.names,
      root: this.root,
    };
  }

  span(path: readonly PathSegment[]): Span {
    const data = this.data;
    let node = this.root;
    // An indexed loop, not for-of: paths come as arrays of several element kinds (literals, spreads, shared frozen
    // container paths), and the iterator protocol's inlined checks deoptimised on each new kind.
    for (let index = 0; index < path.length; index++) {
      const segment = path[index]!;
      const at = node * FIELDS;
      const packed = data[at + 3]!;
      const kind = packed & 3;
      const count = packed >>> 2;
      const first = data[at + 2]!;
      let child = -1;
      if (kind === KIND_SEQUENCE) {
        if (typeof segment === 'number' && Number.isInteger(segment) && segment >= 0 && segment < count)
          child = data[this.childBase + first + segment]!;
      } else if (kind === KIND_MAP) {
        const key = typeof segment === 'number' ? String(segment) : segment;
        const names = this.names;
        const keyBase = this.keyBase;
        for (let slot = first + count - 1; slot >= first; slot--) {
          const id = data[keyBase + slot]!;
          if (id !== NO_KEY && names[id] === key) {
            child = data[this.childBase + slot]!;
            break;
          }
        }
      }
      if (child < 0) break;
      node = child;
    }
    const end = data[node * FIELDS + 1]!;
    return { start: data[node * FIELDS]!, end: end < 0 ? undefined : end };
  }
}

export interface BuilderCheckpoint {
  nodes: number;
  children: number;
}

/**
 * Builds position tables while the documents of a file are decoded, depth first: a container's children are
 * collected on a scratch stack while they are decoded (nested containers take theirs off before the parent goes on),
 * and copied together when the container closes. The documents of one file share one typed array and one list of
 * key names (`finish`): an array buffer per document cost more to allocate and collect than the positions themselves,
 * and keys are numbers into the names (a pointer per child slot on the heap was ~6 MB for 10k pod templates, all
 * scanned and copied by the garbage collector).
 */
export class PositionTableBuilder {
  // Typed arrays grown by doubling: plain arrays of numbers cost more to grow and to collect than the positions. The
  // scratch arrays of the last builder that finished are taken over (`finish` copies what it hands out), so reading
  // many files does not allocate and grow them again for each.
  private nodes: Int32Array<ArrayBuffer>;
  private nodeCount = 0;
  private children: Int32Array<ArrayBuffer>;
  /** The key number of each child slot (parallel to `children`). */
  private childKeys: Int32Array<ArrayBuffer>;
  private childCount = 0;
  private stackNodes: Int32Array<ArrayBuffer>;
  private stackKeys: Int32Array<ArrayBuffer>;
  private stackCount = 0;
  /** The key names of this builder's tables, and each name's number. */
  private names: string[] = [];
  private keyNumbers = new Map<string, number>();

  constructor() {
    const spare = spareScratch;
    spareScratch = undefined;
    this.nodes = spare?.nodes ?? new Int32Array(1024);
    this.children = spare?.children ?? new Int32Array(1024);
    this.childKeys = spare?.childKeys ?? new Int32Array(1024);
    this.stackNodes = spare?.stackNodes ?? new Int32Array(256);
    this.stackKeys = spare?.stackKeys ?? new Int32Array(256);
  }
  /**
   * `lastWith`'s index of one open mapping's children (key number → last slot), made on its first duplicate key and
   * extended after, so a mapping of n keys each given twice costs O(n), not O(n²). Slots below `upto` never change
   * while it is kept: it is dropped as soon as the scratch stack shrinks below `upto`.
   */
  private keyIndex: { mark: number; upto: number; slots: Map<number, number> } | undefined;

  /** Starts a document (what a failed one left on the scratch stack is dropped). */
  startDocument(): void {
    this.stackCount = 0;
    this.keyIndex = undefined;
  }

  /** The size of what is built so far, to drop a document read only in part (`rollback`). */
  checkpoint(): BuilderCheckpoint {
    return { nodes: this.nodeCount, children: this.childCount };
  }

  /** Drops every node and child list built since `checkpoint`, and the scratch stack. */
  rollback(checkpoint: BuilderCheckpoint): void {
    this.nodeCount = checkpoint.nodes;
    this.childCount = checkpoint.children;
    this.startDocument();
  }

  private addNode(start: number, end: number, first: number, packed: number): number {
    let at = this.nodeCount;
    if (at + FIELDS > this.nodes.length) this.nodes = grown(this.nodes, at + FIELDS);
    const nodes = this.nodes;
    nodes[at++] = start;
    nodes[at++] = end;
    nodes[at++] = first;
    nodes[at++] = packed;
    this.nodeCount = at;
    return at / FIELDS - 1;
  }

  /** A node without children; returns its number. */
  leaf(start: number, end: number | undefined): number {
    return this.addNode(start, end ?? -1, 0, KIND_LEAF);
  }

  /** Where the children of a container about to be decoded start on the scratch stack. */
  mark(): number {
    return this.stackCount;
  }

  /** The number of a key name (numbered in the order first met). */
  private keyNumber(key: string): number {
    let id = this.keyNumbers.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(key);
      this.keyNumbers.set(key, id);
    }
    return id;
  }

  /** Adds a child to the container being decoded (key undefined for a sequence item). */
  push(key: string | undefined, node: number): void {
    const slot = this.stackCount++;
    if (slot >= this.stackNodes.length) this.stackNodes = grown(this.stackNodes, slot + 1);
    if (slot >= this.stackKeys.length) this.stackKeys = grown(this.stackKeys, slot + 1);
    this.stackNodes[slot] = node;
    this.stackKeys[slot] = key === undefined ? NO_KEY : this.keyNumber(key);
  }

  /** The last child pushed since `mark` under `key`, or -1. */
  lastWith(mark: number, key: string): number {
    let index = this.keyIndex;
    if (index === undefined || index.mark !== mark) {
      index = { mark, upto: mark, slots: new Map() };
      this.keyIndex = index;
    }
    const stackKeys = this.stackKeys;
    for (let slot = index.upto; slot < this.stackCount; slot++) {
      const childKey = stackKeys[slot]!;
      if (childKey !== NO_KEY) index.slots.set(childKey, slot);
    }
    index.upto = this.stackCount;
    const id = this.keyNumbers.get(key);
    const slot = id === undefined ? undefined : index.slots.get(id);
    return slot === undefined ? -1 : this.stackNodes[slot]!;
  }

  /** Closes a container whose children were pushed since `mark`; returns its node number. */
  container(kind: 'map' | 'sequence', mark: number, start: number, end: number): number {
    const first = this.childCount;
    const top = this.stackCount;
    const count = top - mark;
    if (first + count > this.children.length) this.children = grown(this.children, first + count);
    if (first + count > this.childKeys.length) this.childKeys = grown(this.childKeys, first + count);
    // A loop: most containers have a few children, for which `set(subarray())` costs more (a typed array view
    // allocated per container) than the copy.
    const children = this.children;
    const childKeys = this.childKeys;
    const stackNodes = this.stackNodes;
    const stackKeys = this.stackKeys;
    for (let slot = mark, child = first; slot < top; slot++, child++) {
      children[child] = stackNodes[slot]!;
      childKeys[child] = stackKeys[slot]!;
    }
    this.childCount = first + count;
    this.stackCount = mark;
    if (this.keyIndex !== undefined && this.keyIndex.upto > mark) this.keyIndex = undefined;
    return this.addNode(start, end, first, (count << 2) | (kind === 'map' ? KIND_MAP : KIND_SEQUENCE));
  }

  start(node: number): number {
    return this.nodes[node * FIELDS]!;
  }

  /** End offset of a node, undefined when it has none. */
  end(node: number): number | undefined {
    const end = this.nodes[node * FIELDS + 1]!;
    return end < 0 ? undefined : end;
  }

  /** Moves a node (its children stay): a map entry starts at its key, an alias node where the alias is written. */
  place(node: number, start: number, end: number | undefined): void {
    if (node < 0) return;
    this.nodes[node * FIELDS] = start;
    this.nodes[node * FIELDS + 1] = end ?? -1;
  }

  /** The tables of the documents whose roots are `roots`, all built so far. */
  finish(roots: readonly number[]): PositionTable[] {
    if (roots.length === 0) return [];
    const nodeCount = this.nodeCount;
    const childCount = this.childCount;
    const data = new Int32Array(nodeCount + 2 * childCount);
    data.set(this.nodes.subarray(0, nodeCount));
    data.set(this.children.subarray(0, childCount), nodeCount);
    data.set(this.childKeys.subarray(0, childCount), nodeCount + childCount);
    const names = this.names;
    const tables = roots.map(
      (root) => new PositionTable(data, nodeCount, nodeCount + childCount, names, root),
    );
    this.release();
    return tables;
  }

  /** Leaves the scratch arrays to the next builder; this one builds nothing more. */
  private release(): void {
    spareScratch = {
      nodes: this.nodes,
      children: this.children,
      childKeys: this.childKeys,
      stackNodes: this.stackNodes,
      stackKeys: this.stackKeys,
    };
    this.nodes = EMPTY;
    this.children = EMPTY;
    this.childKeys = EMPTY;
    this.stackNodes = EMPTY;
    this.stackKeys = EMPTY;
    this.names = [];
    this.keyNumbers = new Map();
    this.nodeCount = 0;
    this.childCount = 0;
    this.stackCount = 0;
  }
}

const EMPTY = new Int32Array(0);

/** The scratch arrays a finished builder left (one set: a builder takes them when made, or makes its own). */
let spareScratch:
  | {
      nodes: Int32Array<ArrayBuffer>;
      children: Int32Array<ArrayBuffer>;
      childKeys: Int32Array<ArrayBuffer>;
      stackNodes: Int32Array<ArrayBuffer>;
      stackKeys: Int32Array<ArrayBuffer>;
    }
  | undefined;

/** A copy of `array` with room for at least `needed` numbers. */
function grown(array: Int32Array, needed: number): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(Math.max(needed, array.length * 2));
  copy.set(array);
  return copy;
}
