import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Parser, TreeCursor } from 'web-tree-sitter';
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
    // Loaded with the first Bicep file: a scan without one never pays for the WebAssembly runtime.
    const { Language, Parser } = await import('web-tree-sitter');
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
  const errors: SyntaxNode[] = [];
  const root = parseText(new Converter(parser, compat.text, errors), compat.text, NO_SHIFT, 0);
  return { root, source, compat, errors };
}

/** Where a parsed text sits in the file: its first line and column, and its offset. */
interface Shift {
  line: number;
  column: number;
  offset: number;
  /** Characters of a prefix added before the text (not part of the file). */
  prefix: number;
}

const NO_SHIFT: Shift = { line: 0, column: 0, offset: 0, prefix: 0 };

function parseText(converter: Converter, text: string, shift: Shift, depth: number): SyntaxNode {
  const tree = converter.parser.parse(text);
  if (!tree) throw new Error('the Bicep parser returned no tree');
  try {
    const cursor = tree.walk();
    const root = converter.convert(cursor, depth, shift);
    cursor.delete();
    return converter.lambdas(root, depth);
  } finally {
    tree.delete();
  }
}

class Converter {
  constructor(
    readonly parser: Parser,
    /** The whole (rewritten) file text. */
    readonly text: string,
    readonly errors: SyntaxNode[],
  ) {}

  convert(cursor: TreeCursor, depth: number, shift: Shift): SyntaxNode {
    const position = cursor.startPosition;
    const node: SyntaxNode = {
      type: cursor.nodeType,
      field: cursor.currentFieldName ?? undefined,
      start: cursor.startIndex - shift.prefix + shift.offset,
      end: cursor.endIndex - shift.prefix + shift.offset,
      line: position.row + 1 + shift.line,
      column: position.column + 1 + (position.row === 0 ? shift.column - shift.prefix : 0),
      children: [],
      tokens: [],
    };
    if (node.type === 'ERROR' || cursor.nodeIsMissing || depth >= MAX_DEPTH) {
      node.broken = true;
      node.type = node.type === 'ERROR' || cursor.nodeIsMissing ? node.type : 'ERROR';
      this.errors.push(node);
      return node;
    }
    if (cursor.gotoFirstChild()) {
      do {
        if (cursor.nodeType === 'comment' || cursor.nodeType === 'diagnostic_comment') continue;
        if (cursor.nodeIsNamed || cursor.nodeType === 'ERROR') {
          node.children.push(this.convert(cursor, depth + 1, shift));
        } else {
          if (cursor.nodeIsMissing) {
            node.broken = true;
            this.errors.push({ ...node, type: 'MISSING', children: [], tokens: [cursor.nodeType] });
          }
          node.tokens.push(cursor.nodeType);
          if (cursor.currentFieldName === 'operator') node.operator = cursor.nodeType;
        }
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    if (node.type === 'array') this.regroupElements(node, depth);
    const operand = node.children[0];
    if (POSTFIX.has(node.type) && operand && LOWER.has(operand.type)) return attachPostfix(node, operand);
    if (node.type === 'binary_expression' || node.type === 'ternary_expression') return reassociate(node);
    return node;
  }

  /**
   * The grammar lets an operator take a lambda as its left operand: `i => i.v > 1 && i.ok` is read as
   * `((i => i.v) > 1) && i.ok`. A lambda's body runs to the end of the expression, so an operator expression that
   * starts with a lambda is that lambda, its body parsed again from the body's start to the expression's end.
   */
  lambdas(node: SyntaxNode, depth: number): SyntaxNode {
    const lambda = leftmostLambda(node);
    const [parameters, body] = lambda?.children ?? [];
    if (lambda && parameters && body) {
      const prefix = 'var _ = ';
      const reparsed = parseText(
        this,
        `${prefix}${this.text.slice(body.start, node.end)}`,
        { line: body.line - 1, column: body.column - 1, offset: body.start, prefix: prefix.length },
        depth,
      );
      const value = reparsed.children[0]?.children[1];
      if (value && reparsed.children.length === 1)
        return {
          ...lambda,
          field: node.field,
          end: node.end,
          children: [parameters, { ...value, field: undefined }],
        };
    }
    node.children = node.children.map((child) => this.lambdas(child, depth));
    return node;
  }

  /**
   * The grammar lets array elements follow each other with no separator, so it may split one element in two
   * (`[f(1), x]` read as `f`, `(1)`, `x`; `[a[0]]` as `a`, `[0]`). Bicep separates elements by a comma or a line
   * break: children with neither between them are one element, parsed again on its own.
   */
  private regroupElements(node: SyntaxNode, depth: number): void {
    const groups: SyntaxNode[][] = [];
    for (const child of node.children) {
      const last = groups[groups.length - 1];
      const previous = last?.[last.length - 1];
      const gap = previous ? this.text.slice(previous.end, child.start) : ',';
      if (!last || /[,\n]/.test(gap) || child.type === 'decorators' || previous?.type === 'decorators')
        groups.push([child]);
      else last.push(child);
    }
    if (groups.every((group) => group.length === 1)) return;
    node.children = groups.map((group) => {
      if (group.length === 1) return group[0]!;
      const first = group[0]!;
      const start = first.start;
      const end = group[group.length - 1]!.end;
      const prefix = 'var _ = ';
      const element = parseText(
        this,
        `${prefix}${this.text.slice(start, end)}`,
        { line: first.line - 1, column: first.column - 1, offset: start, prefix: prefix.length },
        depth,
      );
      const value = element.children[0]?.children[1];
      if (!value || element.children.length !== 1) {
        const broken: SyntaxNode = { ...first, type: 'ERROR', end, children: [], tokens: [], broken: true };
        this.errors.push(broken);
        return broken;
      }
      return value;
    });
  }
}

/** Postfix operations: their first child is the operand (`a.b`, `a[0]`, `f(x)`, `a::b`). */
const POSTFIX = new Set([
  'member_expression',
  'subscript_expression',
  'call_expression',
  'resource_expression',
]);

/** Where each lower-precedence expression keeps its rightmost operand. */
const LOWER = new Map<string, (node: SyntaxNode) => number>([
  ['binary_expression', (node) => node.children.findIndex((child) => child.field === 'right')],
  ['unary_expression', (node) => node.children.findIndex((child) => child.field === 'argument')],
  ['ternary_expression', (node) => node.children.findIndex((child) => child.field === 'alternative')],
  ['lambda_expression', (node) => node.children.length - 1],
]);

/**
 * The grammar lets a postfix operation take a whole operator expression as its operand: `!a.b` is read as `(!a).b`,
 * `x && y.z` as `(x && y).z`, `i => i.name` as `(i => i).name`. In Bicep a postfix operation binds tighter than any
 * operator (parentheses are a node of their own), so it is moved onto the rightmost operand.
 */
function attachPostfix(postfix: SyntaxNode, operand: SyntaxNode): SyntaxNode {
  const index = LOWER.get(operand.type)?.(operand) ?? -1;
  const inner = index >= 0 ? operand.children[index] : undefined;
  if (!inner) {
    return {
      ...postfix,
      start: operand.start,
      line: operand.line,
      column: operand.column,
      children: [{ ...operand, field: postfix.children[0]!.field }, ...postfix.children.slice(1)],
    };
  }
  const moved = attachPostfix(
    { ...postfix, children: [{ ...inner, field: postfix.children[0]!.field }, ...postfix.children.slice(1)] },
    inner,
  );
  const children = [...operand.children];
  children[index] = { ...moved, field: inner.field };
  return { ...operand, field: postfix.field, end: postfix.end, children };
}

/** Bicep operator precedence, tightest first (Bicep docs, "Operators": precedence and associativity). */
const PRECEDENCE = new Map<string, number>([
  ['*', 7],
  ['/', 7],
  ['%', 7],
  ['+', 6],
  ['-', 6],
  ['<', 5],
  ['<=', 5],
  ['>', 5],
  ['>=', 5],
  ['==', 4],
  ['!=', 4],
  ['=~', 4],
  ['!~', 4],
  ['&&', 3],
  ['||', 2],
  ['??', 1],
]);

type Item = { operand: SyntaxNode } | { operator: string };

/** The operands and operators of an operator expression, in source order (through mis-grouped unary operators). */
function flatten(node: SyntaxNode): Item[] {
  if (node.type === 'binary_expression' && node.operator) {
    const left = node.children.find((child) => child.field === 'left');
    const right = node.children.find((child) => child.field === 'right');
    if (left && right) return [...flatten(left), { operator: node.operator }, ...flatten(right)];
  }
  if (node.type === 'ternary_expression') {
    const [condition, consequence, alternative] = ['condition', 'consequence', 'alternative'].map((name) =>
      node.children.find((child) => child.field === name),
    );
    if (condition && consequence && alternative)
      return [
        ...flatten(condition),
        { operator: '?' },
        ...flatten(consequence),
        { operator: ':' },
        ...flatten(alternative),
      ];
  }
  if (node.type === 'unary_expression' && node.operator) {
    // A prefix operator binds tighter than any infix one: `!a == b` is `(!a) == b`.
    const argument = node.children.find((child) => child.field === 'argument');
    if (argument && (argument.type === 'binary_expression' || argument.type === 'ternary_expression')) {
      const items = flatten(argument);
      const first = items[0];
      if (first && 'operand' in first)
        items[0] = {
          operand: { ...node, end: first.operand.end, children: [{ ...first.operand, field: 'argument' }] },
        };
      return items;
    }
  }
  return [{ operand: node }];
}

/**
 * Rebuilds an operator expression with Bicep's precedence and associativity: the grammar groups operands wrongly
 * when one is a member access (`a.v > 1 && b.n == 'x'` read as `((a.v > 1) && b.n) == 'x'`).
 */
function reassociate(node: SyntaxNode): SyntaxNode {
  const items = flatten(node);
  let index = 0;
  const operandAt = (): SyntaxNode | undefined => {
    const item = items[index];
    if (!item || !('operand' in item)) return undefined;
    index++;
    return item.operand;
  };
  const operatorAt = (): string | undefined => {
    const item = items[index];
    return item && 'operator' in item ? item.operator : undefined;
  };
  const expression = (minimum: number): SyntaxNode | undefined => {
    let left = operandAt();
    if (!left) return undefined;
    for (;;) {
      const operator = operatorAt();
      if (operator === '?' && minimum <= 0) {
        index++;
        const consequence = expression(0);
        if (operatorAt() !== ':' || !consequence) return undefined;
        index++;
        const alternative = expression(0);
        if (!alternative) return undefined;
        left = {
          ...node,
          type: 'ternary_expression',
          operator: undefined,
          start: left.start,
          line: left.line,
          column: left.column,
          end: alternative.end,
          tokens: ['?', ':'],
          children: [
            { ...left, field: 'condition' },
            { ...consequence, field: 'consequence' },
            { ...alternative, field: 'alternative' },
          ],
        };
        continue;
      }
      const precedence = operator === undefined ? undefined : PRECEDENCE.get(operator);
      if (precedence === undefined || precedence < minimum) return left;
      index++;
      const right = expression(precedence + 1);
      if (!right) return undefined;
      left = {
        ...node,
        type: 'binary_expression',
        operator,
        start: left.start,
        line: left.line,
        column: left.column,
        end: right.end,
        tokens: [operator!],
        children: [
          { ...left, field: 'left' },
          { ...right, field: 'right' },
        ],
      };
    }
  };
  const rebuilt = expression(0);
  if (!rebuilt || index !== items.length) return node;
  return { ...rebuilt, field: node.field };
}

/** A lambda on the left spine of an operator expression (not the lambda itself, nor one in parentheses). */
function leftmostLambda(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | undefined = node;
  while (current && (current.type === 'binary_expression' || current.type === 'ternary_expression')) {
    current = current.children[0];
    if (current?.type === 'lambda_expression') return current;
  }
  return undefined;
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
