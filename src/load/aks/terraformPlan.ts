import { type AksCluster, type ObjectNode, objectNode, readField } from '../../model/aksCluster.js';
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
    });
  });
  (Array.isArray(module.child_modules) ? module.child_modules : []).forEach((child, index) => {
    collect(child, [...path, 'child_modules', index], out);
  });
}

/** Values in a plan are already resolved; what Terraform cannot know yet is absent from `planned_values`. */
export function loadTerraformPlan(doc: SourceDocument): AksCluster[] {
  const root = doc.value as Json;
  const key = isObject(root.planned_values) ? 'planned_values' : 'values';
  const resources: PlanResource[] = [];
  collect((root[key] as Json).root_module, [key, 'root_module'], resources);
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
