import { isUnknown, type Unknown, unknown } from '../../model/aksCluster.js';
import { armFunction, armString } from './armFunctions.js';

/**
 * A small evaluator for ARM template expressions (`[parameters('x')]`, `[variables('y')]`, `concat`, `if`,
 * `equals`, `not`, `and`, `or`, `bool`, `string`, `int`, `toLower`, `toUpper`, `empty`, `createArray`,
 * `coalesce`, property access and indexing). Anything else evaluates to `Unknown`: a template value that
 * depends on the deployment (`resourceGroup()`, `reference()`, `uniqueString()`) cannot be read statically.
 */
export interface ExpressionScope {
  parameter(name: string): unknown;
  variable(name: string): unknown;
  /** Functions whose value depends on where the expression is (`copyIndex()`, `deployment()`), by lower-case name. */
  functions?: ReadonlyMap<string, (args: unknown[]) => unknown>;
}

type Token =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'ident'; value: string }
  | { type: 'punct'; value: string };

/** True for a string that ARM treats as an expression: `[...]`, but not the `[[` escape. */
export function isExpression(text: string): boolean {
  return text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');
}

/** Calls a template function on evaluated arguments (Bicep compiles to the same functions); `text` names it in reasons. */
export function callArmFunction(name: string, args: unknown[], text: string): unknown {
  const noScope: ExpressionScope = {
    parameter: (parameter) => unknown(`parameter '${parameter}' outside a template`),
    variable: (variable) => unknown(`variable '${variable}' outside a template`),
  };
  return new Parser([], noScope, text).call(name, args);
}

export function evaluateTemplateString(text: string, scope: ExpressionScope): unknown {
  if (text.startsWith('[[')) return text.slice(1);
  if (!isExpression(text)) return text;
  try {
    const tokens = tokenize(text.slice(1, -1));
    const parser = new Parser(tokens, scope, text);
    const value = parser.expression();
    if (!parser.done()) return unknown(`cannot evaluate ${text}`);
    return value;
  } catch {
    return unknown(`cannot evaluate ${text}`);
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === "'") {
      let value = '';
      i++;
      while (i < source.length) {
        if (source[i] === "'" && source[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (source[i] === "'") {
          break;
        } else {
          value += source[i];
          i++;
        }
      }
      if (source[i] !== "'") throw new Error('unterminated string');
      i++;
      tokens.push({ type: 'string', value });
    } else if (/[0-9-]/.test(char)) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i));
      if (!match) throw new Error('bad number');
      tokens.push({ type: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][\w]*/.exec(source.slice(i))!;
      tokens.push({ type: 'ident', value: match[0] });
      i += match[0].length;
    } else if ('(),.[]'.includes(char)) {
      tokens.push({ type: 'punct', value: char });
      i++;
    } else {
      throw new Error(`unexpected ${char}`);
    }
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly scope: ExpressionScope,
    private readonly text: string,
  ) {}

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private take(punct?: string): Token {
    const token = this.tokens[this.index++];
    if (!token || (punct !== undefined && (token.type !== 'punct' || token.value !== punct))) {
      throw new Error(`expected ${punct ?? 'token'}`);
    }
    return token;
  }

  expression(): unknown {
    let value = this.primary();
    for (;;) {
      const next = this.peek();
      if (next?.type === 'punct' && next.value === '.') {
        this.take('.');
        const name = this.take();
        value = member(value, String(name.value));
      } else if (next?.type === 'punct' && next.value === '[') {
        this.take('[');
        const key = this.expression();
        this.take(']');
        value = isUnknown(key) ? key : member(value, key as string | number);
      } else {
        return value;
      }
    }
  }

  private primary(): unknown {
    const token = this.take();
    if (token.type === 'string' || token.type === 'number') return token.value;
    if (token.type !== 'ident') throw new Error('unexpected token');
    const name = token.value;
    const next = this.peek();
    if (!(next?.type === 'punct' && next.value === '(')) {
      if (name === 'true') return true;
      if (name === 'false') return false;
      if (name === 'null') return null;
      throw new Error(`bare identifier ${name}`);
    }
    this.take('(');
    const args: unknown[] = [];
    if (!(this.peek()?.type === 'punct' && this.peek()?.value === ')')) {
      args.push(this.expression());
      while (this.peek()?.type === 'punct' && this.peek()?.value === ',') {
        this.take(',');
        args.push(this.expression());
      }
    }
    this.take(')');
    return this.call(name, args);
  }

  call(name: string, args: unknown[]): unknown {
    const fn = name.toLowerCase();
    if (fn === 'parameters' || fn === 'variables') {
      const key = args[0];
      if (isUnknown(key)) return key;
      return fn === 'parameters' ? this.scope.parameter(String(key)) : this.scope.variable(String(key));
    }
    if (fn === 'if') {
      const condition = asBoolean(args[0]);
      if (isUnknown(condition)) return condition;
      return condition ? args[1] : args[2];
    }
    if (fn === 'coalesce') {
      for (const arg of args) {
        if (isUnknown(arg)) return arg;
        if (arg !== null && arg !== undefined) return arg;
      }
      return null;
    }
    const blocked = args.find(isUnknown) as Unknown | undefined;
    if (blocked) return blocked;
    const scoped = this.scope.functions?.get(fn);
    if (scoped) return scoped(args);
    switch (fn) {
      case 'concat':
        if (args.every(Array.isArray)) return (args as unknown[][]).flat();
        return args.map((arg) => String(arg)).join('');
      case 'equals':
        return JSON.stringify(args[0]) === JSON.stringify(args[1]);
      case 'not':
        return flip(asBoolean(args[0]));
      case 'and':
        return args.map(asBoolean).every((value) => value === true);
      case 'or':
        return args.map(asBoolean).some((value) => value === true);
      case 'bool':
        return asBoolean(args[0]);
      case 'string':
        // ARM writes booleans as .NET does: string(true) is "True".
        return typeof args[0] === 'string' || typeof args[0] === 'boolean'
          ? armString(args[0])
          : JSON.stringify(args[0]);
      case 'int':
        return Number.parseInt(String(args[0]), 10);
      case 'tolower':
        return String(args[0]).toLowerCase();
      case 'toupper':
        return String(args[0]).toUpperCase();
      case 'empty':
        return isEmpty(args[0]);
      case 'createarray':
        return args;
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
      default: {
        const value = armFunction(fn, args);
        return value === undefined ? unknown(`depends on ${name}() in ${this.text}`) : value;
      }
    }
  }
}

function flip(value: boolean | Unknown): boolean | Unknown {
  return isUnknown(value) ? value : !value;
}

function asBoolean(value: unknown): boolean | Unknown {
  if (isUnknown(value)) return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (typeof value === 'number') return value !== 0;
  return unknown(`not a boolean: ${JSON.stringify(value)}`);
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function member(value: unknown, key: string | number): unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value) && typeof key === 'number') return value[key];
  if (typeof value === 'object' && value !== null) {
    const wanted = String(key).toLowerCase();
    for (const [k, v] of Object.entries(value)) if (k.toLowerCase() === wanted) return v;
  }
  return unknown(`no member ${key}`);
}
