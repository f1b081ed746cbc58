import type { Location, PathSegment } from '../../model/source.js';

/**
 * Positions of blocks and attributes in HCL text. `@cdktf/hcl2json` gives values without positions, so this
 * scanner reads the structure (blocks, labels, attributes, object-valued attributes) and remembers where each
 * is written. It skips strings (with `${...}` interpolation), heredocs and comments; it does not evaluate.
 *
 * A path mirrors hcl2json's JSON shape: `['resource', 'azurerm_kubernetes_cluster', 'main', 'network_profile',
 * 0, 'network_policy']`; a block label is one segment, and a string segment on repeated blocks means the first.
 */
export interface HclNode {
  line: number;
  column: number;
  children: Map<string, HclNode[]>;
}

interface Token {
  kind: 'ident' | 'string' | 'punct' | 'newline' | 'other';
  text: string;
  line: number;
  column: number;
}

export class HclLocator {
  readonly root: HclNode;

  constructor(
    readonly file: string,
    text: string,
  ) {
    const parser = new BodyParser(tokenize(text));
    this.root = { line: 1, column: 1, children: parser.body(false) };
  }

  /** The deepest node on `path` that is written; `undefined` when even the first segment is absent. */
  find(path: readonly PathSegment[]): HclNode | undefined {
    let node: HclNode = this.root;
    let found: HclNode | undefined;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      if (typeof segment === 'number') continue;
      const list = node.children.get(segment);
      if (!list || list.length === 0) break;
      const next = path[i + 1];
      const index = typeof next === 'number' ? next : 0;
      const chosen = list[index];
      if (!chosen) break;
      node = chosen;
      found = chosen;
    }
    return found;
  }

  /** Location of the deepest written node on `path`. */
  locate(path: readonly PathSegment[]): Location {
    const node = this.find(path) ?? this.root;
    return { file: this.file, line: node.line, column: node.column };
  }

  /** True when the exact path is written (used to tell a written attribute from a default). */
  has(path: readonly PathSegment[]): boolean {
    let node: HclNode = this.root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      if (typeof segment === 'number') continue;
      const list = node.children.get(segment);
      const next = path[i + 1];
      const chosen = list?.[typeof next === 'number' ? next : 0];
      if (!chosen) return false;
      node = chosen;
    }
    return true;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (kind: Token['kind'], start: number, end: number, startLine: number, startCol: number) => {
    tokens.push({ kind, text: text.slice(start, end), line: startLine, column: startCol });
  };
  while (i < text.length) {
    const char = text[i]!;
    const column = i - lineStart + 1;
    if (char === '\n') {
      push('newline', i, i + 1, line, column);
      i++;
      line++;
      lineStart = i;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      i++;
    } else if (char === '#' || (char === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let j = i; j < stop; j++) {
        if (text[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
      }
      i = stop;
    } else if (char === '"') {
      const startLine = line;
      const end = skipString(text, i);
      for (let j = i; j < end; j++) {
        if (text[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
      }
      push('string', i, end, startLine, column);
      i = end;
    } else if (char === '<' && text[i + 1] === '<' && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const match = /^<<-?([A-Za-z_][\w]*)[^\n]*\n/.exec(text.slice(i));
      if (!match) {
        push('other', i, i + 1, line, column);
        i++;
        continue;
      }
      const marker = match[1]!;
      let j = i + match[0].length;
      line++;
      lineStart = j;
      while (j < text.length) {
        const end = text.indexOf('\n', j);
        const current = text.slice(j, end < 0 ? text.length : end);
        if (current.trim() === marker) {
          j = end < 0 ? text.length : end;
          break;
        }
        if (end < 0) {
          j = text.length;
          break;
        }
        j = end + 1;
        line++;
        lineStart = j;
      }
      push('other', i, j, line, column);
      i = j;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][\w-]*/.exec(text.slice(i, i + 256))!;
      push('ident', i, i + match[0].length, line, column);
      i += match[0].length;
    } else if ('{}[]()=:,'.includes(char)) {
      // `==`, `=>`, `<=`, `>=`, `!=` are operators, not assignments.
      if (char === '=' && (text[i + 1] === '=' || text[i + 1] === '>')) {
        push('other', i, i + 2, line, column);
        i += 2;
      } else {
        push('punct', i, i + 1, line, column);
        i++;
      }
    } else {
      if ((char === '!' || char === '<' || char === '>') && text[i + 1] === '=') {
        push('other', i, i + 2, line, column);
        i += 2;
      } else {
        push('other', i, i + 1, line, column);
        i++;
      }
    }
  }
  return tokens;
}

/** Index just past the closing quote of the string starting at `start`, honouring escapes and `${...}`. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\') {
      i += 2;
    } else if (char === '"') {
      return i + 1;
    } else if ((char === '$' || char === '%') && text[i + 1] === '{') {
      i = skipInterpolation(text, i + 2);
    } else if (char === '\n') {
      return i;
    } else {
      i++;
    }
  }
  return i;
}

function skipInterpolation(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length && depth > 0) {
    const char = text[i]!;
    if (char === '"') {
      i = skipString(text, i);
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}') depth--;
    i++;
  }
  return i;
}

class BodyParser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private isPunct(token: Token | undefined, text: string): boolean {
    return token?.kind === 'punct' && token.text === text;
  }

  /** Reads items until `}` (consumed) or the end. */
  body(closing: boolean): Map<string, HclNode[]> {
    const children = new Map<string, HclNode[]>();
    const add = (key: string, node: HclNode) => {
      const list = children.get(key);
      if (list) list.push(node);
      else children.set(key, [node]);
    };
    while (this.index < this.tokens.length) {
      const token = this.peek()!;
      if (token.kind === 'newline' || this.isPunct(token, ',')) {
        this.index++;
        continue;
      }
      if (this.isPunct(token, '}')) {
        this.index++;
        if (closing) return children;
        continue;
      }
      if (token.kind !== 'ident' && token.kind !== 'string') {
        this.skipExpression();
        continue;
      }
      const key = unquote(token.text);
      const next = this.peek(1);
      if (this.isPunct(next, '=') || this.isPunct(next, ':')) {
        this.index += 2;
        const node: HclNode = { line: token.line, column: token.column, children: new Map() };
        while (this.peek()?.kind === 'newline') this.index++;
        if (this.isPunct(this.peek(), '{')) {
          this.index++;
          node.children = this.body(true);
          this.skipExpression();
        } else {
          this.skipExpression();
        }
        add(key, node);
        continue;
      }
      // A block: type, labels, then `{`.
      const labels: Token[] = [];
      let j = 1;
      while (this.peek(j)?.kind === 'ident' || this.peek(j)?.kind === 'string') {
        labels.push(this.peek(j)!);
        j++;
      }
      if (this.isPunct(this.peek(j), '{')) {
        this.index += j + 1;
        const block: HclNode = { line: token.line, column: token.column, children: this.body(true) };
        if (labels.length === 0) {
          add(key, block);
        } else {
          // hcl2json nests labelled blocks: resource → type → name → [body].
          let holder: HclNode | undefined = children.get(key)?.[0];
          if (!holder) {
            holder = { line: token.line, column: token.column, children: new Map() };
            add(key, holder);
          }
          for (let l = 0; l < labels.length - 1; l++) {
            const label = unquote(labels[l]!.text);
            let inner: HclNode | undefined = holder.children.get(label)?.[0];
            if (!inner) {
              inner = { line: token.line, column: token.column, children: new Map() };
              holder.children.set(label, [inner]);
            }
            holder = inner;
          }
          const last = unquote(labels[labels.length - 1]!.text);
          const list = holder.children.get(last);
          if (list) list.push(block);
          else holder.children.set(last, [block]);
        }
        continue;
      }
      this.skipExpression();
    }
    return children;
  }

  /** Skips to the end of the current expression: a newline, `,` or `}` outside brackets. */
  private skipExpression(): void {
    let depth = 0;
    while (this.index < this.tokens.length) {
      const token = this.peek()!;
      if (depth === 0 && (token.kind === 'newline' || this.isPunct(token, ',') || this.isPunct(token, '}')))
        return;
      if (token.kind === 'punct' && '([{'.includes(token.text)) depth++;
      if (token.kind === 'punct' && ')]}'.includes(token.text)) depth--;
      this.index++;
    }
  }
}

function unquote(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1) : text;
}
