import { isUnknown, unknown } from '../../model/aksCluster.js';
import type { Location } from '../../model/source.js';
import { evaluateHcl, NOT_A_SCOPE, shorten } from './hclExpression.js';

type Json = Record<string, unknown>;

/** A declared `variable` block. */
export interface TerraformVariable {
  hasDefault: boolean;
  default: unknown;
  /** `sensitive = true`. */
  sensitive?: boolean;
  /** Where the `default` is written. */
  defaultLocation?: Location;
}

/** Where a variable's value comes from when it is set outside the module: a tfvars line or a module call argument. */
export interface VariableOrigin {
  location: Location;
  /** Locates a path inside the written value (an object argument's key), when the origin can. */
  locateInside?(path: readonly (string | number)[]): Location;
  /** Names the origin in reasons (`module.aks argument`, `terraform.tfvars`). */
  description: string;
}

/**
 * Resolves the Terraform expressions hcl2json leaves as `${...}` strings, as far as a static reading can:
 * `var.x` (module call argument or tfvars, then the variable's default), `local.x`, literals, conditionals,
 * operators and string templates made of those (see `evaluateHcl`). Anything else (resource attributes, data
 * sources, most functions) is `Unknown`, with the reason naming what it depends on.
 */
export class TerraformScope {
  private readonly resolving = new Set<string>();

  constructor(
    private readonly variables: Map<string, TerraformVariable>,
    /** Values set from outside: tfvars for a root module, the call's arguments for a called module. */
    private readonly tfvars: Map<string, unknown>,
    private readonly locals: Map<string, unknown>,
    private readonly options: {
      origins?: Map<string, VariableOrigin>;
      /** Names bound inside a block (`each`, a dynamic block's iterator): root → attribute → value. */
      bindings?: Map<string, Map<string, unknown>>;
      /** Evaluates the values in `tfvars` (a module call's arguments are expressions of the caller). */
      outer?: TerraformScope;
      /** Why a variable without a value is unknown, beyond "depends on var.x" (a tfvars file Terraform does not load). */
      unsetHints?: Map<string, string>;
      /**
       * A called module's variable with `default = null` is null (the attribute is left to the provider), as
       * Terraform decides: every input of the call is in view. In a root module such a variable is usually set
       * by a `-var-file` not in view, so it stays unknown there.
       */
      nullDefaultIsValue?: boolean;
    } = {},
  ) {}

  /** The same scope with names bound for a block (`each.value`, a dynamic block's iterator). */
  withBindings(bindings: Map<string, Map<string, unknown>>): TerraformScope {
    const merged = new Map([...(this.options.bindings ?? []), ...bindings]);
    return new TerraformScope(this.variables, this.tfvars, this.locals, {
      ...this.options,
      bindings: merged,
    });
  }

  declared(name: string): TerraformVariable | undefined {
    return this.variables.get(name);
  }

  evaluate(value: unknown): unknown {
    if (typeof value === 'string') return this.evaluateString(value);
    if (Array.isArray(value)) return value.map((item) => this.evaluate(item));
    if (typeof value === 'object' && value !== null && !isUnknown(value)) {
      const out: Json = {};
      for (const [key, child] of Object.entries(value))
        Object.defineProperty(out, key, {
          value: this.evaluate(child),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return value;
  }

  /**
   * Where a written value really comes from, when it is a plain reference to a variable set outside the module
   * (`${var.x}`, `${var.x.y}`): the caller's argument or the tfvars line. `undefined` otherwise.
   */
  originOf(value: unknown): Location | undefined {
    if (typeof value !== 'string') return undefined;
    const match = /^\$\{\s*var\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*)*)\s*\}$/.exec(value);
    if (!match) return undefined;
    const origin = this.options.origins?.get(match[1]!);
    if (!origin) return undefined;
    const inside = match[2] ? match[2].slice(1).split('.') : [];
    return inside.length > 0 && origin.locateInside ? origin.locateInside(inside) : origin.location;
  }

  private evaluateString(text: string): unknown {
    if (!text.includes('${') && !text.includes('%{')) return text;
    if (text.includes('%{')) return unknown(`depends on a template directive in ${shorten(text)}`);
    const whole = /^\$\{([\s\S]*)\}$/.exec(text);
    if (whole && balanced(whole[1]!)) return this.expression(whole[1]!.trim());
    return this.template(text);
  }

  /** A string template: every `${...}` rendered, or the first unknown. */
  private template(text: string): unknown {
    let failure: unknown;
    let rendered = '';
    let i = 0;
    while (i < text.length) {
      const start = text.indexOf('${', i);
      if (start < 0) {
        rendered += text.slice(i);
        break;
      }
      rendered += text.slice(i, start);
      const end = closingBrace(text, start + 2);
      if (end < 0) return unknown(`depends on ${shorten(text)}`);
      const value = this.expression(text.slice(start + 2, end).trim());
      if (isUnknown(value)) failure ??= value;
      else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        rendered += String(value);
      else failure ??= unknown(`depends on ${shorten(text)}`);
      i = end + 1;
    }
    return failure ?? rendered;
  }

  private expression(expression: string): unknown {
    return evaluateHcl(expression, {
      reference: (root, attribute) => this.reference(root, attribute),
      template: (raw) => this.template(raw.replace(/\\(.)/g, '$1')),
    });
  }

  private reference(root: string, attribute: string): unknown {
    if (root === 'var') return this.variable(attribute);
    if (root === 'local') return this.local(attribute);
    const bound = this.options.bindings?.get(root);
    if (bound)
      return bound.has(attribute) ? bound.get(attribute) : unknown(`depends on ${root}.${attribute}`);
    if (root === 'each' || root === 'count' || root === 'self')
      return unknown(`depends on ${root}.${attribute}`);
    return NOT_A_SCOPE;
  }

  variable(name: string): unknown {
    if (this.tfvars.has(name)) {
      const raw = this.tfvars.get(name);
      // A module call's argument is an expression of the caller, evaluated in the caller's scope.
      const value = this.options.outer ? this.options.outer.evaluate(raw) : this.evaluate(raw);
      if (value !== null) return value;
      // Terraform: null for a variable with a default (and nullable = true) means "unset" only when nullable = false;
      // the default applies when the argument is null and the variable is not nullable. Keep null otherwise.
      return value;
    }
    const declared = this.variables.get(name);
    if (declared?.hasDefault && declared.default === null && this.options.nullDefaultIsValue) return null;
    if (!declared?.hasDefault || declared.default === null) {
      const hint = this.options.unsetHints?.get(name);
      return unknown(`depends on var.${name}${hint ? ` (${hint})` : ''}`);
    }
    return this.guard(`var.${name}`, () => this.evaluate(declared.default));
  }

  private local(name: string): unknown {
    if (!this.locals.has(name)) return unknown(`depends on local.${name}`);
    return this.guard(`local.${name}`, () => this.evaluate(this.locals.get(name)));
  }

  private guard(key: string, compute: () => unknown): unknown {
    if (this.resolving.has(key)) return unknown(`circular reference ${key}`);
    this.resolving.add(key);
    try {
      const value = compute();
      // A value that itself could not be resolved is reported as depending on the reference the user wrote.
      return isUnknown(value) ? unknown(`depends on ${key} (${value.reason})`) : value;
    } finally {
      this.resolving.delete(key);
    }
  }
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (quoted) continue;
    if (char === '{') depth++;
    if (char === '}' && --depth === 0) return i;
  }
  return -1;
}

/** True when every brace of the expression closes inside it (outside quoted strings). */
function balanced(expression: string): boolean {
  return closingBrace(`${expression}}`, 0) === expression.length;
}
