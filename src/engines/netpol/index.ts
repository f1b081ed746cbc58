/** The NetworkPolicy connectivity engine: public API. */

import { type AksCluster, clusterField, isUnknown } from '../../model/aksCluster.js';
import type { Inventory } from '../../model/inventory.js';
import { isJsonObject as isRecord } from '../../model/json.js';
import type { K8sObject } from '../../model/k8s.js';
import { clusterOfAllObjects } from '../../model/scope.js';
import { analyzeNetpol, type NetpolAnalysis, type NetpolOptions } from './analyze.js';
import type { EngineChoice } from './profiles.js';

export * from './addresses.js';
export {
  analyzeNetpol,
  DEFAULT_NODE_CIDRS,
  DEFAULT_POD_CIDRS,
  NetpolAnalysis,
  type NetpolOptions,
  SPECIAL_BLOCKS,
} from './analyze.js';
export {
  type ConnectionDiff,
  compareEngines,
  diffConnections,
  type EngineDifference,
  formatDiffTxt,
  policyCidrs,
} from './compare.js';
export * from './connections.js';
export { DEFAULT_MAX_PAIRS, type ExplainOptions, explainAll, explainChunks, explainPair } from './explain.js';
export {
  addressScope,
  endpointName,
  formatConnections,
  LIST_FORMATS,
  type ListFormat,
  mergeAdjacentExternals,
} from './format.js';
export * from './gaps.js';
export * from './model.js';
export {
  ENGINE_NAMES,
  type EngineChoice,
  type EngineName,
  type EngineProfile,
  engineProfile,
  resolveEngine,
} from './profiles.js';
export {
  type PairVerdict,
  type PortQuery,
  parsePortQuery,
  type QueryResult,
  query,
  resolveEndpoints,
  verdictFor,
} from './query.js';

/** `engine` from scan settings (`netpolEngine`), validated loosely: unknown values fall back to `auto`. */
export function engineChoice(value: unknown): EngineChoice {
  const known = ['auto', 'spec', 'azure', 'calico', 'cilium', 'none', 'netpol-analyzer'];
  return typeof value === 'string' && known.includes(value) ? (value as EngineChoice) : 'auto';
}

/**
 * Whether the cluster blocks IMDS for non-host-network pods (`--enable-imds-restriction`, ARM
 * `networkProfile.podLinkLocalAccess: None`); undefined when unknown.
 */
export function clusterRestrictsImds(cluster: unknown): boolean | undefined {
  if (!isRecord(cluster)) return undefined;
  if (isRecord(cluster.fields) && typeof (cluster.fields as { kind?: unknown }).kind === 'string') {
    const access = clusterField(cluster as unknown as AksCluster, 'networkProfile.podLinkLocalAccess').value;
    if (isUnknown(access)) return undefined;
    return typeof access === 'string' ? access.toLowerCase() === 'none' : false;
  }
  const profile = isRecord(cluster.networkProfile) ? cluster.networkProfile : undefined;
  let access = profile?.podLinkLocalAccess;
  if (isRecord(access) && 'value' in access) access = access.value;
  return typeof access === 'string' ? access.toLowerCase() === 'none' : undefined;
}

/**
 * The engine on a loaded inventory: its Kubernetes objects and, for `auto`, the AKS cluster they run on: the one
 * cluster every object is tied to (model/scope.ts). With several clusters and no such tie, `auto` keeps
 * Kubernetes semantics rather than assume the objects run on a cluster they are not tied to.
 */
export function analyzeInventory(
  inventory: Inventory,
  options: Omit<NetpolOptions, 'cluster'> = {},
): NetpolAnalysis<K8sObject> {
  const cluster = clusterOfAllObjects(inventory);
  const fromCluster: Partial<NetpolOptions> = {};
  if (cluster && isRecord(cluster.fields)) {
    // What the cluster definition states, unless the caller said otherwise.
    const version = clusterField(cluster, 'kubernetesVersion').value;
    if (typeof version === 'string') fromCluster.k8sVersion = version;
    const podCidr = clusterField(cluster, 'networkProfile.podCidr').value;
    if (typeof podCidr === 'string') fromCluster.podCidrs = [podCidr];
  }
  return analyzeNetpol(inventory.objects, { ...fromCluster, ...options, ...(cluster ? { cluster } : {}) });
}
