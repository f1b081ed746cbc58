import type { PathSegment } from '../../model/source.js';

/**
 * Traces a field of a rendered Helm manifest back to the template a person edits.
 *
 * A template is YAML text with Go template actions. Its literal lines (`securityContext:`, `- name: web`) keep their
 * place in the output, so the key path of each literal key (by indentation, as YAML reads it) identifies where a
 * rendered field was written. Fields that come from an `include`, a `toYaml` or a value are traced to the nearest
 * literal ancestor, and when that ancestor's block or value is a `.Values` reference the value path is kept, so a
 * fix can name the entry of `values.yaml` to change instead of rendered output.
 */

/** A literal key of the template, with its YAML key path (`spec.template.spec.containers[].securityContext`). */
export interface TemplateKey {
  path: string;
  /** Position of each sequence item on the path among its siblings in the text (for `containers[1]`). */
  ordinals: number[];
  line: number;
  column: number;
  /** `.Values` paths written on the key's line as its whole value (`privileged: {{ .Values.privileged }}`). */
  inlineValue?: string;
  /** `.Values` path whose YAML fills the key's block (`{{- toYaml .Values.securityContext | nindent 12 }}`). */
  blockValue?: string;
}

export interface TracedField {
  line: number;
  column: number;
  /** The rendered path was found as written (not only an ancestor of it). */
  exact: boolean;
  /** The `values.yaml` path that drives the field, when the template shows it. */
  valuePath?: string;
}

interface Segment {
  kind?: string;
  keys: Map<string, TemplateKey[]>;
  firstLine: number;
}

interface StackEntry {
  type: 'key' | 'item';
  /** Column of the key, or of the dash of an item. */
  column: number;
  /** Items: column of the item's content. Keys: -1. */
  contentColumn: number;
  segment: string;
  /** A key whose value is a block (nothing after the colon but a comment or an action). */
  open: boolean;
  ordinal: number;
  key?: TemplateKey;
}

const KEY_LINE = /^([ ]*)((?:-[ ]+)*)([A-Za-z0-9_./-]+|"[^"{}]*"|'[^'{}]*'):(?:[ ]+(.*))?$/;
const DASH_LINE = /^([ ]*)-(?:[ ]+(.*))?$/;
const ACTION_ONLY = /^\s*(\{\{[\s\S]*?\}\}\s*)+$/;
/** `.Values.a.b` or `$.Values.a.b`, with the path in dotted form (index/`get` forms are not traced). */
const VALUES_REF = /\$?\.Values((?:\.[A-Za-z_][\w-]*)+)/g;

/** The index of one template file's literal keys, built once per file. */
export class TemplateTrace {
  private readonly segments: Segment[];

  constructor(text: string) {
    this.segments = indexTemplate(text);
  }

  /**
   * The template line of a rendered field: the literal key at `path`, or its nearest literal ancestor; the document
   * start when none of it is literal. `kind` picks the right document of a template that writes several.
   */
  trace(path: readonly PathSegment[], kind: string): TracedField {
    const segment = this.segmentFor(kind);
    if (!segment) return { line: 1, column: 1, exact: false };
    if (path.length === 0) {
      const kindKey = segment.keys.get('kind')?.[0];
      return kindKey
        ? { line: kindKey.line, column: kindKey.column, exact: true }
        : { line: segment.firstLine, column: 1, exact: false };
    }
    for (let length = path.length; length > 0; length--) {
      const prefix = path.slice(0, length);
      const candidates = segment.keys.get(keyPathOf(prefix));
      if (!candidates || candidates.length === 0) continue;
      const ordinals = prefix.filter((part): part is number => typeof part === 'number');
      const key =
        candidates.find((candidate) => sameOrdinals(candidate.ordinals, ordinals)) ?? candidates[0]!;
      const exact = length === path.length;
      const traced: TracedField = { line: key.line, column: key.column, exact };
      const valuePath = exact
        ? (key.inlineValue ?? key.blockValue)
        : key.blockValue !== undefined
          ? appendPath(key.blockValue, path.slice(length))
          : undefined;
      if (valuePath !== undefined) traced.valuePath = valuePath;
      return traced;
    }
    return { line: segment.firstLine, column: 1, exact: false };
  }

  private segmentFor(kind: string): Segment | undefined {
    if (this.segments.length <= 1) return this.segments[0];
    const matching = this.segments.filter((segment) => segment.kind === kind);
    if (matching.length === 1) return matching[0];
    // Several documents of that kind (or a templated kind): the first one that has one.
    return matching[0] ?? this.segments.find((segment) => segment.kind === undefined) ?? this.segments[0];
  }
}

/** `spec.containers[].image` for `['spec', 'containers', 0, 'image']`. */
export function keyPathOf(path: readonly PathSegment[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += '[]';
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

function sameOrdinals(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function appendPath(base: string, rest: readonly PathSegment[]): string {
  let out = base;
  for (const part of rest) out += typeof part === 'number' ? `[${part}]` : `.${part}`;
  return out;
}

function unquote(key: string): string {
  return (key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'"))
    ? key.slice(1, -1)
    : key;
}

/** The one `.Values` path of a text, when it holds exactly one (`{{ .Values.a.b | quote }}`). */
function singleValueRef(text: string, dot: string | undefined): string | undefined {
  const refs = valueRefs(text, dot);
  return refs.length === 1 ? refs[0] : undefined;
}

/** `.Values.x.y` references of a text; `toYaml .` / `{{ . }}` inside `with .Values.x` refers to `x`. */
function valueRefs(text: string, dot: string | undefined): string[] {
  const refs = new Set<string>();
  for (const action of text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)) {
    const body = action[1]!;
    for (const match of body.matchAll(VALUES_REF)) refs.add(match[1]!.slice(1));
    if (
      dot !== undefined &&
      /(^|[\s(|])\.(\s|$|\)|\|)/.test(body) &&
      !/\b(with|range|if|end|else)\b/.test(body)
    )
      refs.add(dot);
  }
  return [...refs];
}

/** Splits a template into its documents and indexes the literal keys of each. */
function indexTemplate(text: string): Segment[] {
  const lines = text.split('\n');
  const segments: Segment[] = [];
  let segment: Segment = { keys: new Map(), firstLine: 1 };
  let stack: StackEntry[] = [];
  /** Ordinal counters of items per parent (by the parent's stack identity). */
  let itemCounts = new Map<StackEntry | 'root', number>();
  /** `with .Values.x` / `range` scopes: what `.` refers to (undefined: not a value). */
  const dotScopes: (string | undefined)[] = [];
  const currentDot = (): string | undefined => dotScopes[dotScopes.length - 1];

  const finish = (): void => {
    if (segment.keys.size > 0 || segments.length === 0) segments.push(segment);
  };

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const content = raw.replace(/\r$/, '');
    if (/^---\s*$/.test(content) || /^---\s+#/.test(content)) {
      finish();
      segment = { keys: new Map(), firstLine: lineNumber + 1 };
      stack = [];
      itemCounts = new Map();
      return;
    }
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (ACTION_ONLY.test(content)) {
      trackScopes(trimmed, dotScopes);
      // An action alone on a line inside an open block fills that block (`toYaml .Values.x | nindent 8`).
      const column = content.length - content.trimStart().length;
      const top = stack[stack.length - 1];
      if (top?.type === 'key' && top.open && top.key && column > top.column) {
        const ref = singleValueRef(trimmed, currentDot());
        if (
          ref !== undefined &&
          top.key.blockValue === undefined &&
          /\b(toYaml|toJson|tpl)\b|\.Values|\{\{-?\s*\.\s*/.test(trimmed)
        )
          top.key.blockValue = ref;
      }
      return;
    }
    const keyMatch = KEY_LINE.exec(content);
    const dashMatch = keyMatch ? undefined : DASH_LINE.exec(content);
    if (!keyMatch && !dashMatch) {
      trackScopes(trimmed, dotScopes);
      return;
    }
    const indent = (keyMatch ?? dashMatch)![1]!.length;
    const dashes = keyMatch ? keyMatch[2]!.length : 0;
    let column = indent;
    if (dashMatch || dashes > 0) {
      // Each `- ` opens an item; the content starts after the dashes.
      const dashText = keyMatch
        ? keyMatch[2]!
        : content.slice(indent, content.length - (dashMatch![2] ?? '').length);
      let offset = 0;
      for (const dash of dashText.matchAll(/-[ ]+|-$/g)) {
        const dashColumn = indent + (dash.index ?? offset);
        offset = (dash.index ?? 0) + dash[0].length;
        popForItem(stack, dashColumn);
        const parent = stack[stack.length - 1] ?? 'root';
        const ordinal = itemCounts.get(parent) ?? 0;
        itemCounts.set(parent, ordinal + 1);
        const entry: StackEntry = {
          type: 'item',
          column: dashColumn,
          contentColumn: indent + offset,
          segment: '[]',
          open: true,
          ordinal,
        };
        stack.push(entry);
        itemCounts.set(entry, 0);
      }
      column = indent + offset;
    }
    if (!keyMatch) return;
    popForKey(stack, column);
    const name = unquote(keyMatch[3]!);
    const value = keyMatch[4] ?? '';
    const valueText = value.replace(/\s+#.*$/, '').trim();
    // A block follows: nothing after the colon, a block scalar, or one action that writes YAML (`toYaml`, `include`).
    const open =
      valueText === '' ||
      /^[|>][-+]?\d*$/.test(valueText) ||
      (ACTION_ONLY.test(valueText) && /\b(toYaml|toJson|include|tpl|nindent|indent)\b/.test(valueText));
    const parentPath = stack.map((entry) => entry.segment);
    const path = [...parentPath, name].reduce<string>(
      (out, part) => (part === '[]' ? `${out}[]` : out === '' ? part : `${out}.${part}`),
      '',
    );
    const ordinals = stack.filter((entry) => entry.type === 'item').map((entry) => entry.ordinal);
    const key: TemplateKey = { path, ordinals, line: lineNumber, column: column + 1 };
    if (valueText.includes('{{')) {
      const ref = singleValueRef(valueText, currentDot());
      if (ref !== undefined) {
        if (open) key.blockValue = ref;
        // The whole value is one action (`{{ .Values.x }}`, maybe quoted): the value drives the field.
        else if (/^["']?\{\{[^{}]*\}\}["']?$/.test(valueText)) key.inlineValue = ref;
      }
    }
    if (stack.length === 0 && name === 'kind' && /^[A-Za-z][\w]*$/.test(valueText)) segment.kind = valueText;
    const list = segment.keys.get(path);
    if (list) list.push(key);
    else segment.keys.set(path, [key]);
    stack.push({ type: 'key', column, contentColumn: -1, segment: name, open, ordinal: 0, key });
  });
  finish();
  return segments;
}

/** A key at `column` closes keys at or right of it and items whose content starts right of it. */
function popForKey(stack: StackEntry[], column: number): void {
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.type === 'key' ? top.column >= column : top.contentColumn > column) stack.pop();
    else break;
  }
}

/** A dash at `column` closes items at or right of it and keys right of it; an open key at the same column owns it. */
function popForItem(stack: StackEntry[], column: number): void {
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (
      top.type === 'item' ? top.column >= column : top.column > column || (top.column === column && !top.open)
    )
      stack.pop();
    else break;
  }
}

/** `with .Values.x` / `range` / `if` ... `end`: what `.` refers to inside. */
function trackScopes(text: string, scopes: (string | undefined)[]): void {
  for (const action of text.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)) {
    const body = action[1]!;
    const word = /^(with|range|if|define|block|end|else)\b/.exec(body)?.[1];
    if (word === 'with') {
      const ref = /^with\s+\$?\.Values((?:\.[A-Za-z_][\w-]*)+)\s*$/.exec(body)?.[1];
      scopes.push(ref !== undefined ? ref.slice(1) : undefined);
    } else if (word === 'range' || word === 'if' || word === 'define' || word === 'block') {
      // `if` keeps the dot; the others change it to something not traced.
      scopes.push(word === 'if' ? scopes[scopes.length - 1] : undefined);
    } else if (word === 'end') {
      scopes.pop();
    }
  }
}
