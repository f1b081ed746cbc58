import {
  type AgentPool,
  type FieldNode,
  isUnknown,
  normalizeKey,
  type ObjectNode,
  objectNode,
} from '../../model/aksCluster.js';
import type { Location, PathSegment } from '../../model/source.js';
import type { AttributeMapping } from './terraformMapping.js';
import { setEntry } from './tree.js';

type Json = Record<string, unknown>;

/** One resource body (hcl2json or plan `values`), with positions and expression resolution. */
export interface BodySource {
  body: Json;
  /** Location of a path inside the body (blocks are arrays, as hcl2json and plan JSON write them). */
  locate(path: readonly PathSegment[]): Location;
  evaluate(value: unknown): unknown;
  /** Where a written value really comes from (a module call's argument, a tfvars line), when elsewhere. */
  origin?(value: unknown): Location | undefined;
}

export interface TfRead {
  present: boolean;
  raw: unknown;
  path: PathSegment[];
  /** Set when the block is produced by a `dynamic` block: its presence cannot be read statically. */
  dynamic?: string;
}

/** Reads a dotted Terraform path; repeated blocks take their first element. */
export function readTf(source: BodySource, tfPath: string): TfRead {
  let current: unknown = source.body;
  const path: PathSegment[] = [];
  const segments = tfPath.split('.');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (Array.isArray(current)) {
      if (current.length === 0) return { present: false, raw: undefined, path };
      current = current[0];
      path.push(0);
    }
    // A block whose presence is unknown (a dynamic block, a value known after apply): so is all inside it.
    if (isUnknown(current)) return { present: true, raw: current, path };
    if (typeof current !== 'object' || current === null) return { present: false, raw: undefined, path };
    const object = current as Json;
    if (!Object.hasOwn(object, segment)) {
      const dynamicBlocks = object.dynamic;
      const dynamic = Array.isArray(dynamicBlocks)
        ? (dynamicBlocks as Json[])[0]?.[segment]
        : (dynamicBlocks as Json | undefined)?.[segment];
      if (dynamic !== undefined) return { present: false, raw: undefined, path, dynamic: segment };
      return { present: false, raw: undefined, path };
    }
    current = object[segment];
    path.push(segment);
  }
  if (current === null || current === undefined) return { present: false, raw: undefined, path };
  return { present: true, raw: current, path };
}

/** Plain evaluated value → field node at a location. */
export function nodeFromValue(value: unknown, location: Location): FieldNode {
  if (isUnknown(value)) return { kind: 'unknown', reason: value.reason, location };
  if (Array.isArray(value))
    return { kind: 'array', items: value.map((item) => nodeFromValue(item, location)), location };
  if (typeof value === 'object' && value !== null) {
    const node = objectNode(location);
    for (const [key, child] of Object.entries(value)) setEntry(node, key, nodeFromValue(child, location));
    return node;
  }
  return { kind: 'value', value: (value ?? null) as string | number | boolean | null, location };
}

/** Sets an ARM dotted path in a field tree, creating the objects on the way at `parentLocation`. */
export function setArm(target: ObjectNode, armPath: string, node: FieldNode, parentLocation: Location): void {
  const segments = armPath.split('.');
  let current = target;
  for (const segment of segments.slice(0, -1)) {
    const key = normalizeKey(segment);
    let next = current.entries.get(key);
    if (next?.kind !== 'object') {
      // An unknown parent stays unknown: its children cannot be read either.
      if (next?.kind === 'unknown') return;
      next = objectNode(parentLocation);
      setEntry(current, segment, next);
    }
    current = next;
  }
  setEntry(current, segments[segments.length - 1]!, node);
}

/** Applies attribute mappings from a Terraform body into an ARM-shaped tree. */
export function applyMappings(source: BodySource, mappings: AttributeMapping[], target: ObjectNode): void {
  const resourceLocation = source.locate([]);
  for (const mapping of mappings) {
    const read = readTf(source, mapping.tf);
    const parentPath = read.path.slice(0, Math.max(read.path.length - 1, 0));
    const parentLocation = parentPath.length > 0 ? source.locate(parentPath) : resourceLocation;
    if (read.dynamic) {
      const reason = `depends on dynamic "${read.dynamic}" block`;
      setArm(
        target,
        mapping.arm,
        { kind: 'unknown', reason, location: source.locate(read.path) },
        parentLocation,
      );
      continue;
    }
    if (!read.present) continue;
    // Plan JSON writes an absent block as [] (an empty list attribute is a written value).
    if (mapping.present && Array.isArray(read.raw) && read.raw.length === 0) continue;
    const location = source.origin?.(read.raw) ?? source.locate(read.path);
    let value: unknown;
    if (isUnknown(read.raw)) {
      value = read.raw;
    } else if (mapping.present) {
      value = true;
    } else {
      value = source.evaluate(read.raw);
      if (mapping.invert && typeof value === 'boolean') value = !value;
      if (mapping.enumOf && typeof value === 'boolean') value = value ? mapping.enumOf[0] : mapping.enumOf[1];
    }
    setArm(target, mapping.arm, nodeFromValue(value, location), parentLocation);
  }
}

/** A node pool body from Terraform attributes. */
export function poolFromBody(
  source: BodySource,
  mappings: AttributeMapping[],
  fallbackName: string,
  declaredAs: AgentPool['declaredAs'],
  extra?: (fields: ObjectNode) => void,
): AgentPool {
  const location = source.locate([]);
  const fields = objectNode(location);
  applyMappings(source, mappings, fields);
  extra?.(fields);
  const nameNode = fields.entries.get('name');
  const name =
    nameNode?.kind === 'value' && typeof nameNode.value === 'string' ? nameNode.value : fallbackName;
  return { name, location, declaredAs, fields, resource: { kind: 'AgentPool', name } };
}
