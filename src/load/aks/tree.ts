import {
  type AgentPool,
  type AksCluster,
  type FieldNode,
  normalizeKey,
  type ObjectNode,
  objectNode,
} from '../../model/aksCluster.js';
import type { Location, PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';

/** Turns a string value into a node (ARM template expressions); `undefined` keeps it as a literal. */
export type ValueHook = (value: string, path: readonly PathSegment[]) => FieldNode | undefined;

/** Builds a field tree from a parsed JSON/YAML value, locating every node in its document. */
export function treeFromValue(
  doc: SourceDocument,
  value: unknown,
  path: readonly PathSegment[],
  hook?: ValueHook,
): FieldNode {
  const location = doc.locate(path);
  if (Array.isArray(value)) {
    return {
      kind: 'array',
      items: value.map((item, i) => treeFromValue(doc, item, [...path, i], hook)),
      location,
    };
  }
  if (typeof value === 'object' && value !== null) {
    const node = objectNode(location);
    for (const [key, child] of Object.entries(value))
      setEntry(node, key, treeFromValue(doc, child, [...path, key], hook));
    return node;
  }
  if (typeof value === 'string' && hook) {
    const evaluated = hook(value, path);
    if (evaluated) {
      evaluated.location ??= location;
      return evaluated;
    }
  }
  return { kind: 'value', value: (value ?? null) as string | number | boolean | null, location };
}

export function setEntry(node: ObjectNode, key: string, child: FieldNode): void {
  const normalized = normalizeKey(key);
  node.entries.set(normalized, child);
  node.names.set(normalized, key);
}

/**
 * The ARM body with `properties` flattened into the top level (ARM GET, templates), or the `az aks show`
 * form that is already flat. Keys of `properties` win over top-level keys of the same name.
 */
export function flattenProperties(body: FieldNode, fallback: Location): ObjectNode {
  const flat = objectNode(body.location ?? fallback);
  if (body.kind !== 'object') return flat;
  for (const [key, child] of body.entries) {
    if (key === 'properties') continue;
    flat.entries.set(key, child);
    flat.names.set(key, body.names.get(key) ?? key);
  }
  const properties = body.entries.get('properties');
  if (properties?.kind === 'unknown') flat.rest = properties;
  if (properties?.kind === 'object') {
    for (const [key, child] of properties.entries) {
      flat.entries.set(key, child);
      flat.names.set(key, properties.names.get(key) ?? key);
    }
  }
  return flat;
}

/** Reads a literal string at a normalised key of an object node. */
export function literalString(node: FieldNode | undefined, key: string): string | undefined {
  if (node?.kind !== 'object') return undefined;
  const child = node.entries.get(normalizeKey(key));
  return child?.kind === 'value' && typeof child.value === 'string' ? child.value : undefined;
}

/** Node pools written inside the cluster body (`agentPoolProfiles[]`). */
export function profilePools(fields: ObjectNode, clusterLocation: Location): AgentPool[] {
  const list = fields.entries.get('agentpoolprofiles');
  // Pools that cannot be read are pools whose every field is unknown: pool controls are not evaluated, never passed.
  const unreadable = (node: FieldNode, index: number): AgentPool => {
    const location = node.location ?? clusterLocation;
    const body = objectNode(location);
    body.rest = {
      kind: 'unknown',
      reason: (node as { reason?: string }).reason ?? 'not an object',
      location,
    };
    const name = `pool${index}`;
    return { name, location, declaredAs: 'profile', fields: body, resource: { kind: 'AgentPool', name } };
  };
  if (list?.kind === 'unknown') return [unreadable(list, 0)];
  if (list === undefined && fields.rest) return [unreadable(fields.rest, 0)];
  if (list?.kind !== 'array') return [];
  return list.items.flatMap((item, index) => {
    if (item.kind === 'unknown') return [unreadable(item, index)];
    if (item.kind !== 'object') return [];
    const name = literalString(item, 'name') ?? `pool${index}`;
    const location = item.location ?? clusterLocation;
    const pool: AgentPool = {
      name,
      location,
      declaredAs: 'profile',
      fields: item,
      resource: { kind: 'AgentPool', name },
    };
    return [pool];
  });
}

/** A pool declared as its own resource (`managedClusters/agentPools`), ARM shape. */
export function resourcePool(name: string, body: FieldNode, location: Location): AgentPool {
  const fields = flattenProperties(body, location);
  return { name, location, declaredAs: 'resource', fields, resource: { kind: 'AgentPool', name } };
}

export function newCluster(init: {
  name: string;
  id?: string | undefined;
  dialect: AksCluster['dialect'];
  location: Location;
  fields: ObjectNode;
  apiVersion?: string | undefined;
  materialized: boolean;
}): AksCluster {
  const cluster: AksCluster = {
    name: init.name,
    dialect: init.dialect,
    location: init.location,
    resource: { kind: 'ManagedCluster', name: init.name },
    materialized: init.materialized,
    fields: init.fields,
    pools: profilePools(init.fields, init.location),
    surroundings: {},
  };
  if (init.id) {
    cluster.id = init.id;
    cluster.resource.id = init.id;
  }
  if (init.apiVersion) cluster.apiVersion = init.apiVersion;
  return cluster;
}
