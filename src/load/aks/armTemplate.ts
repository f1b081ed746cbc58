import {
  type AgentPool,
  type AksCluster,
  type DiagnosticSetting,
  type FieldNode,
  isUnknown,
  objectNode,
} from '../../model/aksCluster.js';
import { isJsonObject as isObject } from '../../model/json.js';
import type { Location, PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import { type ExpressionScope, evaluateTemplateString, isExpression } from './armExpression.js';
import { flattenProperties, newCluster, resourcePool, setEntry, treeFromValue } from './tree.js';

type Json = Record<string, unknown>;

const CLUSTER_TYPE = /^microsoft\.containerservice\/managedclusters$/i;
const POOL_TYPE = /^(microsoft\.containerservice\/managedclusters\/)?agentpools$/i;
const MAINTENANCE_TYPE = /^(microsoft\.containerservice\/managedclusters\/)?maintenanceconfigurations$/i;
const DIAGNOSTIC_TYPE = /diagnosticsettings$/i;

export function isArmTemplate(value: unknown): value is Json {
  if (!isObject(value)) return false;
  const schema = typeof value.$schema === 'string' ? value.$schema : '';
  if (/deploymentTemplate\.json/i.test(schema)) return true;
  return 'contentVersion' in value && (Array.isArray(value.resources) || isObject(value.resources));
}

export function isArmParametersFile(value: unknown): value is Json {
  if (!isObject(value)) return false;
  const schema = typeof value.$schema === 'string' ? value.$schema : '';
  if (/deploymentParameters\.json/i.test(schema)) return isObject(value.parameters);
  return (
    'contentVersion' in value &&
    !('resources' in value) &&
    isObject(value.parameters) &&
    Object.values(value.parameters).every((p) => isObject(p) && ('value' in p || 'reference' in p))
  );
}

/** Parameter values given by a parameters file (`{"x": {"value": ...}}`); Key Vault references stay unknown. */
export function parameterValues(doc: SourceDocument): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const parameters = (doc.value as Json).parameters as Json;
  for (const [name, entry] of Object.entries(parameters)) {
    if (!isObject(entry)) continue;
    values.set(
      name.toLowerCase(),
      'value' in entry
        ? entry.value
        : { unknown: true, reason: `parameter '${name}' is a Key Vault reference` },
    );
  }
  return values;
}

interface TemplateResource {
  value: Json;
  path: PathSegment[];
  type: string;
  /** Name segments of the parent chain plus this resource (`cluster/pool`). */
  fullName: unknown;
}

/** Reads the AKS clusters, their node pools, diagnostic settings and maintenance configurations of a deployment template. */
export function loadArmTemplate(doc: SourceDocument, parameterFile?: Map<string, unknown>): AksCluster[] {
  const template = doc.value as Json;
  const scope = templateScope(template, parameterFile);
  const evaluate = (value: unknown): unknown =>
    typeof value === 'string' ? evaluateTemplateString(value, scope) : value;
  const hook = (text: string): FieldNode | undefined => {
    if (!isExpression(text) && !text.startsWith('[[')) return undefined;
    return nodeOf(evaluateTemplateString(text, scope));
  };

  const resources = collectResources(template, evaluate);
  const clusters: AksCluster[] = [];
  const byName = new Map<string, AksCluster>();
  for (const resource of resources.filter((r) => CLUSTER_TYPE.test(r.type))) {
    const location = doc.locate(resource.path);
    const tree = treeFromValue(doc, resource.value, resource.path, hook);
    const fields = flattenProperties(tree, location);
    const name = displayName(resource.fullName, resource.value.name);
    const cluster = newCluster({
      name,
      dialect: 'armTemplate',
      location,
      fields,
      apiVersion: typeof resource.value.apiVersion === 'string' ? resource.value.apiVersion : undefined,
      materialized: false,
    });
    cluster.surroundings = { diagnosticSettings: [], maintenanceConfigurations: [] };
    clusters.push(cluster);
    byName.set(name.toLowerCase(), cluster);
  }

  const owner = (fullName: unknown): AksCluster | undefined => {
    if (typeof fullName === 'string' && fullName.includes('/')) {
      const match = byName.get(fullName.split('/')[0]!.toLowerCase());
      if (match) return match;
    }
    return clusters.length === 1 ? clusters[0] : undefined;
  };

  const orphans: AgentPool[] = [];
  for (const resource of resources) {
    if (POOL_TYPE.test(resource.type)) {
      const location = doc.locate(resource.path);
      const name = lastSegment(displayName(resource.fullName, resource.value.name));
      const pool = resourcePool(name, treeFromValue(doc, resource.value, resource.path, hook), location);
      const cluster = owner(resource.fullName);
      if (cluster) cluster.pools.push(pool);
      else orphans.push(pool);
    } else if (MAINTENANCE_TYPE.test(resource.type)) {
      owner(resource.fullName)?.surroundings.maintenanceConfigurations?.push(
        lastSegment(displayName(resource.fullName, resource.value.name)),
      );
    } else if (DIAGNOSTIC_TYPE.test(resource.type)) {
      const cluster = owner(resource.value.scope ?? resource.fullName);
      cluster?.surroundings.diagnosticSettings?.push(diagnosticSetting(doc, resource, evaluate));
    }
  }
  if (orphans.length > 0) {
    // Pools of a cluster deployed elsewhere: judged alone, cluster-level controls are not applicable.
    const cluster = newCluster({
      name:
        typeof resources[0]?.fullName === 'string' ? String(resources[0].fullName).split('/')[0]! : 'cluster',
      dialect: 'armTemplate',
      location: doc.locate([]),
      fields: objectNode(doc.locate([])),
      materialized: false,
    });
    cluster.partial = true;
    cluster.pools = orphans;
    clusters.push(cluster);
  }
  return clusters;
}

function templateScope(template: Json, parameterFile?: Map<string, unknown>): ExpressionScope {
  const declared = new Map<string, Json>();
  if (isObject(template.parameters)) {
    for (const [name, spec] of Object.entries(template.parameters))
      if (isObject(spec)) declared.set(name.toLowerCase(), spec);
  }
  const variables = new Map<string, unknown>();
  if (isObject(template.variables)) {
    for (const [name, value] of Object.entries(template.variables)) variables.set(name.toLowerCase(), value);
  }
  const resolving = new Set<string>();
  const scope: ExpressionScope = {
    parameter(name) {
      const key = name.toLowerCase();
      if (parameterFile?.has(key)) return deepEvaluate(parameterFile.get(key), scope);
      const spec = declared.get(key);
      if (!spec) return { unknown: true, reason: `parameter '${name}' is not declared` };
      if (!('defaultValue' in spec)) return { unknown: true, reason: `depends on parameter '${name}'` };
      return guarded(`p:${key}`, () => deepEvaluate(spec.defaultValue, scope));
    },
    variable(name) {
      const key = name.toLowerCase();
      if (!variables.has(key)) return { unknown: true, reason: `variable '${name}' is not declared` };
      return guarded(`v:${key}`, () => deepEvaluate(variables.get(key), scope));
    },
  };
  function guarded(key: string, compute: () => unknown): unknown {
    if (resolving.has(key)) return { unknown: true, reason: `circular reference ${key.slice(2)}` };
    resolving.add(key);
    try {
      return compute();
    } finally {
      resolving.delete(key);
    }
  }
  return scope;
}

function deepEvaluate(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value === 'string') return evaluateTemplateString(value, scope);
  if (Array.isArray(value)) return value.map((item) => deepEvaluate(item, scope));
  if (isObject(value) && !isUnknown(value)) {
    const out: Json = {};
    for (const [key, child] of Object.entries(value)) out[key] = deepEvaluate(child, scope);
    return out;
  }
  return value;
}

/** Converts an evaluated value into a field node (no location: the caller gives the expression's). */
function nodeOf(value: unknown): FieldNode {
  if (isUnknown(value)) return { kind: 'unknown', reason: value.reason };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(nodeOf) };
  if (isObject(value)) {
    const node = objectNode();
    for (const [key, child] of Object.entries(value)) setEntry(node, key, nodeOf(child));
    return node;
  }
  return { kind: 'value', value: (value ?? null) as string | number | boolean | null };
}

function collectResources(template: Json, evaluate: (value: unknown) => unknown): TemplateResource[] {
  const out: TemplateResource[] = [];
  const walk = (list: unknown, path: PathSegment[], parentType: string, parentName: unknown): void => {
    const entries: [PathSegment, unknown][] = Array.isArray(list)
      ? list.map((item, index) => [index, item])
      : isObject(list)
        ? Object.entries(list)
        : [];
    for (const [key, value] of entries) {
      if (!isObject(value) || typeof value.type !== 'string') continue;
      const ownPath = [...path, key];
      // Child resources nested in a parent use a relative type (`agentPools`) and name.
      const type = parentType && !value.type.includes('/') ? `${parentType}/${value.type}` : value.type;
      const name = evaluate(value.name);
      const fullName =
        parentType && !value.type.includes('/') && typeof parentName === 'string' && typeof name === 'string'
          ? `${parentName}/${name}`
          : name;
      out.push({ value, path: ownPath, type, fullName });
      if (value.resources !== undefined) walk(value.resources, [...ownPath, 'resources'], type, fullName);
    }
  };
  walk(template.resources, ['resources'], '', undefined);
  return out;
}

function diagnosticSetting(
  doc: SourceDocument,
  resource: TemplateResource,
  evaluate: (value: unknown) => unknown,
): DiagnosticSetting {
  const location: Location = doc.locate(resource.path);
  const properties = isObject(resource.value.properties) ? resource.value.properties : {};
  const categories: string[] = [];
  let unknownReason: string | undefined;
  const logs = evaluate(properties.logs);
  if (isUnknown(logs)) unknownReason = logs.reason;
  else if (Array.isArray(logs)) {
    for (const entry of logs) {
      if (!isObject(entry)) continue;
      const enabled = evaluate(entry.enabled);
      const category = evaluate(entry.category ?? entry.categoryGroup);
      if (isUnknown(enabled) || isUnknown(category)) {
        unknownReason = isUnknown(enabled) ? enabled.reason : (category as { reason: string }).reason;
        continue;
      }
      if ((enabled === true || enabled === 'true') && typeof category === 'string') categories.push(category);
    }
  }
  const setting: DiagnosticSetting = {
    name: lastSegment(displayName(resource.fullName, resource.value.name)),
    location,
    categories,
  };
  if (unknownReason) setting.unknownReason = unknownReason;
  return setting;
}

function displayName(evaluated: unknown, written: unknown): string {
  if (typeof evaluated === 'string') return evaluated;
  return typeof written === 'string' ? written : 'cluster';
}

function lastSegment(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1]!;
}
