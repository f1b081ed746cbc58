import { isUnknown, unknown } from '../../model/aksCluster.js';

/**
 * ARM template functions on arrays, objects, strings, numbers and comparisons that depend on their arguments only
 * (Microsoft Learn, "Template functions" for ARM and Bicep). Bicep compiles its operators and functions to these, so
 * the ARM template and Bicep readers share them. Called with arguments that are all known; returns `undefined` for
 * a function not modelled here, and an `Unknown` for arguments it does not accept (the deployment would fail).
 */
export function armFunction(name: string, args: unknown[]): unknown {
  const [a, b, c] = args;
  switch (name) {
    case 'contains':
      // Strings: case-sensitive; arrays: an equal element; objects: a key, case-insensitively.
      if (typeof a === 'string') return a.includes(String(b));
      if (Array.isArray(a)) return a.some((item) => same(item, b));
      if (isObject(a)) return Object.keys(a).some((key) => key.toLowerCase() === String(b).toLowerCase());
      return bad(name);
    case 'length':
      if (typeof a === 'string' || Array.isArray(a)) return a.length;
      if (isObject(a)) return Object.keys(a).length;
      return bad(name);
    case 'union':
      return union(args);
    case 'intersection':
      return intersection(args);
    case 'first':
    case 'last': {
      if (typeof a !== 'string' && !Array.isArray(a)) return bad(name);
      if (a.length === 0) return typeof a === 'string' ? '' : null;
      return name === 'first' ? a[0] : a[a.length - 1];
    }
    case 'split': {
      if (typeof a !== 'string') return bad(name);
      const delimiters = Array.isArray(b) ? b.map(String) : [String(b)];
      let parts = [a];
      for (const delimiter of delimiters) parts = parts.flatMap((part) => part.split(delimiter));
      return parts;
    }
    case 'join':
      if (!Array.isArray(a) || !a.every((item) => typeof item === 'string')) return bad(name);
      return a.join(String(b));
    case 'replace':
      if (typeof a !== 'string') return bad(name);
      return a.split(String(b)).join(String(c));
    case 'format':
      return format(args);
    case 'startswith':
    case 'endswith': {
      if (typeof a !== 'string' || typeof b !== 'string') return bad(name);
      const [s, t] = [a.toLowerCase(), b.toLowerCase()];
      return name === 'startswith' ? s.startsWith(t) : s.endsWith(t);
    }
    case 'indexof':
    case 'lastindexof': {
      if (typeof a === 'string' && typeof b === 'string') {
        const [s, t] = [a.toLowerCase(), b.toLowerCase()];
        return name === 'indexof' ? s.indexOf(t) : s.lastIndexOf(t);
      }
      if (!Array.isArray(a)) return bad(name);
      const found = a.map((item) => same(item, b));
      return name === 'indexof' ? found.indexOf(true) : found.lastIndexOf(true);
    }
    case 'substring': {
      if (typeof a !== 'string' || typeof b !== 'number') return bad(name);
      const length = typeof c === 'number' ? c : a.length - b;
      if (b < 0 || length < 0 || b + length > a.length) return bad(name);
      return a.slice(b, b + length);
    }
    case 'trim':
      return typeof a === 'string' ? a.trim() : bad(name);
    case 'padleft': {
      const text = typeof a === 'number' ? String(a) : a;
      if (typeof text !== 'string' || typeof b !== 'number') return bad(name);
      return text.padStart(b, typeof c === 'string' && c.length > 0 ? c[0]! : ' ');
    }
    case 'min':
    case 'max': {
      const values = (args.length === 1 && Array.isArray(a) ? a : args) as unknown[];
      if (values.length === 0 || !values.every((value) => typeof value === 'number')) return bad(name);
      return name === 'min' ? Math.min(...(values as number[])) : Math.max(...(values as number[]));
    }
    case 'range': {
      if (typeof a !== 'number' || typeof b !== 'number' || b < 0 || b > 10_000) return bad(name);
      return Array.from({ length: b }, (_, index) => a + index);
    }
    case 'take':
    case 'skip': {
      if ((typeof a !== 'string' && !Array.isArray(a)) || typeof b !== 'number') return bad(name);
      const count = Math.max(0, b);
      return name === 'take' ? a.slice(0, count) : a.slice(count);
    }
    case 'array':
      return Array.isArray(a) ? a : [a];
    case 'json':
      if (typeof a !== 'string') return bad(name);
      try {
        return JSON.parse(a) as unknown;
      } catch {
        return bad(name);
      }
    case 'items':
      if (!isObject(a)) return bad(name);
      // "The items function sorts the objects in the alphabetical order."
      return Object.keys(a)
        .sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0))
        .map((key) => ({ key, value: a[key] }));
    case 'objectkeys':
      return isObject(a) ? Object.keys(a) : bad(name);
    case 'flatten':
      return Array.isArray(a) && a.every(Array.isArray) ? (a as unknown[][]).flat() : bad(name);
    case 'shallowmerge':
      return Array.isArray(a) && a.every(isObject) ? ownMerge(a as Record<string, unknown>[]) : bad(name);
    case 'createobject': {
      if (args.length % 2 !== 0) return bad(name);
      const pairs: Record<string, unknown>[] = [];
      for (let index = 0; index < args.length; index += 2) {
        const key = args[index];
        if (typeof key !== 'string') return bad(name);
        pairs.push(ownEntry(key, args[index + 1]));
      }
      return ownMerge(pairs);
    }
    case 'tryget': {
      let current: unknown = a;
      for (const key of args.slice(1)) {
        if (Array.isArray(current) && typeof key === 'number') current = current[key];
        else if (isObject(current)) current = memberOf(current, String(key));
        else return null;
        if (current === undefined) return null;
      }
      return current;
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod': {
      if (typeof a !== 'number' || typeof b !== 'number') return bad(name);
      if ((name === 'div' || name === 'mod') && b === 0) return bad(name);
      if (name === 'add') return a + b;
      if (name === 'sub') return a - b;
      if (name === 'mul') return a * b;
      return name === 'div' ? Math.trunc(a / b) : a % b;
    }
    case 'less':
    case 'lessorequals':
    case 'greater':
    case 'greaterorequals': {
      const comparable =
        (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
      if (!comparable) return bad(name);
      const x = a as number | string;
      const y = b as number | string;
      if (name === 'less') return x < y;
      if (name === 'lessorequals') return x <= y;
      return name === 'greater' ? x > y : x >= y;
    }
    default:
      return undefined;
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

function bad(name: string): unknown {
  return unknown(`${name}() is given arguments it does not accept`);
}

function same(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function memberOf(value: Json, key: string): unknown {
  const wanted = key.toLowerCase();
  for (const [name, child] of Object.entries(value)) if (name.toLowerCase() === wanted) return child;
  return undefined;
}

/**
 * Arrays: the elements of all, in order, without duplicates. Objects: later keys win, and nested objects are merged
 * recursively ("The union function merges not only the top-level elements but also recursively merges any nested
 * objects within them. Nested array values are not merged").
 */
function union(args: unknown[]): unknown {
  if (args.every(Array.isArray)) {
    const out: unknown[] = [];
    for (const item of (args as unknown[][]).flat())
      if (!out.some((seen) => same(seen, item))) out.push(item);
    return out;
  }
  if (!args.every(isObject)) return bad('union');
  const merge = (into: Json, from: Json): Json => {
    const out: Json = { ...into };
    for (const [key, value] of Object.entries(from)) {
      const existingKey = Object.keys(out).find((name) => name.toLowerCase() === key.toLowerCase());
      const existing = existingKey === undefined ? undefined : out[existingKey];
      if (existingKey !== undefined && existingKey !== key) delete out[existingKey];
      out[existingKey ?? key] = isObject(existing) && isObject(value) ? merge(existing, value) : value;
    }
    return out;
  };
  return (args as Json[]).reduce((acc, next) => merge(acc, next), {});
}

function intersection(args: unknown[]): unknown {
  if (args.every(Array.isArray)) {
    const [head, ...rest] = args as unknown[][];
    return (head ?? []).filter(
      (item, index, all) =>
        all.findIndex((other) => same(other, item)) === index &&
        rest.every((list) => list.some((other) => same(other, item))),
    );
  }
  if (!args.every(isObject)) return bad('intersection');
  const [head, ...rest] = args as Json[];
  const out: Json = {};
  for (const [key, value] of Object.entries(head ?? {}))
    if (rest.every((other) => same(memberOf(other, key), value))) out[key] = value;
  return out;
}

/** .NET composite formatting with plain `{n}` items (`{{` and `}}` escape braces); format strings are not modelled. */
function format(args: unknown[]): unknown {
  const [pattern, ...values] = args;
  if (typeof pattern !== 'string') return bad('format');
  let failed = false;
  const text = pattern.replace(/\{\{|\}\}|\{(\d+)\}|\{[^}]*\}/g, (match, index: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (index === undefined || Number(index) >= values.length) {
      failed = true;
      return '';
    }
    return armString(values[Number(index)]);
  });
  return failed ? unknown(`format('${pattern}') uses a format this reader does not model`) : text;
}

/** How ARM turns a value into text (`string()`, `format()`, Bicep interpolation): booleans are `True`/`False`. */
export function armString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** One own property, whatever the key (`__proto__` included): never a prototype change. */
function ownEntry(key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Later objects' properties win; keys are defined as own properties (`Object.assign` would call the `__proto__` setter). */
function ownMerge(objects: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const object of objects)
    for (const [key, value] of Object.entries(object))
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
