import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Document as YamlDocument,
} from 'yaml';
import type { Location, PathSegment } from '../model/source.js';

/**
 * One parsed document of an input file: its plain value and a way back from any path inside it
 * to the line and column where that field is written.
 */
export interface SourceDocument {
  /** Path as given on the command line (relative to the working directory when possible). */
  readonly file: string;
  /** Index of the document in a multi-document YAML stream (0-based). */
  readonly index: number;
  readonly value: unknown;
  /** Location of the deepest node on `path` that exists; the document start when none does. */
  locate(path: readonly PathSegment[]): Location;
}

/** A document whose positions come from a `yaml` AST (YAML and JSON inputs). */
export class YamlSourceDocument implements SourceDocument {
  constructor(
    readonly file: string,
    readonly index: number,
    readonly value: unknown,
    private readonly doc: YamlDocument,
    private readonly lines: LineCounter,
  ) {}

  locate(path: readonly PathSegment[]): Location {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    let endOffset: number | undefined = rangeEnd(node);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && scalarKey(item.key) === String(segment));
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        endOffset = rangeEnd(pair.value) ?? rangeEnd(pair.key);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) break;
        offset = rangeStart(item) ?? offset;
        endOffset = rangeEnd(item);
        node = item;
      } else {
        break;
      }
    }
    const start = this.lines.linePos(offset);
    const location: Location = { file: this.file, line: start.line, column: start.col };
    if (endOffset !== undefined && endOffset > offset) {
      const end = this.lines.linePos(endOffset);
      location.endLine = end.line;
      location.endColumn = end.col;
    }
    return location;
  }
}

/** A document without position information (e.g. a value produced by a converter); every path locates to line 1. */
export class PlainSourceDocument implements SourceDocument {
  constructor(
    readonly file: string,
    readonly index: number,
    readonly value: unknown,
    private readonly line = 1,
  ) {}

  locate(): Location {
    return { file: this.file, line: this.line, column: 1 };
  }
}

function scalarKey(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function rangeEnd(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[1];
}
