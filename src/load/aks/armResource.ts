import type { AgentPool, AksCluster } from '../../model/aksCluster.js';
import { isJsonObject as isObject } from '../../model/json.js';
import type { PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import { flattenProperties, newCluster, resourcePool, treeFromValue } from './tree.js';

type Json = Record<string, unknown>;

const CLUSTER_TYPE = /^microsoft\.containerservice\/managedclusters$/i;
const POOL_TYPE = /^microsoft\.containerservice\/managedclusters\/agentpools$/i;
/** Keys that only a managed-cluster body carries (ARM GET puts them under `properties`, `az aks show` at the top). */
const CLUSTER_KEYS = [
  'agentpoolprofiles',
  'kubernetesversion',
  'dnsprefix',
  'networkprofile',
  'enablerbac',
  'aadprofile',
];
const POOL_KEYS = ['ostype', 'vmsize', 'count', 'mode', 'orchestratorversion', 'enablenodepublicip'];

export interface FoundResources {
  clusters: AksCluster[];
  /** Pools of clusters not in this document (an agentPools example or GET). */
  orphanPools: { clusterName: string | undefined; pool: AgentPool }[];
}

function lowerKeys(value: Json): Set<string> {
  return new Set(Object.keys(value).map((key) => key.toLowerCase()));
}

function getCi(value: Json, key: string): unknown {
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(value)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

function looksLikeCluster(value: unknown): boolean {
  if (!isObject(value)) return false;
  const type = getCi(value, 'type');
  if (typeof type === 'string') return CLUSTER_TYPE.test(type);
  const properties = getCi(value, 'properties');
  const keys = isObject(properties) ? lowerKeys(properties) : lowerKeys(value);
  return CLUSTER_KEYS.filter((key) => keys.has(key)).length >= 2 || keys.has('agentpoolprofiles');
}

function looksLikePool(value: unknown): boolean {
  if (!isObject(value)) return false;
  const type = getCi(value, 'type');
  if (typeof type === 'string') return POOL_TYPE.test(type);
  const properties = getCi(value, 'properties');
  const keys = isObject(properties) ? lowerKeys(properties) : lowerKeys(value);
  if (keys.has('agentpoolprofiles')) return false;
  return POOL_KEYS.filter((key) => keys.has(key)).length >= 2;
}

/**
 * Finds clusters in a JSON/YAML document that describes live resources: the ARM resource (REST GET),
 * `az aks show -o json` (flat, camelCase), `az aks list` arrays, ARM list results (`value[]`), the
 * azure-rest-api-specs example form (`parameters.parameters`, `responses.200.body`) and kubescape's
 * `ClusterDescribe` wrapper (`data`).
 */
export function findArmResources(doc: SourceDocument): FoundResources | undefined {
  const root = doc.value;
  const found: FoundResources = { clusters: [], orphanPools: [] };
  if (Array.isArray(root)) {
    root.forEach((item, index) => {
      if (looksLikeCluster(item)) found.clusters.push(clusterFrom(doc, item, [index], undefined, undefined));
    });
    return found.clusters.length > 0 ? found : undefined;
  }
  if (!isObject(root)) return undefined;
  if (root.kind === 'ClusterDescribe' && isObject(root.data)) {
    if (!looksLikeCluster(root.data)) return undefined;
    found.clusters.push(clusterFrom(doc, root.data, ['data'], undefined, undefined));
    return found;
  }
  if (isObject(root.parameters) && isObject(root.responses)) return fromSpecExample(doc, root, found);
  if (looksLikeCluster(root)) {
    found.clusters.push(clusterFrom(doc, root, [], undefined, undefined));
    return found;
  }
  if (Array.isArray(root.value) && root.value.some(looksLikeCluster)) {
    root.value.forEach((item, index) => {
      if (looksLikeCluster(item))
        found.clusters.push(clusterFrom(doc, item, ['value', index], undefined, undefined));
    });
    return found;
  }
  if (looksLikePool(root) && typeof root.type === 'string') {
    const pool = poolFrom(doc, root, [], undefined);
    found.orphanPools.push({ clusterName: clusterNameFromId(root.id), pool });
    return found;
  }
  return undefined;
}

function fromSpecExample(doc: SourceDocument, root: Json, found: FoundResources): FoundResources | undefined {
  const parameters = root.parameters as Json;
  const apiVersion = typeof parameters['api-version'] === 'string' ? parameters['api-version'] : undefined;
  const clusterName = typeof parameters.resourceName === 'string' ? parameters.resourceName : undefined;
  // The request body is what the author asked for (it may carry credentials the response never returns).
  for (const [key, body] of Object.entries(parameters)) {
    if (key === 'api-version' || !isObject(body)) continue;
    if (looksLikeCluster(body)) {
      found.clusters.push(clusterFrom(doc, body, ['parameters', key], apiVersion, clusterName, false));
      return found;
    }
    if (looksLikePool(body) && typeof parameters.agentPoolName === 'string') {
      const pool = poolFrom(doc, body, ['parameters', key], parameters.agentPoolName);
      found.orphanPools.push({ clusterName, pool });
      return found;
    }
  }
  const responses = root.responses as Json;
  for (const status of ['200', '201']) {
    const response = responses[status];
    if (!isObject(response) || !isObject(response.body)) continue;
    const body = response.body;
    if (looksLikeCluster(body)) {
      found.clusters.push(clusterFrom(doc, body, ['responses', status, 'body'], apiVersion, clusterName));
      return found;
    }
    if (Array.isArray(body.value)) {
      body.value.forEach((item, index) => {
        if (looksLikeCluster(item)) {
          found.clusters.push(
            clusterFrom(doc, item, ['responses', status, 'body', 'value', index], apiVersion, undefined),
          );
        }
      });
      if (found.clusters.length > 0) return found;
    }
  }
  return undefined;
}

function clusterFrom(
  doc: SourceDocument,
  body: Json,
  path: PathSegment[],
  apiVersion: string | undefined,
  fallbackName: string | undefined,
  materialized = true,
): AksCluster {
  const location = doc.locate(path);
  const tree = treeFromValue(doc, body, path);
  const fields = flattenProperties(tree, location);
  const flatAz = !isObject(getCi(body, 'properties'));
  const name = typeof body.name === 'string' ? body.name : (fallbackName ?? 'cluster');
  return newCluster({
    name,
    id: typeof body.id === 'string' ? body.id : undefined,
    dialect: flatAz ? 'azcli' : 'arm',
    location,
    fields,
    apiVersion,
    materialized,
  });
}

function poolFrom(
  doc: SourceDocument,
  body: Json,
  path: PathSegment[],
  fallbackName: string | undefined,
): AgentPool {
  const location = doc.locate(path);
  const name = typeof body.name === 'string' ? body.name : (fallbackName ?? 'pool');
  return resourcePool(name, treeFromValue(doc, body, path), location);
}

function clusterNameFromId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  return /\/managedClusters\/([^/]+)/i.exec(id)?.[1];
}
