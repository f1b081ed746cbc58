import type { AksCluster } from './aksCluster.js';
import type { K8sObject, PodTemplate } from './k8s.js';

/**
 * Which Kubernetes objects run on which AKS cluster (DESIGN §2). Cluster-specific rules (AKS-NET-10, AKS-NET-12,
 * X-*, the netpol engine's `auto`, the AKS admin-group binding of the RBAC engine) only ever pair a cluster with
 * the objects tied to it:
 * - one cluster in the input: every object runs on it;
 * - several: the ties of the configuration (`clusters:` in `.aksguard.yaml`) or of the command line (`--cluster
 *   FILE` ties every manifest to the clusters of FILE) decide; objects tied to no cluster are listed in coverage.
 */
export type TieSource = 'single-cluster' | 'configuration' | 'command-line';

export interface ClusterScope {
  cluster: AksCluster;
  /** The objects that run on the cluster, in input order. */
  objects: readonly K8sObject[];
  /** How they were tied; undefined when no object is tied to the cluster. */
  tiedBy?: TieSource;
}

/** Clusters that are whole (not only node pools of a cluster defined elsewhere). */
function wholeClusters(clusters: readonly AksCluster[]): AksCluster[] {
  return clusters.filter((cluster) => !cluster.partial);
}

/** The default when nothing ties: one cluster takes every object, several take none. */
export function defaultScopes(
  clusters: readonly AksCluster[],
  objects: readonly K8sObject[],
): ClusterScope[] {
  const whole = wholeClusters(clusters);
  if (whole.length === 1) return [{ cluster: whole[0]!, objects, tiedBy: 'single-cluster' }];
  return whole.map((cluster) => ({ cluster, objects: [] }));
}

interface ScopedInventory {
  clusters: AksCluster[];
  objects: K8sObject[];
  scopes?: ClusterScope[];
}

export function scopesOf(inventory: ScopedInventory): ClusterScope[] {
  return inventory.scopes ?? defaultScopes(inventory.clusters, inventory.objects);
}

const OBJECT_SETS = new WeakMap<ClusterScope, Set<K8sObject>>();

function objectSet(scope: ClusterScope): Set<K8sObject> {
  let set = OBJECT_SETS.get(scope);
  if (!set) {
    set = new Set(scope.objects);
    OBJECT_SETS.set(scope, set);
  }
  return set;
}

/**
 * The objects that run on `cluster`. A cluster the scopes do not know (a kubescape ClusterDescribe document) takes
 * every object when the input defines no other cluster, none otherwise.
 */
export function objectsOnCluster(inventory: ScopedInventory, cluster: AksCluster): readonly K8sObject[] {
  const scope = scopesOf(inventory).find((entry) => entry.cluster === cluster);
  if (scope) return scope.objects;
  return wholeClusters(inventory.clusters).length === 0 ? inventory.objects : [];
}

/** Whether `object` runs on `cluster`. */
export function runsOn(inventory: ScopedInventory, cluster: AksCluster, object: K8sObject): boolean {
  const scope = scopesOf(inventory).find((entry) => entry.cluster === cluster);
  return scope ? objectSet(scope).has(object) : false;
}

/** Pod templates whose owner runs on `cluster`. */
export function podTemplatesOnCluster(
  inventory: ScopedInventory & { podTemplates: PodTemplate[] },
  cluster: AksCluster,
): PodTemplate[] {
  const scope = scopesOf(inventory).find((entry) => entry.cluster === cluster);
  if (!scope) return [];
  const set = objectSet(scope);
  return inventory.podTemplates.filter((template) => set.has(template.owner));
}

/**
 * The one cluster every object of the input runs on (or, with no object, the only cluster), for analyses made over
 * all the objects at once (the netpol engine's `auto`, the RBAC engine); undefined when there is no such cluster:
 * then those analyses use Kubernetes semantics alone rather than pair the objects with a cluster they may not run on.
 */
export function clusterOfAllObjects(inventory: ScopedInventory): AksCluster | undefined {
  const scopes = scopesOf(inventory);
  if (inventory.objects.length === 0) {
    const whole = wholeClusters(inventory.clusters);
    return whole.length === 1 ? whole[0] : undefined;
  }
  const holding = scopes.filter((scope) => scope.objects.length > 0);
  if (holding.length !== 1) return undefined;
  const only = holding[0]!;
  return only.objects.length === inventory.objects.length ? only.cluster : undefined;
}
