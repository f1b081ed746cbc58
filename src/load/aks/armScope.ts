import { isUnknown, type Unknown, unknown } from '../../model/aksCluster.js';
import { isJsonObject as isObject } from '../../model/json.js';
import { type ExpressionScope, evaluateTemplateString } from './armExpression.js';

type Json = Record<string, unknown>;

/** ARM's limit on the iterations of one copy loop (`copy.count` is at most 800). */
export const MAX_COPY_COUNT = 800;

/**
 * The base `deployment().properties.templateLink.uri` stands for: the template's own file, so that
 * `uri(deployment().properties.templateLink.uri, 'nested/aks.json')` names a file beside it. Linked templates
 * are resolved only when the resulting address starts with this base.
 */
export const TEMPLATE_BASE = 'aksguard-template:///';

/** A scope that also knows the copy loops it is inside (`copyIndex()`, `copyIndex('pools')`). */
export interface ArmScope extends ExpressionScope {
  /** The same scope inside iteration `index` of loop `name` (`undefined`: the resource loop, read by `copyIndex()`). */
  withCopy(name: string | undefined, index: number | Unknown): ArmScope;
}

export interface TemplateScopeInit {
  template: Json;
  /** Values of a parameters file (`{"x": {"value": ...}}`), keyed by lower-case name. */
  parameterFile?: Map<string, unknown>;
  /** Values given by the parent deployment of a nested or linked template, already evaluated, lower-case keys. */
  given?: Map<string, unknown>;
  /** Parameters without a given value are set elsewhere (a `parametersLink` that is not read): the reason. */
  givenElsewhere?: string;
  /** The template's own file, for `deployment().properties.templateLink.uri`. */
  file: string;
}

/**
 * The scope of one ARM template: `parameters()` (given by the parent deployment, a parameters file, or the
 * default), `variables()` (including `copy` variable loops), `copyIndex()` and `deployment()`. Values are
 * computed once per name, with cycles reported as unknown.
 */
export function templateScope(init: TemplateScopeInit): ArmScope {
  const declared = new Map<string, Json>();
  if (isObject(init.template.parameters)) {
    for (const [name, spec] of Object.entries(init.template.parameters))
      if (isObject(spec)) declared.set(name.toLowerCase(), spec);
  }
  const variables = new Map<string, unknown>();
  const variableLoops = new Map<string, Json>();
  if (isObject(init.template.variables)) {
    for (const [name, value] of Object.entries(init.template.variables)) {
      if (name.toLowerCase() === 'copy' && Array.isArray(value)) {
        // Variable iteration: each entry defines an array variable.
        for (const loop of value)
          if (isObject(loop) && typeof loop.name === 'string')
            variableLoops.set(loop.name.toLowerCase(), loop);
        continue;
      }
      variables.set(name.toLowerCase(), value);
    }
  }
  const resolving = new Set<string>();
  const guarded = (key: string, compute: () => unknown): unknown => {
    if (resolving.has(key)) return unknown(`circular reference ${key.slice(2)}`);
    resolving.add(key);
    try {
      return compute();
    } finally {
      resolving.delete(key);
    }
  };

  const make = (loops: ReadonlyMap<string | undefined, number | Unknown>): ArmScope => {
    const scope: ArmScope = {
      parameter(name) {
        const key = name.toLowerCase();
        if (init.given?.has(key)) return init.given.get(key);
        if (init.parameterFile?.has(key)) return deepEvaluate(init.parameterFile.get(key), root);
        const spec = declared.get(key);
        if (!spec) return unknown(`parameter '${name}' is not declared`);
        if (init.givenElsewhere) return unknown(`depends on parameter '${name}' (${init.givenElsewhere})`);
        if (!('defaultValue' in spec)) return unknown(`depends on parameter '${name}'`);
        return guarded(`p:${key}`, () => deepEvaluate(spec.defaultValue, root));
      },
      variable(name) {
        const key = name.toLowerCase();
        const loop = variableLoops.get(key);
        if (loop) return guarded(`v:${key}`, () => iterate(loop, root, name));
        if (!variables.has(key)) return unknown(`variable '${name}' is not declared`);
        return guarded(`v:${key}`, () => deepEvaluate(variables.get(key), root));
      },
      functions: new Map<string, (args: unknown[]) => unknown>([
        ['copyindex', (args) => copyIndex(loops, args)],
        [
          'deployment',
          () => ({
            name: unknown('depends on the deployment name'),
            properties: { templateLink: { uri: `${TEMPLATE_BASE}${init.file}` } },
          }),
        ],
        ['uri', (args) => resolveUri(args[0], args[1])],
      ]),
      withCopy(name, index) {
        const next = new Map(loops);
        next.set(name?.toLowerCase(), index);
        return make(next);
      },
    };
    return scope;
  };
  const root = make(new Map());
  return root;
}

function copyIndex(loops: ReadonlyMap<string | undefined, number | Unknown>, args: unknown[]): unknown {
  const [first, second] = args;
  const name = typeof first === 'string' ? first.toLowerCase() : undefined;
  const offset = typeof first === 'number' ? first : typeof second === 'number' ? second : 0;
  if (!loops.has(name)) return unknown(`copyIndex(${name ?? ''}) outside its copy loop`);
  const index = loops.get(name)!;
  return isUnknown(index) ? index : index + offset;
}

/** `uri(base, relative)`: RFC 3986 resolution against a base (only the template base is resolved here). */
function resolveUri(base: unknown, relative: unknown): unknown {
  if (typeof base !== 'string' || typeof relative !== 'string') return unknown('depends on uri()');
  try {
    return new URL(relative, base).href;
  } catch {
    return unknown(`cannot resolve uri(${JSON.stringify(base)}, ${JSON.stringify(relative)})`);
  }
}

/** Evaluates every expression in a value; an object with a `copy` array is property iteration. */
export function deepEvaluate(value: unknown, scope: ArmScope): unknown {
  if (typeof value === 'string') return evaluateTemplateString(value, scope);
  if (Array.isArray(value)) return value.map((item) => deepEvaluate(item, scope));
  if (isObject(value) && !isUnknown(value)) {
    const out: Json = {};
    for (const [key, child] of Object.entries(value)) {
      if (key.toLowerCase() === 'copy' && Array.isArray(child) && child.every(isCopyLoop)) {
        for (const loop of child as Json[])
          define(out, String(loop.name), iterate(loop, scope, String(loop.name)));
        continue;
      }
      define(out, key, deepEvaluate(child, scope));
    }
    return out;
  }
  return value;
}

function define(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A property or variable loop: `{name, count, input}`. */
export function isCopyLoop(value: unknown): value is Json {
  return isObject(value) && typeof value.name === 'string' && 'count' in value && 'input' in value;
}

/** The number of iterations of a loop, bounded; unknown when the count is. */
export function copyCount(loop: Json, scope: ArmScope): number | Unknown {
  const count = typeof loop.count === 'string' ? evaluateTemplateString(loop.count, scope) : loop.count;
  if (isUnknown(count)) return unknown(`the number of copies depends on: ${count.reason}`);
  const number = typeof count === 'string' ? Number(count) : count;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0)
    return unknown(`copy count ${JSON.stringify(count)} is not a whole number`);
  if (number > MAX_COPY_COUNT)
    return unknown(`copy count ${number} is over ARM's limit of ${MAX_COPY_COUNT}`);
  return number;
}

function iterate(loop: Json, scope: ArmScope, name: string): unknown {
  const count = copyCount(loop, scope);
  if (isUnknown(count)) return count;
  return Array.from({ length: count }, (_, index) => deepEvaluate(loop.input, scope.withCopy(name, index)));
}
