import type { Location } from '../../../model/source.js';
import { callArmFunction } from '../armExpression.js';
import { armString } from '../armFunctions.js';
import type { ParsedBicep, SyntaxNode } from './syntax.js';
import { textOf } from './syntax.js';
import {
  arr,
  describe,
  fromPlain,
  getProp,
  isTruthyKnown,
  type Lambda,
  lit,
  located,
  NULL,
  type Obj,
  obj,
  type ResourceHandle,
  toPlain,
  type Unk,
  unk,
  unlocated,
  type Val,
} from './values.js';

/** What an expression can see: the file's symbols (params, vars, resources, modules, functions, imports). */
export interface Scope {
  readonly parsed: ParsedBicep;
  readonly file: string;
  /** A file-level symbol as a value, or `undefined` when none has that name. */
  symbol(name: string): Val | undefined;
  /** A user-defined or imported function. */
  func(name: string, namespace?: string): Lambda | undefined;
  /** Compile-time file functions (`loadTextContent`): the text of a file relative to this one. */
  readText(path: string): string | undefined;
  /** Counts evaluation steps (one, or the items a value holds); throws `BudgetExceeded` past the bound. */
  step(count?: number): void;
}

export class BudgetExceeded extends Error {}

/** Lexical scope: the file's symbols plus loop variables and lambda parameters. */
export class Env {
  constructor(
    readonly scope: Scope,
    private readonly locals?: ReadonlyMap<string, Val>,
    private readonly parent?: Env,
  ) {}

  with(bindings: ReadonlyMap<string, Val>): Env {
    return new Env(this.scope, bindings, this);
  }

  local(name: string): Val | undefined {
    return this.locals?.get(name) ?? this.parent?.local(name);
  }
}

/** Largest array a loop or `range()` may build; beyond it the value is unknown. */
export const MAX_ITEMS = 10_000;

export function locationOf(env: Env, node: SyntaxNode): Location {
  return { file: env.scope.file, line: node.line, column: node.column };
}

export function evaluate(node: SyntaxNode, env: Env): Val {
  env.scope.step();
  switch (node.type) {
    case 'number':
      return lit(Number(textOf(env.scope.parsed, node)));
    case 'boolean':
      return lit(textOf(env.scope.parsed, node) === 'true');
    case 'null':
      return NULL;
    case 'string':
      return evaluateString(node, env);
    case 'identifier':
      return identifier(node, env);
    case 'object':
      return evaluateObject(node, env);
    case 'array':
      return evaluateArray(node, env);
    case 'for_statement':
      return evaluateFor(node, env);
    case 'parenthesized_expression':
    case 'nullable_type':
      return node.children[0] ? evaluate(node.children[0], env) : NULL;
    case 'member_expression':
      return memberExpression(node, env);
    case 'subscript_expression':
      return subscriptExpression(node, env);
    case 'resource_expression':
      return resourceExpression(node, env);
    case 'call_expression':
      return callExpression(node, env);
    case 'ternary_expression':
      return ternary(node, env);
    case 'binary_expression':
      return binary(node, env);
    case 'unary_expression':
      return unary(node, env);
    case 'lambda_expression':
      return lambda(node, env);
    default:
      return unk(`Bicep syntax not understood at line ${node.line} (${node.type})`);
  }
}

/** Single-quoted strings with escapes and `${...}` interpolations; `'''` strings are verbatim. */
function evaluateString(node: SyntaxNode, env: Env): Val {
  const { parsed } = env.scope;
  const text = textOf(parsed, node);
  if (text.startsWith("'''")) return lit(text.slice(3, -3).replace(/^\r?\n/, ''));
  let out = '';
  let cursor = node.start + 1;
  const pieces: unknown[] = [];
  for (const child of node.children) {
    if (child.type !== 'interpolation') continue;
    out += decodeEscapes(parsed.source.slice(cursor, child.start));
    const inner = child.children[0];
    const value = inner ? evaluate(inner, env) : NULL;
    if (value.k === 'unk') return unk(value.reason);
    const plain = toPlain(value);
    pieces.push(plain);
    if (value.k !== 'lit') {
      // An object or array in an interpolation is written as JSON.
      const known = fromPlain(plain);
      if (known.k === 'unk') return known;
    }
    out += armString(plain);
    cursor = child.end;
  }
  out += decodeEscapes(parsed.source.slice(cursor, node.end - 1));
  return lit(out);
}

/** Bicep string escapes: `\\ \' \n \r \t \$ \u{X}`. */
function decodeEscapes(raw: string): string {
  return raw.replace(/\\(u\{([0-9a-fA-F]+)\}|.)/g, (_match, sequence: string, hex: string | undefined) => {
    if (hex !== undefined) {
      const code = Number.parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    switch (sequence) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        return sequence;
    }
  });
}

function identifier(node: SyntaxNode, env: Env): Val {
  const name = textOf(env.scope.parsed, node);
  const local = env.local(name);
  if (local) return local;
  const symbol = env.scope.symbol(name);
  if (symbol) return symbol;
  if (name === 'true' || name === 'false') return lit(name === 'true');
  if (name === 'null') return NULL;
  return unk(`'${name}' is not declared`);
}

/** An object literal: each property is located at its key; `...spread` merges; nested resources are skipped. */
export function evaluateObject(node: SyntaxNode, env: Env): Val {
  const { parsed } = env.scope;
  const result: Obj = obj();
  for (const property of node.children) {
    if (property.type === 'ERROR' || property.broken)
      return unk(`Bicep syntax not understood at line ${property.line}`);
    if (property.type !== 'object_property') continue;
    const [key, valueNode] = property.children;
    if (!key || key.type === 'resource_declaration') continue;
    const at = locationOf(env, property);
    if (!valueNode) continue;
    if (key.type === 'identifier' && parsed.compat.objectSpreads.has(key.start)) {
      const spread = evaluate(valueNode, env);
      if (spread.k === 'lit' && spread.v === null) continue;
      if (spread.k !== 'obj') {
        return unk(
          spread.k === 'unk'
            ? `a spread (...) depends on: ${spread.reason}`
            : `a spread of ${describe(spread)}`,
        );
      }
      for (const [lower, entry] of spread.props)
        result.props.set(lower, { name: entry.name, val: located(entry.val, at) });
      continue;
    }
    let name: string;
    if (key.type === 'string') {
      const keyValue = evaluateString(key, env);
      if (keyValue.k !== 'lit' || typeof keyValue.v !== 'string')
        return unk(
          `a property name at line ${property.line} depends on: ${keyValue.k === 'unk' ? keyValue.reason : 'a non-string'}`,
        );
      name = keyValue.v;
    } else {
      name = textOf(parsed, key).replace(/\?$/, '');
    }
    result.props.set(name.toLowerCase(), { name, val: located(evaluate(valueNode, env), at) });
  }
  return result;
}

function evaluateArray(node: SyntaxNode, env: Env): Val {
  const items: Val[] = [];
  for (const child of node.children) {
    if (child.type === 'decorators') continue;
    const value = evaluate(child, env);
    if (env.scope.parsed.compat.arraySpreads.has(child.start)) {
      if (value.k === 'lit' && value.v === null) continue;
      if (value.k !== 'arr')
        return unk(
          value.k === 'unk' ? `a spread (...) depends on: ${value.reason}` : `a spread of ${describe(value)}`,
        );
      items.push(...value.items);
      continue;
    }
    items.push(located(value, locationOf(env, child)));
  }
  return arr(items);
}

export interface LoopParts {
  item?: string;
  index?: string;
  iterable: SyntaxNode;
  body: SyntaxNode;
}

/** `[for x in y: body]`, `[for (x, i) in y: body]`, `[for i in range(0, n): if (c) body]`. */
export function loopParts(node: SyntaxNode, env: { scope: { parsed: ParsedBicep } }): LoopParts | undefined {
  const { parsed } = env.scope;
  const body = node.children.find((child) => child.field === 'body');
  const parameters = node.children.find((child) => child.type === 'for_loop_parameters');
  const initializer = node.children.find((child) => child.field === 'initializer');
  const iterable = node.children.find(
    (child) =>
      child !== body && child !== parameters && child !== initializer && child.field !== 'initializer',
  );
  if (!body || !iterable) return undefined;
  const parts: LoopParts = { iterable, body };
  if (initializer) parts.item = textOf(parsed, initializer);
  if (parameters) {
    const [item, index] = parameters.children;
    if (item) parts.item = textOf(parsed, item);
    if (index) parts.index = textOf(parsed, index);
  }
  return parts;
}

/** The iterations of a loop: the bindings of each, or an unknown when the list cannot be known. */
export function loopIterations(parts: LoopParts, env: Env): Map<string, Val>[] | Unk {
  const list = evaluate(parts.iterable, env);
  if (list.k === 'unk') return unk(`a loop over ${textOf(env.scope.parsed, parts.iterable)}: ${list.reason}`);
  if (list.k !== 'arr') return unk(`a loop over ${describe(list)}`);
  if (list.items.length > MAX_ITEMS) return unk(`a loop over more than ${MAX_ITEMS} items`);
  env.scope.step(list.items.length);
  return list.items.map((item, index) => {
    const bindings = new Map<string, Val>();
    if (parts.item) bindings.set(parts.item, unlocated(item));
    if (parts.index) bindings.set(parts.index, lit(index));
    return bindings;
  });
}

/** The bindings of a loop whose list is unknown: every iteration variable is unknown. */
export function symbolicIteration(parts: LoopParts, reason: string): Map<string, Val> {
  const bindings = new Map<string, Val>();
  if (parts.item) bindings.set(parts.item, unk(reason));
  if (parts.index) bindings.set(parts.index, unk(reason));
  return bindings;
}

/** `if (condition) body` inside a loop or declaration: the condition's value. */
export function conditionOf(node: SyntaxNode, env: Env): boolean | Unk {
  const condition = node.children.find((child) => child.type === 'parenthesized_expression');
  if (!condition) return true;
  const value = evaluate(condition, env);
  const truth = isTruthyKnown(value);
  if (typeof truth === 'boolean') return truth;
  return unk(`the condition ${textOf(env.scope.parsed, condition)}: ${truth.reason}`);
}

function evaluateFor(node: SyntaxNode, env: Env): Val {
  const parts = loopParts(node, env);
  if (!parts) return unk(`a loop at line ${node.line} not understood`);
  const iterations = loopIterations(parts, env);
  if (!Array.isArray(iterations)) return iterations;
  const items: Val[] = [];
  for (const bindings of iterations) {
    const inner = env.with(bindings);
    let body = parts.body;
    if (body.type === 'if_statement') {
      const condition = conditionOf(body, inner);
      if (condition !== true && condition !== false) return unk(`a filtered loop: ${condition.reason}`);
      if (!condition) continue;
      body = body.children.find((child) => child.type === 'object') ?? body;
    }
    items.push(located(evaluate(body, inner), locationOf(env, body)));
  }
  return arr(items);
}

/** Property access, case-insensitive as in ARM; `.?` yields null for a missing property. */
function memberExpression(node: SyntaxNode, env: Env): Val {
  const object = node.children.find((child) => child.field === 'object');
  const property = node.children.find((child) => child.field === 'property');
  if (!object || !property) return unk(`an expression at line ${node.line} not understood`);
  const name = textOf(env.scope.parsed, property);
  const safe = node.tokens.includes('.?');
  const target = evaluate(object, env);
  return member(target, name, safe, textOf(env.scope.parsed, node));
}

export function member(target: Val, name: string, safe: boolean, text: string): Val {
  switch (target.k) {
    case 'unk':
      if (target.ref) {
        const copy: Unk = {
          k: 'unk',
          reason: target.reason,
          ref: { ...target.ref, path: [...target.ref.path, name] },
        };
        return copy;
      }
      return unk(target.reason);
    case 'obj': {
      const found = getProp(target, name);
      if (found) return unlocated(found);
      return safe ? NULL : unk(`${text}: no property '${name}'`);
    }
    case 'lit':
      if (target.v === null && safe) return NULL;
      return unk(`${text}: ${describe(target)} has no property '${name}'`);
    case 'res':
      return resourceMember(target, name, text);
    case 'mod':
      if (target.outputs) return unlocated(target.module.output(name));
      if (name.toLowerCase() === 'outputs') return { k: 'mod', module: target.module, outputs: true };
      if (name.toLowerCase() === 'name')
        return unk(`depends on the deployment name of module '${target.module.symbol}'`);
      return unk(`${text}: a module has no property '${name}'`);
    default:
      return unk(`${text}: ${describe(target)} has no property '${name}'`);
  }
}

/**
 * `aks.name`, `aks.type`, `aks.apiVersion` are known when written; `aks.id` and `aks.properties...` are deploy-time
 * values, remembered as references to the resource (a role assignment's principal, a diagnostic setting's scope).
 */
function resourceMember(target: { resource: ResourceHandle }, name: string, text: string): Val {
  const resource = target.resource;
  const lower = name.toLowerCase();
  if (lower === 'name') {
    // An unknown name still says whose it is: an `existing` reference by that name is the same resource.
    const value = unlocated(resource.name());
    return value.k === 'unk' ? { k: 'unk', reason: value.reason, ref: { resource, path: ['name'] } } : value;
  }
  if (lower === 'type') return lit(resource.type);
  const reason = resource.existing
    ? `depends on the existing resource '${resource.symbol}' (${text})`
    : `depends on ${text}, known after deployment`;
  const value: Unk = { k: 'unk', reason, ref: { resource, path: [name] } };
  if (lower === 'id') value.nonEmpty = true;
  return value;
}

function subscriptExpression(node: SyntaxNode, env: Env): Val {
  const object = node.children.find((child) => child.field === 'object');
  const index = node.children.find((child) => child.field === 'index');
  if (!object || !index) return unk(`an expression at line ${node.line} not understood`);
  const bracket = env.scope.parsed.compat.text.indexOf('[', object.end);
  const safe = env.scope.parsed.compat.safeIndexes.has(bracket);
  const target = evaluate(object, env);
  const key = evaluate(index, env);
  const text = textOf(env.scope.parsed, node);
  if (key.k === 'unk') return unk(key.reason);
  if (key.k !== 'lit') return unk(`${text}: an index that is ${describe(key)}`);
  if (target.k === 'arr') {
    if (typeof key.v !== 'number') return unk(`${text}: an array indexed by ${describe(key)}`);
    const item = target.items[key.v];
    if (item) return unlocated(item);
    return safe ? NULL : unk(`${text}: index ${key.v} out of range`);
  }
  if (typeof key.v === 'string' || target.k === 'unk') return member(target, String(key.v), safe, text);
  return unk(`${text}: ${describe(target)} indexed by ${describe(key)}`);
}

/** `aks::pool`: a resource nested in another. */
function resourceExpression(node: SyntaxNode, env: Env): Val {
  const object = node.children.find((child) => child.field === 'object');
  const resource = node.children.find((child) => child.field === 'resource');
  if (!object || !resource) return unk(`an expression at line ${node.line} not understood`);
  const parent = evaluate(object, env);
  const name = textOf(env.scope.parsed, resource);
  if (parent.k !== 'res') return unk(`${textOf(env.scope.parsed, node)}: not a resource`);
  const nested = parent.resource.nested?.(name);
  return nested ?? unk(`${textOf(env.scope.parsed, node)}: no nested resource '${name}'`);
}

function ternary(node: SyntaxNode, env: Env): Val {
  const condition = node.children.find((child) => child.field === 'condition');
  const consequence = node.children.find((child) => child.field === 'consequence');
  const alternative = node.children.find((child) => child.field === 'alternative');
  if (!condition || !consequence || !alternative)
    return unk(`an expression at line ${node.line} not understood`);
  const truth = isTruthyKnown(evaluate(condition, env));
  if (typeof truth !== 'boolean')
    return unk(`the condition ${textOf(env.scope.parsed, condition)}: ${truth.reason}`);
  return evaluate(truth ? consequence : alternative, env);
}

const BINARY: Record<string, string> = {
  '==': 'equals',
  '<': 'less',
  '<=': 'lessOrEquals',
  '>': 'greater',
  '>=': 'greaterOrEquals',
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
};

/**
 * Binary operators compile to ARM functions (`==` → `equals`, `<` → `less`, `+` → `add`...). `&&` and `||` stop at a
 * deciding left side, `??` at a non-null one, so an unknown on the other side does not hide a certain result.
 */
function binary(node: SyntaxNode, env: Env): Val {
  const left = node.children.find((child) => child.field === 'left');
  const right = node.children.find((child) => child.field === 'right');
  const operator = node.operator;
  if (!left || !right || !operator) return unk(`an expression at line ${node.line} not understood`);
  const text = textOf(env.scope.parsed, node);
  if (operator === '&&' || operator === '||') {
    const a = isTruthyKnown(evaluate(left, env));
    if (a === (operator === '||')) return lit(a as boolean);
    const b = isTruthyKnown(evaluate(right, env));
    if (typeof b === 'boolean' && b === (operator === '||')) return lit(b);
    if (typeof a !== 'boolean') return unk(a.reason);
    return typeof b === 'boolean' ? lit(b) : unk(b.reason);
  }
  if (operator === '??') {
    const a = evaluate(left, env);
    if (a.k === 'unk') return a;
    if (!(a.k === 'lit' && a.v === null)) return a;
    return evaluate(right, env);
  }
  const a = evaluate(left, env);
  const b = evaluate(right, env);
  if (a.k === 'unk') return unk(a.reason);
  if (b.k === 'unk') return unk(b.reason);
  if (operator === '!=' || operator === '==') return negateIf(operator === '!=', arm('equals', [a, b], text));
  if (operator === '=~' || operator === '!~') {
    // Case-insensitive comparison: `equals(toLower(a), toLower(b))`.
    const lower = (value: Val) =>
      value.k === 'lit' && typeof value.v === 'string' ? lit(value.v.toLowerCase()) : value;
    return negateIf(operator === '!~', arm('equals', [lower(a), lower(b)], text));
  }
  const fn = BINARY[operator];
  return fn ? arm(fn, [a, b], text) : unk(`operator ${operator} at line ${node.line} not understood`);
}

function negateIf(negate: boolean, value: Val): Val {
  if (!negate || value.k !== 'lit' || typeof value.v !== 'boolean') return value;
  return lit(!value.v);
}

function unary(node: SyntaxNode, env: Env): Val {
  const argument = node.children.find((child) => child.field === 'argument');
  if (!argument) return unk(`an expression at line ${node.line} not understood`);
  const value = evaluate(argument, env);
  if (value.k === 'unk') return unk(value.reason);
  if (node.operator === '!') {
    const truth = isTruthyKnown(value);
    return typeof truth === 'boolean' ? lit(!truth) : unk(truth.reason);
  }
  if (node.operator === '-' && value.k === 'lit' && typeof value.v === 'number') return lit(-value.v);
  return unk(`${textOf(env.scope.parsed, node)}: not a number`);
}

/** A lambda: `x => body` or `(x, y) => body`. */
function lambda(node: SyntaxNode, env: Env): Val {
  const [head, body] = node.children;
  if (!head || !body) return unk(`a lambda at line ${node.line} not understood`);
  const names =
    head.type === 'identifier'
      ? [textOf(env.scope.parsed, head)]
      : head.children
          .filter((child) => child.type === 'identifier')
          .map((child) => textOf(env.scope.parsed, child));
  return makeLambda(names, body, env);
}

export function makeLambda(names: string[], body: SyntaxNode, env: Env): Lambda {
  return {
    k: 'fn',
    params: names,
    body,
    call(args: Val[]): Val {
      const bindings = new Map<string, Val>();
      for (const [index, name] of names.entries()) bindings.set(name, args[index] ?? NULL);
      return evaluate(body, env.with(bindings));
    },
  };
}

/** An ARM template function on evaluated arguments. */
export function arm(name: string, args: Val[], text: string, scope?: Scope): Val {
  const value = fromPlain(callArmFunction(name, args.map(toPlain), text));
  if (value.k === 'arr') scope?.step(value.items.length);
  // `depends on resourceGroup() in resourceGroup()` says it once.
  if (value.k === 'unk' && value.reason === `depends on ${name}() in ${name}()`)
    return unk(`depends on ${name}()`);
  return value;
}

function callExpression(node: SyntaxNode, env: Env): Val {
  const fnNode = node.children.find((child) => child.field === 'function');
  const argsNode = node.children.find((child) => child.field === 'arguments');
  if (!fnNode) return unk(`a call at line ${node.line} not understood`);
  const { parsed } = env.scope;
  const text = textOf(parsed, node);
  let name: string;
  let namespace: string | undefined;
  if (fnNode.type === 'identifier') {
    name = textOf(parsed, fnNode);
  } else if (fnNode.type === 'member_expression') {
    const object = fnNode.children.find((child) => child.field === 'object');
    const property = fnNode.children.find((child) => child.field === 'property');
    if (!object || !property) return unk(`${text}: not understood`);
    name = textOf(parsed, property);
    const objectText = textOf(parsed, object);
    if (objectText !== 'az' && objectText !== 'sys') {
      namespace = objectText;
      const target =
        object.type === 'identifier' ? (env.local(objectText) ?? env.scope.symbol(objectText)) : undefined;
      if (
        target?.k === 'res' ||
        target?.k === 'arr' ||
        (target === undefined && !env.scope.func(name, namespace))
      )
        // Resource functions (`kv.getSecret()`, `st.listKeys()`) run at deployment.
        return unk(`depends on ${text}`);
    }
  } else {
    return unk(`${text}: not understood`);
  }
  const argNodes = argsNode?.children ?? [];
  const defined = env.scope.func(name, namespace);
  if (defined) return defined.call(argNodes.map((arg) => evaluate(arg, env)));
  return builtin(name, argNodes, env, text);
}

/** Built-in functions that Bicep resolves itself (lambdas, compile-time files); the rest are ARM functions. */
function builtin(name: string, argNodes: SyntaxNode[], env: Env, text: string): Val {
  const args = () => argNodes.map((arg) => evaluate(arg, env));
  switch (name) {
    case 'any':
      return argNodes[0] ? evaluate(argNodes[0], env) : NULL;
    case 'empty': {
      const [value] = args();
      if (value?.k === 'unk' && value.nonEmpty) return lit(false);
      return arm(name, value ? [value] : [], text);
    }
    case 'nameof': {
      const target = argNodes[0];
      const property = target?.children.find((child) => child.field === 'property');
      return lit(
        property ? textOf(env.scope.parsed, property) : target ? textOf(env.scope.parsed, target) : '',
      );
    }
    case 'map':
    case 'filter':
    case 'sort':
    case 'reduce':
    case 'toObject':
    case 'groupBy':
    case 'mapValues':
      return lambdaFunction(name, args(), text);
    case 'loadTextContent':
    case 'loadJsonContent':
    case 'loadYamlContent':
      return loadContent(name, args(), env, text);
    case 'readEnvironmentVariable':
      return unk(`depends on ${text}: the environment of the machine that deploys`);
    case 'getSecret':
    case 'externalInput':
      return unk(`depends on ${text}`);
    case 'resourceId':
    case 'subscriptionResourceId':
    case 'tenantResourceId':
    case 'extensionResourceId':
    case 'managementGroupResourceId':
      return resourceIdCall(name, args(), text);
    default:
      return arm(name, args(), text, env.scope);
  }
}

/**
 * A resource id: unknown (it holds the subscription), but the resource type and names are kept, so a role
 * definition id (`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<guid>')`) names its role.
 */
function resourceIdCall(name: string, args: Val[], text: string): Val {
  const strings = args.map((arg) => (arg.k === 'lit' && typeof arg.v === 'string' ? arg.v : undefined));
  const typeIndex = strings.findIndex(
    (value) => value !== undefined && /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\//.test(value),
  );
  const result: Unk & { resourceId?: { type: string; names: (string | undefined)[] } } = {
    k: 'unk',
    reason: `depends on ${name}() in ${text}`,
    nonEmpty: true,
  };
  if (typeIndex >= 0) result.resourceId = { type: strings[typeIndex]!, names: strings.slice(typeIndex + 1) };
  return result;
}

/** The role definition GUID named by a value (`/.../roleDefinitions/<guid>`, a GUID, or a resource id call). */
export function roleDefinitionGuid(value: Val): string | undefined {
  const guid = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
  if (value.k === 'lit' && typeof value.v === 'string') return guid.exec(value.v)?.[1]?.toLowerCase();
  // `existing` role definition resources: `resource acrPull '.../roleDefinitions@...' existing = { name: '<guid>' }`.
  if (value.k === 'unk' && value.ref?.path.length === 1 && value.ref.path[0]!.toLowerCase() === 'id') {
    const { resource } = value.ref;
    if (/^microsoft\.authorization\/roledefinitions$/i.test(resource.type)) {
      const name = resource.name();
      return name.k === 'lit' && typeof name.v === 'string'
        ? guid.exec(name.v)?.[1]?.toLowerCase()
        : undefined;
    }
  }
  const id = (value as { resourceId?: { type: string; names: (string | undefined)[] } }).resourceId;
  if (value.k === 'unk' && id && /^microsoft\.authorization\/roledefinitions$/i.test(id.type)) {
    const last = id.names[id.names.length - 1];
    return last ? guid.exec(last)?.[1]?.toLowerCase() : undefined;
  }
  return undefined;
}

function lambdaFunction(name: string, args: Val[], text: string): Val {
  const [first, second, third] = args;
  const fn = args.find((arg): arg is Lambda => arg.k === 'fn');
  if (!first || !fn) return unk(`${text}: not understood`);
  if (first.k === 'unk') return unk(first.reason);
  if (name === 'mapValues' || (name === 'map' && first.k === 'obj')) {
    if (first.k !== 'obj') return unk(`${text}: not an object`);
    return obj([...first.props.values()].map((entry) => [entry.name, fn.call([unlocated(entry.val)])]));
  }
  if (first.k !== 'arr') return unk(`${text}: not an array`);
  const items = first.items.map(unlocated);
  switch (name) {
    case 'map':
      return arr(items.map((item, index) => fn.call([item, lit(index)])));
    case 'filter': {
      const kept: Val[] = [];
      for (const [index, item] of items.entries()) {
        const keep = isTruthyKnown(fn.call([item, lit(index)]));
        if (typeof keep !== 'boolean') return unk(`${text}: ${keep.reason}`);
        if (keep) kept.push(item);
      }
      return arr(kept);
    }
    case 'reduce': {
      if (!second) return unk(`${text}: not understood`);
      let accumulator = second;
      for (const [index, item] of items.entries())
        accumulator = (third as Lambda).call([accumulator, item, lit(index)]);
      return accumulator;
    }
    case 'sort': {
      const sorted = [...items];
      let unknownReason: string | undefined;
      sorted.sort((x, y) => {
        const before = isTruthyKnown(fn.call([x, y]));
        if (typeof before !== 'boolean') {
          unknownReason ??= before.reason;
          return 0;
        }
        return before ? -1 : 1;
      });
      return unknownReason ? unk(`${text}: ${unknownReason}`) : arr(sorted);
    }
    case 'toObject': {
      const valueFn = third?.k === 'fn' ? third : undefined;
      const entries: [string, Val][] = [];
      for (const item of items) {
        const key = fn.call([item]);
        if (key.k !== 'lit' || typeof key.v !== 'string')
          return unk(`${text}: a key that is ${describe(key)}`);
        entries.push([key.v, valueFn ? valueFn.call([item]) : item]);
      }
      return obj(entries);
    }
    case 'groupBy': {
      const groups = new Map<string, { name: string; items: Val[] }>();
      for (const item of items) {
        const key = fn.call([item]);
        if (key.k !== 'lit' || typeof key.v !== 'string')
          return unk(`${text}: a key that is ${describe(key)}`);
        const group = groups.get(key.v.toLowerCase()) ?? { name: key.v, items: [] };
        group.items.push(item);
        groups.set(key.v.toLowerCase(), group);
      }
      return obj([...groups.values()].map((group) => [group.name, arr(group.items)]));
    }
    default:
      return unk(`${text}: not understood`);
  }
}

/** `loadTextContent`/`loadJsonContent`/`loadYamlContent`: Bicep inlines the file when it compiles. */
function loadContent(name: string, args: Val[], env: Env, text: string): Val {
  const [path, jsonPath] = args;
  if (path?.k !== 'lit' || typeof path.v !== 'string') return unk(`depends on ${text}`);
  if (jsonPath && !(jsonPath.k === 'lit' && jsonPath.v === null))
    return unk(`${text}: a path into the file is not modelled`);
  const content = env.scope.readText(path.v);
  if (content === undefined) return unk(`depends on ${text}: the file cannot be read`);
  if (name === 'loadTextContent') return lit(content);
  if (name === 'loadJsonContent') {
    try {
      return fromPlain(JSON.parse(content.replace(/^\uFEFF/, '')) as unknown);
    } catch {
      return unk(`${text}: the file is not JSON`);
    }
  }
  return unk(`depends on ${text}: YAML content is not modelled`);
}

/** Truthiness of a value for `if` and ternaries (booleans, or the strings `true`/`false`). */
export { isTruthyKnown };
