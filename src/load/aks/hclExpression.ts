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

  done(): boolean {
    return this.index >= this.tokens.length;
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
    const whenTrue = this.conditional();
    this.expect(':');
    const whenFalse = this.conditional();
    if (isUnknown(condition)) {
      // Both branches equal: the condition does not matter.
      if (!isUnknown(whenTrue) && JSON.stringify(whenTrue) === JSON.stringify(whenFalse)) return whenTrue;
      return unknown(`depends on the condition ${shorten(conditionText)}`);
    }
    if (typeof condition !== 'boolean') return unknown(`depends on the condition ${shorten(conditionText)}`);
    return condition ? whenTrue : whenFalse;
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
    let left = this.unary();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { value: string }).value;
      this.index++;
      const right = this.unary();
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
    if (token.type === 'string')
      return token.raw.includes('${') || token.raw.includes('%{')
        ? this.resolver.template(token.raw)
        : token.value;
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
    if (this.peek()?.type === 'ident' && (this.peek() as { value: string }).value === 'for')
      throw new Unreadable(this.text);
    const items: unknown[] = [];
    while (!this.isOp(']')) {
      items.push(this.conditional());
      if (this.isOp(',')) this.index++;
      else break;
    }
    this.expect(']');
    return items;
  }

  private object(): unknown {
    if (this.peek()?.type === 'ident' && (this.peek() as { value: string }).value === 'for')
      throw new Unreadable(this.text);
    const entries: [string, unknown][] = [];
    while (!this.isOp('}')) {
      const key = this.tokens[this.index++];
      if (!key || (key.type !== 'ident' && key.type !== 'string')) throw new Unreadable(this.text);
      if (!this.isOp('=') && !this.isOp(':')) throw new Unreadable(this.text);
      this.index++;
      entries.push([String(key.value), this.conditional()]);
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
    case 'concat':
      return blocked ?? (args.every(Array.isArray) ? (args as unknown[][]).flat() : undefined);
    default:
      return undefined;
  }
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
