import {
  type AksCluster,
  isUnknown,
  type ObjectNode,
  objectNode,
  readField,
  unknown,
} from '../../model/aksCluster.js';
import { isJsonObject as isObject } from '../../model/json.js';
import type { PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import { azapiKind } from './terraformAzapi.js';
import {
  applyMappings,
  type BodySource,
  poolFromBody,
  readTf,
  setArm,
  nodeFromValue as valueNode,
} from './terraformBody.js';
import { clusterMappings, poolMappings } from './terraformMapping.js';
import { flattenProperties, newCluster, resourcePool, treeFromValue } from './tree.js';

type Json = Record<string, unknown>;

/** `terraform show -json` of a plan (`planned_values`) or of a state (`values`). */
export function isTerraformPlan(value: unknown): value is Json {
  return (
    isObject(value) && 'format_version' in value && (isObject(value.planned_values) || isObject(value.values))
  );
}

interface PlanResource {
  type: string;
  name: string;
  address: string;
  values: Json;
  path: PathSegment[];
  /** `sensitive_values`: `true` at each sensitive leaf. */
  sensitive?: unknown;
}

function collect(module: unknown, path: PathSegment[], out: PlanResource[]): void {
  if (!isObject(module)) return;
  (Array.isArray(module.resources) ? module.resources : []).forEach((resource, index) => {
    if (!isObject(resource) || !isObject(resource.values) || resource.mode === 'data') return;
    out.push({
      type: String(resource.type),
      name: String(resource.name),
      address: String(resource.address ?? resource.name),
      values: resource.values,
      path: [...path, 'resources', index, 'values'],
      sensitive: resource.sensitive_values,
    });
  });
  (Array.isArray(module.child_modules) ? module.child_modules : []).forEach((child, index) => {
    collect(child, [...path, 'child_modules', index], out);
  });
}

/**
 * Values in a plan are already resolved. What Terraform cannot know before apply is absent from
 * `planned_values` and marked `true` in the resource change's `after_unknown`: those values are unknown
 * ("known after apply"), never absent with a default applied. Sensitive credentials are read with their
 * configuration (see `planCredentials`).
 */
export function loadTerraformPlan(doc: SourceDocument): AksCluster[] {
  const root = doc.value as Json;
  const key = isObject(root.planned_values) ? 'planned_values' : 'values';
  const resources: PlanResource[] = [];
  collect((root[key] as Json).root_module, [key, 'root_module'], resources);
  const changes = new Map<string, Json>();
  for (const change of Array.isArray(root.resource_changes) ? root.resource_changes : []) {
    if (isObject(change) && typeof change.address === 'string' && isObject(change.change))
      changes.set(change.address, change.change);
  }
  for (const resource of resources) {
    const change = changes.get(resource.address);
    if (change && change.after_unknown !== undefined)
      resource.values = withUnknowns(resource.values, change.after_unknown, resource.address) as Json;
    planCredentials(resource, root, change);
  }
  const source = (resource: PlanResource): BodySource => ({
    body: resource.values,
    locate: (path) => doc.locate([...resource.path, ...path]),
    evaluate: (value) => value,
  });
  const clusters: AksCluster[] = [];
  for (const resource of resources.filter((r) => r.type === 'azurerm_kubernetes_cluster')) {
    const body = source(resource);
    const location = body.locate([]);
    const fields = objectNode(location);
    applyMappings(body, clusterMappings, fields);
    const aad = readTf(body, 'azure_active_directory_role_based_access_control');
    if (isUnknown(aad.raw))
      setArm(fields, 'aadProfile', { kind: 'unknown', reason: aad.raw.reason, location }, location);
    // azurerm 4 plans: the block's presence is AKS-managed Entra ID.
    if (
      aad.present &&
      Array.isArray(aad.raw) &&
      aad.raw.length > 0 &&
      clusterFieldAbsent(fields, 'aadProfile.managed')
    ) {
      setArm(
        fields,
        'aadProfile.managed',
        { kind: 'value', value: true, location: body.locate(aad.path) },
        location,
      );
    }
    const cluster = newCluster({
      name: typeof resource.values.name === 'string' ? resource.values.name : resource.name,
      dialect: 'terraformPlan',
      location,
      fields,
      materialized: true,
    });
    cluster.address = resource.address;
    const defaultPool = readTf(body, 'default_node_pool');
    if (defaultPool.present && Array.isArray(defaultPool.raw) && defaultPool.raw[0]) {
      const poolBody: BodySource = {
        body: defaultPool.raw[0] as Json,
        locate: (path) => body.locate(['default_node_pool', 0, ...path]),
        evaluate: (value) => value,
      };
      cluster.pools = [
        poolFromBody(poolBody, poolMappings, 'default', 'profile', (poolFields) => {
          setArm(poolFields, 'mode', { kind: 'value', value: 'System' }, poolBody.locate([]));
        }),
      ];
    } else {
      cluster.pools = [];
    }
    cluster.surroundings = { diagnosticSettings: [] };
    clusters.push(cluster);
  }
  const azapi = resources.filter((r) => r.type === 'azapi_resource' && azapiKind(r.values.type));
  // Clusters before their pools, whatever the order in the plan.
  azapi.sort(
    (a, b) =>
      Number(azapiKind(a.values.type)?.kind === 'pool') - Number(azapiKind(b.values.type)?.kind === 'pool'),
  );
  for (const resource of azapi) {
    const kind = azapiKind(resource.values.type);
    if (!kind) continue;
    // azapi 2 plans hold the body as an object (positions kept); azapi 1 as a JSON string.
    const location = doc.locate(resource.path);
    const raw = resource.values.body;
    const body =
      typeof raw === 'string'
        ? valueNode(safeJson(raw), doc.locate([...resource.path, 'body']))
        : treeFromValue(doc, raw ?? {}, [...resource.path, 'body']);
    const name = typeof resource.values.name === 'string' ? resource.values.name : resource.name;
    if (kind.kind === 'pool') {
      const pool = resourcePool(name, body, location);
      pool.address = resource.address;
      (clusters.length === 1 ? clusters[0] : undefined)?.pools.push(pool);
      continue;
    }
    const fields = flattenProperties(body, location);
    const identity = (resource.values.identity as Json[] | undefined)?.[0]?.type;
    if (typeof identity === 'string') {
      setArm(
        fields,
        'identity.type',
        { kind: 'value', value: identity, location: doc.locate([...resource.path, 'identity', 0, 'type']) },
        location,
      );
    }
    const cluster = newCluster({
      name,
      dialect: 'terraformPlan',
      location,
      fields,
      apiVersion: kind.apiVersion,
      materialized: true,
    });
    cluster.address = resource.address;
    cluster.surroundings = { diagnosticSettings: [] };
    clusters.push(cluster);
  }
  for (const resource of resources.filter((r) => r.type === 'azurerm_kubernetes_cluster_node_pool')) {
    const pool = poolFromBody(source(resource), poolMappings, resource.name, 'resource');
    const id =
      typeof resource.values.kubernetes_cluster_id === 'string' ? resource.values.kubernetes_cluster_id : '';
    const owner =
      clusters.find(
        (cluster) => id !== '' && id.toLowerCase().endsWith(`/managedclusters/${cluster.name.toLowerCase()}`),
      ) ?? (clusters.length === 1 ? clusters[0] : undefined);
    owner?.pools.push(pool);
  }
  return clusters;
}

function clusterFieldAbsent(fields: ObjectNode, path: string): boolean {
  return !readField(fields, path).present;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { unknown: true, reason: 'azapi body is not valid JSON' };
  }
}

/** Marks the values `after_unknown` says are known only after apply (same shape as the values, `true` at unknown leaves). */
export function withUnknowns(values: unknown, afterUnknown: unknown, address: string, path = ''): unknown {
  if (afterUnknown === true) return unknown(`known after apply (${address}${path})`);
  if (Array.isArray(afterUnknown)) {
    const list = Array.isArray(values) ? [...values] : [];
    afterUnknown.forEach((marker, index) => {
      if (marker === false) return;
      list[index] = withUnknowns(list[index], marker, address, `${path}[${index}]`);
    });
    return list;
  }
  if (isObject(afterUnknown)) {
    const object: Json = isObject(values) ? { ...values } : {};
    for (const [name, marker] of Object.entries(afterUnknown)) {
      if (marker === false || (Array.isArray(marker) && marker.length === 0 && Array.isArray(object[name])))
        continue;
      const value = withUnknowns(
        Object.hasOwn(object, name) ? object[name] : undefined,
        marker,
        address,
        `${path}.${name}`,
      );
      Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  return values;
}

/** Credentials AKS-DATA-06 reads, as plan paths (blocks are lists). */
const CREDENTIALS: string[][] = [
  ['service_principal', '0', 'client_secret'],
  ['windows_profile', '0', 'admin_password'],
  ['azure_active_directory_role_based_access_control', '0', 'server_app_secret'],
  ['role_based_access_control', '0', 'azure_active_directory', '0', 'server_app_secret'],
];

/**
 * A plan carries sensitive values in clear, marked in `sensitive_values` / `after_sensitive`. Whether such a
 * credential is written in plaintext is decided by the configuration: a `constant_value` (or a variable whose
 * default is written) is plaintext; a reference to a sensitive variable without default, a data source or a
 * generated password is not, and the value is then left out (unknown), never reported as written.
 */
function planCredentials(resource: PlanResource, root: Json, change: Json | undefined): void {
  const markers = [resource.sensitive, change?.after_sensitive];
  for (const path of CREDENTIALS) {
    const value = dig(resource.values, path);
    if (typeof value !== 'string' || value === '') continue;
    const sensitive = markers.some((marker) => dig(marker, path) === true);
    const expression = configurationExpression(root, resource.address, path);
    if (expression && 'constant_value' in expression) continue;
    const references = Array.isArray(expression?.references) ? (expression.references as string[]) : [];
    const variable = references.map((ref) => /^var\.([\w-]+)$/.exec(ref)?.[1]).find(Boolean);
    if (variable) {
      const declared = configurationVariable(root, resource.address, variable);
      if (declared && typeof declared.default === 'string' && declared.default !== '') continue;
      setDeep(resource.values, path, unknown(`comes from var.${variable}, set outside the configuration`));
      continue;
    }
    if (references.length > 0) {
      setDeep(resource.values, path, unknown(`comes from ${references[0]}`));
      continue;
    }
    if (sensitive && !expression)
      setDeep(resource.values, path, unknown('a sensitive value whose source the plan does not show'));
  }
}

function dig(value: unknown, path: string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    else return undefined;
  }
  return current;
}

function setDeep(target: Json, path: string[], value: unknown): void {
  let current: unknown = target;
  for (const segment of path.slice(0, -1)) {
    current = Array.isArray(current) ? current[Number(segment)] : (current as Json)[segment];
    if (typeof current !== 'object' || current === null) return;
  }
  (current as Json)[path[path.length - 1]!] = value;
}

/** The module configuration a resource address lives in (`module.a.module.b.type.name`). */
function configurationModule(root: Json, address: string): Json | undefined {
  let module = isObject(root.configuration)
    ? (root.configuration.root_module as Json | undefined)
    : undefined;
  for (const match of address.matchAll(/module\.([\w-]+)(?:\[[^\]]*\])?\./g)) {
    const calls = isObject(module?.module_calls) ? (module.module_calls as Json) : undefined;
    const call = calls && Object.hasOwn(calls, match[1]!) ? calls[match[1]!] : undefined;
    module = isObject(call) && isObject(call.module) ? call.module : undefined;
  }
  return isObject(module) ? module : undefined;
}

function configurationExpression(root: Json, address: string, path: string[]): Json | undefined {
  const module = configurationModule(root, address);
  const local = address.replace(/^(module\.[\w-]+(?:\[[^\]]*\])?\.)+/, '').replace(/\[[^\]]*\]$/, '');
  const resource = (Array.isArray(module?.resources) ? module.resources : []).find(
    (entry) => isObject(entry) && entry.address === local,
  ) as Json | undefined;
  const expression = dig(resource?.expressions, path);
  return isObject(expression) ? expression : undefined;
}

function configurationVariable(root: Json, address: string, name: string): Json | undefined {
  const variables = configurationModule(root, address)?.variables;
  const variable = isObject(variables) && Object.hasOwn(variables, name) ? variables[name] : undefined;
  return isObject(variable) ? variable : undefined;
}
