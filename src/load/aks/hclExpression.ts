import { isUnknown, type Unknown, unknown } from '../../model/aksCluster.js';

/**
 * Evaluates the part of the HCL expression language a static reading can decide (HCL native syntax spec,
 * hashicorp/hcl `hclsyntax/spec.md`): literals, tuples `[...]`, objects `{ k = v }`, references with
 * attribute and index access, `!`, `-`, comparison, `&&`/`||` and the conditional `c ? a : b`. Function calls,
 * `for` expressions, splats and references the resolver does not know are `Unknown`, with the reason naming
 * the expression. Like HCL, `false && x` is false and `true || x` is true whatever `x` is (cty's logical
 * operators short-circuit on a known operand).
 */
export interface HclResolver {
  /**
   * A reference's root (`var`, `local`, `each`, a dynamic block's iterator) with its first attribute (`var.x` →
   * `('var', 'x')`); `NOT_A_SCOPE` for a root that is a resource, data source or module (known after apply).
   */
  reference(root: string, attribute: string): unknown;
  /** A quoted template (`"aks-${var.env}"`): the resolver renders interpolations. */
  template(text: string): unknown;
}

type Token =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string; raw: string }
  | { type: 'ident'; value: string }
  | { type: 'op'; value: string };

const OPERATORS = ['==', '!=', '>=', '<=', '&&', '||', '...', '=>'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === '"') {
      // A quoted template: escapes, and `${...}` that may itself hold quotes.
      let j = i + 1;
      let depth = 0;
      while (j < source.length) {
        const c = source[j]!;
        if (c === '\\') j += 2;
        else if (depth === 0 && c === '"') break;
        else if (c === '$' && source[j + 1] === '{') {
          depth++;
          j += 2;
        } else if (c === '}' && depth > 0) {
          depth--;
          j++;
        } else j++;
      }
      if (j >= source.length) throw new Error('unterminated string');
      const raw = source.slice(i + 1, j);
      tokens.push({ type: 'string', raw, value: raw.replace(/\\(.)/g, (_m, c: string) => escapedChar(c)) });
      i = j + 1;
      continue;
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][\w-]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ type: 'ident', value: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (op) {
      tokens.push({ type: 'op', value: op });
      i += op.length;
      continue;
    }
    if ('!-+*/%<>?:=,.[](){}'.includes(char)) {
      tokens.push({ type: 'op', value: char });
      i++;
      continue;
    }
    throw new Error(`unexpected ${char}`);
  }
  return tokens;
}

function escapedChar(char: string): string {
  return char === 'n' ? '\n' : char === 't' ? '\t' : char === 'r' ? '\r' : char;
}

/** Evaluates one HCL expression (the inside of `${...}`); a syntax it does not read is `Unknown`. */
export function evaluateHcl(expression: string, resolver: HclResolver): unknown {
  let tokens: Token[];
  try {
    tokens = tokenize(expression);
  } catch {
    return unknown(`depends on ${shorten(expression)}`);
  }
  const parser = new Parser(tokens, resolver, expression);
  try {
    const value = parser.conditional();
    if (!parser.done()) return unknown(`depends on ${shorten(expression)}`);
    return value;
  } catch (error) {
    if (error instanceof Unreadable) return unknown(`depends on ${shorten(error.text)}`);
    return unknown(`depends on ${shorten(expression)}`);
  }
}

class Unreadable extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly resolver: HclResolver,
    private readonly text: string,
  ) {}

  /** Names bound by enclosing `for` expressions. */
  bindings = new Map<string, unknown>();

  /** A quoted template: each `${...}` evaluated here, so names bound by `for` are seen. */
  private template(raw: string): unknown {
    let out = '';
    let i = 0;
    while (i < raw.length) {
      const start = raw.indexOf('${', i);
      if (start < 0) {
        out += raw.slice(i).replace(/\\(.)/g, (_m, c: string) => escapedChar(c));
        break;
      }
      out += raw.slice(i, start).replace(/\\(.)/g, (_m, c: string) => escapedChar(c));
      let depth = 1;
      let j = start + 2;
      let quoted = false;
      for (; j < raw.length && depth > 0; j++) {
        if (raw[j] === '\\') j++;
        else if (raw[j] === '"') quoted = !quoted;
        else if (!quoted && raw[j] === '{') depth++;
        else if (!quoted && raw[j] === '}') depth--;
      }
      const inner = raw.slice(start + 2, j - 1);
      let tokens: Token[];
      try {
        tokens = tokenize(inner);
      } catch {
        return unknown(`depends on ${shorten(inner)}`);
      }
      const parser = new Parser(tokens, this.resolver, inner);
      parser.bindings = this.bindings;
      let value: unknown;
      try {
        value = parser.conditional();
        if (!parser.done()) return unknown(`depends on ${shorten(inner)}`);
      } catch (error) {
        return unknown(`depends on ${shorten(error instanceof Unreadable ? error.text : inner)}`);
      }
      if (isUnknown(value)) return value;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        out += String(value);
      else return unknown(`depends on ${shorten(inner)}`);
      i = j;
    }
    return out;
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  private isIdent(value: string): boolean {
    const token = this.peek();
    return token?.type === 'ident' && token.value === value;
  }

  private ident(): string {
    const token = this.tokens[this.index++];
    if (token?.type !== 'ident') throw new Unreadable(this.text);
    return token.value;
  }

  /**
   * `[for v in X : expr if cond]` and `{for k, v in X : key => value if cond}` (with `...` grouping): the body is
   * parsed once per element with the names bound (an empty or unknown collection parses it once, to find its end).
   */
  private forExpression(object: boolean): unknown {
    this.index++;
    const first = this.ident();
    let second: string | undefined;
    if (this.isOp(',')) {
      this.index++;
      second = this.ident();
    }
    if (!this.isIdent('in')) throw new Unreadable(this.text);
    this.index++;
    const collection = this.conditional();
    this.expect(':');
    const elements: [unknown, unknown][] = isUnknown(collection)
      ? []
      : Array.isArray(collection)
        ? collection.map((value, index) => [index, value])
        : typeof collection === 'object' && collection !== null
          ? Object.entries(collection)
          : [];
    // `for` over null or a scalar is an error in Terraform: the body is still read to find its end.
    const invalid = !isUnknown(collection) && (typeof collection !== 'object' || collection === null);
    const start = this.index;
    const saved = this.bindings;
    const results: { key?: unknown; value: unknown; group: boolean }[] = [];
    const runs =
      elements.length > 0 ? elements : [[unknown('no element'), unknown('no element')] as [unknown, unknown]];
    let end = start;
    for (const [key, value] of runs) {
      this.index = start;
      this.bindings = new Map(saved);
      if (second === undefined) this.bindings.set(first, value);
      else {
        this.bindings.set(first, key);
        this.bindings.set(second, value);
      }
      let itemKey: unknown;
      if (object) {
        itemKey = this.conditional();
        this.expect('=>');
      }
      const itemValue = this.conditional();
      let group = false;
      if (object && this.isOp('...')) {
        group = true;
        this.index++;
      }
      let keep: unknown = true;
      if (this.isIdent('if')) {
        this.index++;
        keep = this.conditional();
      }
      this.expect(object ? '}' : ']');
      end = this.index;
      if (elements.length === 0) continue;
      // An element whose filter cannot be decided may or may not be there: it stays, its value unknown.
      if (isUnknown(keep))
        results.push({ key: itemKey, value: isUnknown(itemValue) ? itemValue : keep, group });
      else if (keep === true) results.push({ key: itemKey, value: itemValue, group });
    }
    this.bindings = saved;
    this.index = end;
    if (isUnknown(collection)) return collection;
    if (invalid) return unknown('error: for expression over a value that is not a collection');
    if (!object) return results.map((result) => result.value);
    const out: Record<string, unknown> = {};
    for (const { key, value, group } of results) {
      if (isUnknown(key)) return key;
      const name = String(key);
      const previous = Object.hasOwn(out, name) ? out[name] : undefined;
      const merged = group ? [...((previous as unknown[] | undefined) ?? []), value] : value;
      Object.defineProperty(out, name, {
        value: merged,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private isOp(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.type === 'op' && token.value === value;
  }

  private expect(value: string): void {
    if (!this.isOp(value)) throw new Unreadable(this.text);
    this.index++;
  }

  conditional(): unknown {
    const start = this.index;
    const condition = this.or();
    if (!this.isOp('?')) return condition;
    const conditionText = this.slice(start, this.index);
    this.index++;
    // A branch this reader cannot decide matters only when it is the one taken.
    const whenTrue = this.branch();
    this.expect(':');
    const whenFalse = this.branch();
    if (isUnknown(condition)) {
      // Both branches equal: the condition does not matter.
      if (!isUnknown(whenTrue) && JSON.stringify(whenTrue) === JSON.stringify(whenFalse)) return whenTrue;
      return unknown(`depends on the condition ${shorten(conditionText)}`);
    }
    if (typeof condition !== 'boolean') return unknown(`depends on the condition ${shorten(conditionText)}`);
    return condition ? whenTrue : whenFalse;
  }

  private branch(): unknown {
    try {
      return this.conditional();
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      return unknown(`depends on ${shorten(error.text)}`);
    }
  }

  private slice(from: number, to: number): string {
    return this.tokens
      .slice(from, to)
      .map((token) =>
        token.type === 'string' ? `"${token.raw}"` : String((token as { value: unknown }).value),
      )
      .join(' ')
      .replace(/ ?([.[(]) ?/g, '$1')
      .replace(/ ([\])])/g, '$1')
      .replace(/ ,/g, ',');
  }

  private or(): unknown {
    let left = this.and();
    while (this.isOp('||')) {
      this.index++;
      const right = this.and();
      left = logical(left, right, true);
    }
    return left;
  }

  private and(): unknown {
    let left = this.comparison();
    while (this.isOp('&&')) {
      this.index++;
      const right = this.comparison();
      left = logical(left, right, false);
    }
    return left;
  }

  private comparison(): unknown {
    const left = this.additive();
    for (const op of ['==', '!=', '>', '<', '>=', '<=']) {
      if (!this.isOp(op)) continue;
      this.index++;
      const right = this.additive();
      if (isUnknown(left)) return left;
      if (isUnknown(right)) return right;
      if (op === '==') return JSON.stringify(left) === JSON.stringify(right);
      if (op === '!=') return JSON.stringify(left) !== JSON.stringify(right);
      if (typeof left !== 'number' || typeof right !== 'number') throw new Unreadable(this.text);
      return op === '>'
        ? left > right
        : op === '<'
          ? left < right
          : op === '>='
            ? left >= right
            : left <= right;
    }
    return left;
  }

  private additive(): unknown {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { value: string }).value;
      this.index++;
      const right = this.multiplicative();
      if (isUnknown(left)) continue;
      if (isUnknown(right)) {
        left = right;
        continue;
      }
      if (typeof left !== 'number' || typeof right !== 'number') throw new Unreadable(this.text);
      left = op === '+' ? left + right : left - right;
    }
    return left;
  }

  private multiplicative(): unknown {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.peek() as { value: string }).value;
      this.index++;
      const right = this.unary();
      if (isUnknown(left)) continue;
      if (isUnknown(right)) {
        left = right;
        continue;
      }
      if (typeof left !== 'number' || typeof right !== 'number' || (op !== '*' && right === 0))
        throw new Unreadable(this.text);
      left = op === '*' ? left * right : op === '/' ? left / right : left % right;
    }
    return left;
  }

  /** An element of a tuple or object: a value this reader cannot decide is unknown alone, not the whole literal. */
  private element(close: string): unknown {
    const start = this.index;
    try {
      return this.conditional();
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      // Resume at the next element: a `,` or the closing bracket at this depth, or the next `key =`.
      let depth = 0;
      this.index = Math.max(this.index, start + 1);
      while (!this.done()) {
        const token = this.peek()!;
        if (token.type === 'op' && '([{'.includes(token.value)) depth++;
        else if (token.type === 'op' && ')]}'.includes(token.value)) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && token.type === 'op' && token.value === ',') break;
        else if (
          depth === 0 &&
          close === '}' &&
          (token.type === 'ident' || token.type === 'string') &&
          (this.isOp('=', 1) || this.isOp(':', 1))
        )
          break;
        this.index++;
      }
      return unknown(`depends on ${shorten(error.text)}`);
    }
  }

  private unary(): unknown {
    if (this.isOp('!')) {
      this.index++;
      const value = this.unary();
      if (isUnknown(value)) return value;
      if (typeof value !== 'boolean') throw new Unreadable(this.text);
      return !value;
    }
    if (this.isOp('-')) {
      this.index++;
      const value = this.unary();
      if (isUnknown(value)) return value;
      if (typeof value !== 'number') throw new Unreadable(this.text);
      return -value;
    }
    return this.postfix();
  }

  private postfix(): unknown {
    let value = this.primary();
    for (;;) {
      if (this.isOp('.') && this.peek(1)?.type === 'ident') {
        this.index++;
        const name = (this.tokens[this.index++] as { value: string }).value;
        value = member(value, name);
      } else if (this.isOp('.') && this.peek(1)?.type === 'number') {
        // Legacy index syntax `list.0`.
        this.index++;
        value = member(value, (this.tokens[this.index++] as { value: number }).value);
      } else if (this.isOp('[')) {
        if (this.isOp('*', 1)) throw new Unreadable(this.text);
        this.index++;
        const key = this.conditional();
        this.expect(']');
        value = isUnknown(value) ? value : isUnknown(key) ? key : member(value, key as string | number);
      } else {
        return value;
      }
    }
  }

  private primary(): unknown {
    const token = this.tokens[this.index++];
    if (!token) throw new Unreadable(this.text);
    if (token.type === 'number') return token.value;
    if (token.type === 'string') {
      if (token.raw.includes('%{')) return this.resolver.template(token.raw);
      return token.raw.includes('${') ? this.template(token.raw) : token.value;
    }
    if (token.type === 'op') {
      if (token.value === '(') {
        const value = this.conditional();
        this.expect(')');
        return value;
      }
      if (token.value === '[') return this.tuple();
      if (token.value === '{') return this.object();
      throw new Unreadable(this.text);
    }
    const name = token.value;
    if (this.bindings.has(name)) return this.bindings.get(name);
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'null') return null;
    if (this.isOp('(')) return this.call(name);
    const attribute =
      this.isOp('.') && this.peek(1)?.type === 'ident'
        ? (this.peek(1) as { value: string }).value
        : undefined;
    const resolved = attribute === undefined ? NOT_A_SCOPE : this.resolver.reference(name, attribute);
    if (resolved === NOT_A_SCOPE) {
      // A resource, data source or module attribute: known after apply. Name the whole reference.
      const start = this.index - 1;
      this.skipAccessors();
      throw new Unreadable(this.slice(start, this.index));
    }
    this.index += 2;
    return resolved;
  }

  private skipAccessors(): void {
    for (;;) {
      if (this.isOp('.') && (this.peek(1)?.type === 'ident' || this.peek(1)?.type === 'number'))
        this.index += 2;
      else if (this.isOp('[')) {
        let depth = 0;
        do {
          if (this.isOp('[')) depth++;
          if (this.isOp(']')) depth--;
          this.index++;
        } while (depth > 0 && !this.done());
      } else return;
    }
  }

  private tuple(): unknown {
    if (this.isIdent('for')) return this.forExpression(false);
    const items: unknown[] = [];
    while (!this.isOp(']')) {
      items.push(this.element(']'));
      if (this.isOp(',')) this.index++;
      else break;
    }
    this.expect(']');
    return items;
  }

  private object(): unknown {
    if (this.isIdent('for')) return this.forExpression(true);
    const entries: [string, unknown][] = [];
    while (!this.isOp('}')) {
      const key = this.tokens[this.index++];
      if (!key || (key.type !== 'ident' && key.type !== 'string')) throw new Unreadable(this.text);
      if (!this.isOp('=') && !this.isOp(':')) throw new Unreadable(this.text);
      this.index++;
      entries.push([String(key.value), this.element('}')]);
      if (this.isOp(',')) this.index++;
    }
    this.expect('}');
    // Keys come from the input: a null-prototype object, never a plain one (`__proto__` stays a key).
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of entries) out[key] = value;
    return { ...out };
  }

  private call(name: string): unknown {
    const start = this.index - 1;
    this.expect('(');
    const args: unknown[] = [];
    try {
      while (!this.isOp(')')) {
        args.push(this.conditional());
        if (this.isOp(',')) this.index++;
        else if (this.isOp('...')) this.index++;
        else break;
      }
      this.expect(')');
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      // Name the whole call: its value is what is unknown.
      let depth = 1;
      while (!this.done() && depth > 0) {
        if (this.isOp('(')) depth++;
        if (this.isOp(')')) depth--;
        this.index++;
      }
      throw new Unreadable(this.slice(start, this.index));
    }
    const text = this.slice(start, this.index);
    const known = callFunction(name, args);
    if (known === undefined) throw new Unreadable(text);
    return known;
  }
}

/** Returned by a resolver for a root it does not know (`azurerm_subnet`, `data`, `module`). */
export const NOT_A_SCOPE: unique symbol = Symbol('not a scope');

/** Pure functions of the Terraform language whose result follows from known arguments. */
function callFunction(name: string, args: unknown[]): unknown {
  const blocked = args.find(isUnknown) as Unknown | undefined;
  switch (name) {
    case 'tolist':
    case 'toset':
    case 'tomap':
    case 'tostring':
    case 'tobool':
    case 'tonumber':
      return blocked ?? args[0];
    case 'length':
      if (blocked) return blocked;
      if (Array.isArray(args[0]) || typeof args[0] === 'string') return (args[0] as unknown[]).length;
      if (typeof args[0] === 'object' && args[0] !== null) return Object.keys(args[0]).length;
      return undefined;
    case 'lower':
      return blocked ?? (typeof args[0] === 'string' ? args[0].toLowerCase() : undefined);
    case 'upper':
      return blocked ?? (typeof args[0] === 'string' ? args[0].toUpperCase() : undefined);
    case 'coalesce':
      for (const arg of args) {
        if (isUnknown(arg)) return arg;
        if (arg !== null && arg !== '') return arg;
      }
      return undefined;
    case 'range': {
      if (blocked) return blocked;
      if (!args.every((arg) => typeof arg === 'number')) return undefined;
      const [start, limit, step] =
        args.length === 1
          ? [0, args[0] as number, 1]
          : [args[0] as number, args[1] as number, (args[2] as number | undefined) ?? 1];
      if (step === 0 || Math.abs((limit - start) / step) > 1024) return undefined;
      const out: number[] = [];
      for (let i = start; step > 0 ? i < limit : i > limit; i += step) out.push(i);
      return out;
    }
    case 'join':
      if (blocked) return blocked;
      if (typeof args[0] !== 'string' || !Array.isArray(args[1])) return undefined;
      if (!(args[1] as unknown[]).every((item) => typeof item === 'string')) return undefined;
      return (args[1] as string[]).join(args[0]);
    case 'regex': {
      if (blocked) return blocked;
      if (typeof args[0] !== 'string' || typeof args[1] !== 'string') return undefined;
      const match = literalRegex(args[0], args[1]);
      if (match === undefined) return undefined;
      return match === null ? unknown('error: regex found no match') : match;
    }
    case 'can': {
      const [value] = args;
      if (!isUnknown(value)) return true;
      return /^(error:|cannot read|index \d+ out of range)/.test(value.reason) ? false : value;
    }
    case 'nonsensitive':
    case 'sensitive':
      return blocked ?? args[0];
    case 'try':
      // The first argument that evaluates without an error; an argument that is only not known yet decides.
      for (const arg of args) {
        if (isUnknown(arg) && /^(cannot read|index \d+ out of range)/.test(arg.reason)) continue;
        return arg;
      }
      return undefined;
    case 'merge':
      if (blocked) return blocked;
      if (!args.every((arg) => arg === null || (typeof arg === 'object' && !Array.isArray(arg))))
        return undefined;
      {
        // Own properties defined one by one: an input key `__proto__` stays a key, never a prototype.
        const out: Record<string, unknown> = {};
        for (const arg of args as (Record<string, unknown> | null)[])
          for (const [key, value] of Object.entries(arg ?? {}))
            Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        return out;
      }
    case 'keys':
    case 'values':
      if (blocked) return blocked;
      if (typeof args[0] !== 'object' || args[0] === null || Array.isArray(args[0])) return undefined;
      return name === 'keys'
        ? Object.keys(args[0]).sort()
        : Object.keys(args[0])
            .sort()
            .map((key) => (args[0] as Record<string, unknown>)[key]);
    case 'concat':
      return blocked ?? (args.every(Array.isArray) ? (args as unknown[][]).flat() : undefined);
    default:
      return undefined;
  }
}

/**
 * `regex` for the anchored alternations modules use to filter keys (`^(a|b|c)$`, `^(.*)$`): the matched text, null
 * for no match, `undefined` for any other pattern (not evaluated: an input-controlled regular expression is never
 * run, so no pattern can make a scan slow).
 */
function literalRegex(pattern: string, text: string): string | null | undefined {
  const group = /^\^\(([^()[\]{}+?\\]*)\)\$$/.exec(pattern);
  if (!group) return undefined;
  const alternatives = group[1]!.split('|');
  if (alternatives.some((alternative) => alternative !== '.*' && /[.*^$]/.test(alternative)))
    return undefined;
  // Terraform returns the capture group's text when the pattern has exactly one group.
  return alternatives.some((alternative) => alternative === '.*' || alternative === text) ? text : null;
}

function logical(left: unknown, right: unknown, or: boolean): unknown {
  // A known deciding operand decides, whatever the other is.
  if (left === or || right === or) return or;
  if (isUnknown(left)) return left;
  if (isUnknown(right)) return right;
  if (typeof left !== 'boolean' || typeof right !== 'boolean') return unknown('not a boolean');
  return or ? left || right : left && right;
}

function member(value: unknown, key: string | number): unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value) && typeof key === 'number')
    return key < value.length ? value[key] : unknown(`index ${key} out of range`);
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, String(key)))
    return (value as Record<string, unknown>)[String(key)];
  if (typeof value === 'object' && value !== null) return null;
  return unknown(`cannot read .${key}`);
}

export function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
