/**
 * ARM template functions whose result follows from known arguments
 * (learn.microsoft.com/azure/azure-resource-manager/templates/template-functions): string, array, object,
 * comparison and numeric functions used to build cluster properties and loops. Functions that depend on the
 * deployment (`resourceGroup()`, `reference()`, `uniqueString()`, `resourceId()`) are not here: they stay unknown.
 */
export const NOT_A_FUNCTION: unique symbol = Symbol('not a template function');

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `format('{0}-{1}', a, b)`: .NET composite formatting, `{{`/`}}` escapes, no format specifiers beyond the index. */
function format(pattern: unknown, args: unknown[]): unknown {
  if (typeof pattern !== 'string') return NOT_A_FUNCTION;
  let failed = false;
  const text = pattern.replace(/\{\{|\}\}|\{(\d+)(?:[,:][^}]*)?\}/g, (match, index: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const value = args[Number(index)];
    if (value === undefined) failed = true;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
  return failed ? NOT_A_FUNCTION : text;
}

function compare(args: unknown[]): number | undefined {
  const [a, b] = args;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** `union` of objects: later properties win, nested objects merge recursively (own properties only, never a prototype). */
function mergeObjects(into: Json, from: Json): Json {
  const out: Json = {};
  for (const source of [into, from])
    for (const [key, value] of Object.entries(source)) {
      const previous = Object.hasOwn(out, key) ? out[key] : undefined;
      const merged = isObject(previous) && isObject(value) ? mergeObjects(previous, value) : value;
      Object.defineProperty(out, key, {
        value: merged,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  return out;
}

/** The value of a template function on known arguments, or `NOT_A_FUNCTION`. */
export function templateFunction(name: string, args: unknown[]): unknown {
  const [first, second] = args;
  switch (name) {
    case 'format':
      return format(first, args.slice(1));
    case 'length':
      if (typeof first === 'string' || Array.isArray(first)) return first.length;
      if (isObject(first)) return Object.keys(first).length;
      return NOT_A_FUNCTION;
    case 'contains':
      if (typeof first === 'string' && typeof second === 'string') return first.includes(second);
      if (Array.isArray(first)) return first.some((item) => JSON.stringify(item) === JSON.stringify(second));
      if (isObject(first) && typeof second === 'string')
        return Object.keys(first).some((key) => key.toLowerCase() === second.toLowerCase());
      return NOT_A_FUNCTION;
    case 'createobject': {
      if (args.length % 2 !== 0) return NOT_A_FUNCTION;
      const out: Json = {};
      for (let i = 0; i < args.length; i += 2) {
        if (typeof args[i] !== 'string') return NOT_A_FUNCTION;
        Object.defineProperty(out, args[i] as string, {
          value: args[i + 1],
          enumerable: true,
          writable: true,
        });
      }
      return out;
    }
    case 'union':
      if (args.every(Array.isArray)) {
        const seen = new Set<string>();
        return (args as unknown[][]).flat().filter((item) => {
          const key = JSON.stringify(item);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      }
      if (args.every(isObject)) return (args as Json[]).reduce(mergeObjects, {});
      return NOT_A_FUNCTION;
    case 'first':
      return Array.isArray(first) || typeof first === 'string' ? first[0] : NOT_A_FUNCTION;
    case 'last':
      return Array.isArray(first) || typeof first === 'string' ? first[first.length - 1] : NOT_A_FUNCTION;
    case 'split':
      return typeof first === 'string' && typeof second === 'string' ? first.split(second) : NOT_A_FUNCTION;
    case 'replace':
      return typeof first === 'string' && typeof second === 'string' && typeof args[2] === 'string'
        ? first.split(second).join(args[2])
        : NOT_A_FUNCTION;
    case 'trim':
      return typeof first === 'string' ? first.trim() : NOT_A_FUNCTION;
    case 'json':
      if (typeof first !== 'string') return NOT_A_FUNCTION;
      try {
        return JSON.parse(first);
      } catch {
        return NOT_A_FUNCTION;
      }
    case 'range':
      if (typeof first !== 'number' || typeof second !== 'number' || second < 0 || second > 10_000)
        return NOT_A_FUNCTION;
      return Array.from({ length: second }, (_, i) => first + i);
    case 'add':
    case 'sub':
    case 'mul':
      if (typeof first !== 'number' || typeof second !== 'number') return NOT_A_FUNCTION;
      return name === 'add' ? first + second : name === 'sub' ? first - second : first * second;
    case 'greater':
    case 'less':
    case 'greaterorequals':
    case 'lessorequals': {
      const order = compare(args);
      if (order === undefined) return NOT_A_FUNCTION;
      return name === 'greater'
        ? order > 0
        : name === 'less'
          ? order < 0
          : name === 'greaterorequals'
            ? order >= 0
            : order <= 0;
    }
    case 'take':
    case 'skip':
      if ((!Array.isArray(first) && typeof first !== 'string') || typeof second !== 'number')
        return NOT_A_FUNCTION;
      return name === 'take' ? first.slice(0, Math.max(second, 0)) : first.slice(Math.max(second, 0));
    default:
      return NOT_A_FUNCTION;
  }
}
