import {
  type FieldNode,
  isUnknown,
  type ObjectNode,
  type Unknown,
  unknown,
} from '../../../model/aksCluster.js';
import type { Location } from '../../../model/source.js';
import { setEntry } from '../tree.js';
import type { SyntaxNode } from './syntax.js';

/**
 * A Bicep value during evaluation. Literals written in the file carry where they are written (`at`); a value
 * reached through a reference (a `param`, a `var`, a module output) is copied without positions, so it is located
 * at the property that uses it, as the ARM and Terraform dialects do.
 */
export type Val = Lit | Obj | Arr | Unk | ResourceVal | ModuleVal | Lambda;

export interface Lit {
  k: 'lit';
  v: string | number | boolean | null;
  at?: Location;
}

export interface Obj {
  k: 'obj';
  /** Keyed by the lower-cased name (ARM property names are case-insensitive); `name` keeps the written form. */
  props: Map<string, { name: string; val: Val }>;
  at?: Location;
}

export interface Arr {
  k: 'arr';
  items: Val[];
  at?: Location;
}

export interface Unk {
  k: 'unk';
  reason: string;
  at?: Location;
  /** A deploy-time property of a resource this file declares (`aks.properties.identityProfile...`). */
  ref?: { resource: ResourceHandle; path: string[] };
  /** Known not to be empty although its text is not known (a resource id), so `empty()` of it is false. */
  nonEmpty?: boolean;
}

/** A symbolic resource reference (`aks`, `aks::pool`), as a value (`scope: aks`, `parent: aks`). */
export interface ResourceVal {
  k: 'res';
  resource: ResourceHandle;
  at?: Location;
}

/** A module instance (`net`), whose `outputs` are read through it. */
export interface ModuleVal {
  k: 'mod';
  module: ModuleHandle;
  /** `mod.outputs`: members are the module's outputs. */
  outputs?: boolean;
  at?: Location;
}

/** A lambda (`x => x.name`) or a user-defined function, closed over its scope. */
export interface Lambda {
  k: 'fn';
  params: string[];
  body: SyntaxNode;
  /** Evaluates the body with the parameters bound. */
  call(args: Val[]): Val;
  at?: Location;
}

/** What a resource reference resolves to; implemented by the program's resource instances. */
export interface ResourceHandle {
  symbol: string;
  type: string;
  existing: boolean;
  /** The evaluated `name` (a string when known). */
  name(): Val;
  /** A resource declared inside this one (`parent::child`). */
  nested?(symbol: string): Val | undefined;
}

export interface ModuleHandle {
  symbol: string;
  output(name: string): Val;
}

export const NULL: Lit = { k: 'lit', v: null };

export function lit(v: string | number | boolean | null, at?: Location): Lit {
  return at ? { k: 'lit', v, at } : { k: 'lit', v };
}

export function unk(reason: string, at?: Location): Unk {
  return at ? { k: 'unk', reason, at } : { k: 'unk', reason };
}

export function obj(entries: [string, Val][] = [], at?: Location): Obj {
  const props = new Map<string, { name: string; val: Val }>();
  for (const [name, val] of entries) props.set(name.toLowerCase(), { name, val });
  return at ? { k: 'obj', props, at } : { k: 'obj', props };
}

export function arr(items: Val[], at?: Location): Arr {
  return at ? { k: 'arr', items, at } : { k: 'arr', items };
}

export function getProp(value: Obj, name: string): Val | undefined {
  return value.props.get(name.toLowerCase())?.val;
}

/** A copy without positions, for a value reached through a reference. */
export function unlocated(value: Val): Val {
  switch (value.k) {
    case 'lit':
      return value.at ? { k: 'lit', v: value.v } : value;
    case 'unk': {
      const copy: Unk = { k: 'unk', reason: value.reason };
      if (value.ref) copy.ref = value.ref;
      if (value.nonEmpty) copy.nonEmpty = true;
      return copy;
    }
    case 'obj': {
      const props = new Map<string, { name: string; val: Val }>();
      for (const [key, entry] of value.props) props.set(key, { name: entry.name, val: unlocated(entry.val) });
      return { k: 'obj', props };
    }
    case 'arr':
      return { k: 'arr', items: value.items.map(unlocated) };
    case 'res':
      return { k: 'res', resource: value.resource };
    case 'mod':
      return value.outputs
        ? { k: 'mod', module: value.module, outputs: true }
        : { k: 'mod', module: value.module };
    case 'fn': {
      const { at: _at, ...rest } = value;
      return rest;
    }
  }
}

/** Gives a position to every node that has none (the property or element that holds the value). */
export function located(value: Val, at: Location): Val {
  if (value.at) return value;
  switch (value.k) {
    case 'obj': {
      const props = new Map<string, { name: string; val: Val }>();
      for (const [key, entry] of value.props)
        props.set(key, { name: entry.name, val: located(entry.val, at) });
      return { k: 'obj', props, at };
    }
    case 'arr':
      return { k: 'arr', items: value.items.map((item) => located(item, at)), at };
    default:
      return { ...value, at };
  }
}

/** The plain JSON value (with `Unknown` objects) the ARM function evaluator works on. */
export function toPlain(value: Val): unknown {
  switch (value.k) {
    case 'lit':
      return value.v;
    case 'unk':
      return unknown(value.reason);
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const entry of value.props.values()) out[entry.name] = toPlain(entry.val);
      return out;
    }
    case 'arr':
      return value.items.map(toPlain);
    case 'res':
      return unknown(`depends on the resource '${value.resource.symbol}' itself`);
    case 'mod':
      return unknown(`depends on the module '${value.module.symbol}' itself`);
    case 'fn':
      return unknown('a lambda used as a value');
  }
}

/** The value of a plain JSON result of an ARM function. */
export function fromPlain(value: unknown): Val {
  if (isUnknown(value)) return unk((value as Unknown).reason);
  if (Array.isArray(value)) return arr(value.map(fromPlain));
  if (typeof value === 'object' && value !== null)
    return obj(Object.entries(value).map(([k, v]) => [k, fromPlain(v)]));
  if (value === undefined) return NULL;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)
    return lit(value);
  return unk('a value of an unexpected kind');
}

/** The first unknown inside a value, if any (a value made of known parts only is `undefined`). */
export function firstUnknown(value: Val): Unk | undefined {
  switch (value.k) {
    case 'unk':
      return value;
    case 'obj':
      for (const entry of value.props.values()) {
        const inner = firstUnknown(entry.val);
        if (inner) return inner;
      }
      return undefined;
    case 'arr':
      for (const item of value.items) {
        const inner = firstUnknown(item);
        if (inner) return inner;
      }
      return undefined;
    case 'res':
    case 'mod':
    case 'fn':
      return unk('not a plain value');
    default:
      return undefined;
  }
}

/** The normalised field tree of a value (the ARM body shape read by the rules). */
export function toFieldNode(value: Val, fallback: Location): FieldNode {
  const location = value.at ?? fallback;
  switch (value.k) {
    case 'lit':
      return { kind: 'value', value: value.v, location };
    case 'obj': {
      const node: FieldNode = { kind: 'object', entries: new Map(), names: new Map(), location };
      for (const entry of value.props.values()) setEntry(node, entry.name, toFieldNode(entry.val, location));
      return node;
    }
    case 'arr':
      return { kind: 'array', items: value.items.map((item) => toFieldNode(item, location)), location };
    case 'unk':
      return { kind: 'unknown', reason: value.reason, location };
    case 'res':
      return { kind: 'unknown', reason: `depends on the resource '${value.resource.symbol}'`, location };
    case 'mod':
      return { kind: 'unknown', reason: `depends on the module '${value.module.symbol}'`, location };
    case 'fn':
      return { kind: 'unknown', reason: 'a lambda', location };
  }
}

export function isTruthyKnown(value: Val): boolean | Unk {
  if (value.k === 'unk') return value;
  if (value.k === 'lit' && typeof value.v === 'boolean') return value.v;
  if (value.k === 'lit' && typeof value.v === 'string' && /^(true|false)$/i.test(value.v))
    return value.v.toLowerCase() === 'true';
  return unk(`not a boolean: ${describe(value)}`);
}

export function describe(value: Val): string {
  switch (value.k) {
    case 'lit':
      // String contents are never repeated: the value may come from a secure parameter.
      return typeof value.v === 'string' ? 'a string' : String(value.v);
    case 'obj':
      return 'an object';
    case 'arr':
      return 'an array';
    case 'unk':
      return 'an unknown value';
    case 'res':
      return `resource ${value.resource.symbol}`;
    case 'mod':
      return `module ${value.module.symbol}`;
    case 'fn':
      return 'a lambda';
  }
}

export { isUnknown };

/**
 * An object none of whose properties can be known (a body built by an unreadable spread or function, a pool of a
 * list that cannot be read): every field read from it is unknown with the reason, never absent.
 */
export function unknownFields(reason: string, location: Location): ObjectNode {
  const everything: FieldNode = { kind: 'unknown', reason, location };
  class AllUnknown extends Map<string, FieldNode> {
    override get(key: string): FieldNode | undefined {
      return super.get(key) ?? everything;
    }
    override has(): boolean {
      return true;
    }
  }
  return { kind: 'object', entries: new AllUnknown(), names: new Map(), location };
}
