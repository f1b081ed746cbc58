import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import { type CompatResult, rewriteForGrammar } from './compat.js';

/**
 * Bicep syntax trees, from the tree-sitter-bicep grammar (MIT, tree-sitter-grammars/tree-sitter-bicep 1.1.0) run by
 * web-tree-sitter. The grammar ships as WebAssembly inside its npm package and is loaded from there: nothing is
 * downloaded, no .NET and no `az bicep` is needed. The tree-sitter tree is copied into plain objects (named nodes,
 * their field names and the anonymous tokens that carry meaning, such as operators) and freed at once.
 */
export interface SyntaxNode {
  type: string;
  /** Field name in the parent (`condition`, `left`, `operator`...). */
  field: string | undefined;
  /** Offsets into the source, in UTF-16 code units. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  /** Named children, in order. */
  children: SyntaxNode[];
  /** Anonymous children (keywords and punctuation), in order: `existing`, `.?`, `!`, `==`... */
  tokens: string[];
  /** Anonymous children carrying a field name (binary and unary operators). */
  operator?: string;
  /** Set on `ERROR` nodes and on nodes the parser inserted (`MISSING`). */
  broken?: boolean;
}

export interface ParsedBicep {
  root: SyntaxNode;
  source: string;
  compat: CompatResult;
  /** Syntax the parser could not read, outermost first (line, column, text excerpt). */
  errors: SyntaxNode[];
}

/** Deeper nesting than any real template; beyond it the rest of the branch is dropped as an error. */
const MAX_DEPTH = 400;

let parserPromise: Promise<Parser> | undefined;

function grammarPath(): string {
  return createRequire(import.meta.url).resolve('tree-sitter-bicep/tree-sitter-bicep.wasm');
}

/** The parser, loaded once per process (about 30 ms). */
export function bicepParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const language = await Language.load(readFileSync(grammarPath()));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

export async function parseBicep(source: string, bicepparam: boolean): Promise<ParsedBicep> {
  return parseWith(await bicepParser(), source, bicepparam);
}

/** Parses with a loaded parser (synchronous, so modules can be read while evaluating). */
export function parseWith(parser: Parser, source: string, bicepparam: boolean): ParsedBicep {
  const compat = rewriteForGrammar(source, bicepparam);
  const tree = parser.parse(compat.text);
  if (!tree) throw new Error('the Bicep parser returned no tree');
  try {
    const errors: SyntaxNode[] = [];
    const cursor = tree.walk();
    const root = convert(cursor, 0, errors);
    cursor.delete();
    return { root, source, compat, errors };
  } finally {
    tree.delete();
  }
}

function convert(cursor: TreeCursor, depth: number, errors: SyntaxNode[]): SyntaxNode {
  const position = cursor.startPosition;
  const node: SyntaxNode = {
    type: cursor.nodeType,
    field: cursor.currentFieldName ?? undefined,
    start: cursor.startIndex,
    end: cursor.endIndex,
    line: position.row + 1,
    column: position.column + 1,
    children: [],
    tokens: [],
  };
  if (node.type === 'ERROR' || cursor.nodeIsMissing) {
    node.broken = true;
    errors.push(node);
    return node;
  }
  if (depth >= MAX_DEPTH) {
    node.broken = true;
    node.type = 'ERROR';
    errors.push(node);
    return node;
  }
  if (cursor.gotoFirstChild()) {
    do {
      if (cursor.nodeType === 'comment' || cursor.nodeType === 'diagnostic_comment') continue;
      if (cursor.nodeIsNamed || cursor.nodeType === 'ERROR') {
        node.children.push(convert(cursor, depth + 1, errors));
      } else {
        if (cursor.nodeIsMissing) {
          node.broken = true;
          errors.push({ ...node, type: 'MISSING', children: [], tokens: [cursor.nodeType] });
        }
        node.tokens.push(cursor.nodeType);
        if (cursor.currentFieldName === 'operator') node.operator = cursor.nodeType;
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}

/** The source text of a node. */
export function textOf(parsed: { source: string }, node: SyntaxNode): string {
  return parsed.source.slice(node.start, node.end);
}

export function childOfType(node: SyntaxNode, type: string): SyntaxNode | undefined {
  return node.children.find((child) => child.type === type);
}

export function childrenOfType(node: SyntaxNode, type: string): SyntaxNode[] {
  return node.children.filter((child) => child.type === type);
}

export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.children.find((child) => child.field === name);
}
