import { isUnknown, unknown } from '../../model/aksCluster.js';

type Json = Record<string, unknown>;

/**
 * Resolves the Terraform expressions hcl2json leaves as `${...}` strings, as far as a static reading can:
 * `var.x` (tfvars, then the variable's default), `local.x`, literals, and string templates made of those.
 * Anything else (resource attributes, data sources, functions, conditionals) is `Unknown`, with the reason
 * naming what it depends on.
 */
export class TerraformScope {
  private readonly resolving = new Set<string>();

  constructor(
    private readonly variables: Map<string, { hasDefault: boolean; default: unknown }>,
    private readonly tfvars: Map<string, unknown>,
    private readonly locals: Map<string, unknown>,
  ) {}

  evaluate(value: unknown): unknown {
    if (typeof value === 'string') return this.evaluateString(value);
    if (Array.isArray(value)) return value.map((item) => this.evaluate(item));
    if (typeof value === 'object' && value !== null && !isUnknown(value)) {
      const out: Json = {};
      for (const [key, child] of Object.entries(value)) out[key] = this.evaluate(child);
      return out;
    }
    return value;
  }

  private evaluateString(text: string): unknown {
    if (!text.includes('${') && !text.includes('%{')) return text;
    if (text.includes('%{')) return unknown(`depends on a template directive in ${shorten(text)}`);
    const whole = /^\$\{([\s\S]*)\}$/.exec(text);
    if (whole && balanced(whole[1]!)) return this.expression(whole[1]!.trim());
    let failure: unknown;
    const rendered = text.replace(/\$\{([^{}]*)\}/g, (_match, expression: string) => {
      const value = this.expression(expression.trim());
      if (isUnknown(value)) failure ??= value;
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : '';
    });
    if (failure) return failure;
    if (rendered.includes('${')) return unknown(`depends on ${shorten(text)}`);
    return rendered;
  }

  private expression(expression: string): unknown {
    if (expression === 'true') return true;
    if (expression === 'false') return false;
    if (expression === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(expression)) return Number(expression);
    const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(expression);
    if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
    const reference = /^(var|local)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])*)$/.exec(
      expression,
    );
    if (reference) {
      const base = reference[1] === 'var' ? this.variable(reference[2]!) : this.local(reference[2]!);
      return traverse(base, reference[3] ?? '');
    }
    const conditional = /^([^?]+?)\s*\?/.exec(expression);
    if (conditional) return unknown(`depends on the condition ${shorten(conditional[1]!)}`);
    return unknown(`depends on ${shorten(expression)}`);
  }

  variable(name: string): unknown {
    if (this.tfvars.has(name)) return this.evaluate(this.tfvars.get(name));
    const declared = this.variables.get(name);
    if (!declared?.hasDefault || declared.default === null) return unknown(`depends on var.${name}`);
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

function traverse(value: unknown, accessors: string): unknown {
  let current = value;
  for (const match of accessors.matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"]*)"\]/g)) {
    if (isUnknown(current)) return current;
    const key = match[1] ?? match[3] ?? Number(match[2]);
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (typeof current === 'object' && current !== null) current = (current as Json)[String(key)];
    else return unknown(`cannot read ${accessors}`);
  }
  return current;
}

function balanced(expression: string): boolean {
  let depth = 0;
  for (const char of expression) {
    if (char === '{') depth++;
    if (char === '}') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
