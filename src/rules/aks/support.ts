import { findArmResources } from '../../load/aks/armResource.js';
import {
  type AgentPool,
  type AksCluster,
  asBool,
  asString,
  clusterField,
  isAutomatic,
  isUnknown,
  poolField,
  type Sourced,
} from '../../model/aksCluster.js';
import type { ResourceRef } from '../../model/finding.js';
import { objectsOfKind } from '../../model/inventory.js';
import type { K8sObject } from '../../model/k8s.js';
import { objectsOnCluster } from '../../model/scope.js';
import type { Severity } from '../../model/severity.js';
import type { Location } from '../../model/source.js';
import type { RuleContext } from '../defineRule.js';

/**
 * Every cluster of the scan: the inventory's, plus kubescape `ClusterDescribe` documents, which carry
 * `apiVersion` and `kind` and so arrive as Kubernetes objects rather than through the cluster loader.
 */
export function allClusters(context: RuleContext): AksCluster[] {
  return context.memo('aks:allClusters', () => {
    const described = objectsOfKind(context.inventory, 'ClusterDescribe').flatMap(
      (object) => findArmResources(object.document)?.clusters ?? [],
    );
    return [...context.inventory.clusters, ...described];
  });
}

/** True when the input holds Kubernetes manifests (kubescape ClusterDescribe documents are cluster data, not manifests). */
export function hasManifests(context: RuleContext): boolean {
  return context.inventory.objects.some((object) => object.kind !== 'ClusterDescribe');
}

/**
 * The Kubernetes objects that run on `cluster` (model/scope.ts): every object when it is the only cluster, the
 * tied ones when the input defines several. Cluster-specific rules read manifests through this, never the whole
 * inventory.
 */
export function manifestsOf(context: RuleContext, cluster: AksCluster): readonly K8sObject[] {
  return objectsOnCluster(context.inventory, cluster).filter((object) => object.kind !== 'ClusterDescribe');
}

/** Objects of `kind` that run on `cluster`. */
export function manifestsOfKind(context: RuleContext, cluster: AksCluster, kind: string): K8sObject[] {
  return manifestsOf(context, cluster).filter((object) => object.kind === kind);
}

/** Why a cluster has no manifests to judge: none in the input, or none tied to it. */
export function noManifestsReason(context: RuleContext, what: string): string {
  return hasManifests(context)
    ? `no manifests tied to this cluster to see ${what} (the input defines several clusters: tie manifests with clusters: in .aksguard.yaml or --cluster)`
    : `no manifests in the input to see ${what}`;
}

/** Clusters whose own body is in the input (not only node pools of a cluster defined elsewhere). */
export function clustersOf(context: RuleContext): AksCluster[] {
  return allClusters(context).filter((cluster) => !cluster.partial);
}

/**
 * Every node pool of the scan, with its cluster. The pools of an AKS Automatic cluster are left out as "not
 * evaluated": the platform provisions and configures their nodes (node autoprovisioning, managed system pools),
 * and a definition can only set their name, mode, count and subnet (the AKS Verified Module passes nothing else
 * for Automatic, locals.agent_pool_profiles.tf), so a node setting read from it says nothing about the nodes.
 */
export function poolsOf(context: RuleContext): { cluster: AksCluster; pool: AgentPool }[] {
  return allClusters(context).flatMap((cluster) => {
    if (isAutomatic(cluster)) {
      for (const pool of cluster.pools)
        notEvaluatedAt(
          context,
          cluster,
          pool.location,
          `AKS Automatic configures the nodes of pool ${pool.name} itself (node autoprovisioning): review its NodePool and AKSNodeClass objects`,
          pool,
        );
      return [];
    }
    return cluster.pools.map((pool) => ({ cluster, pool }));
  });
}

/** Stable identity of a cluster across runs: its file and address/id/name, never a line number. */
function identity(cluster: AksCluster, pool?: AgentPool): string {
  const address = typeof cluster.address === 'string' ? cluster.address : (cluster.id ?? cluster.name);
  return [
    cluster.location.file,
    ...(cluster.root ? [cluster.root] : []),
    address,
    pool ? `pool:${pool.address ?? `${pool.declaredAs}:${pool.name}`}` : '',
  ].join('|');
}

function poolRef(cluster: AksCluster, pool: AgentPool): ResourceRef {
  const ref: ResourceRef = { ...pool.resource };
  if (cluster.id) ref.id = `${cluster.id}/agentPools/${pool.name}`;
  return ref;
}

export interface ReportOptions {
  pool?: AgentPool;
  evidence?: Record<string, unknown>;
  severity?: Severity;
  /** Extra identity when one resource yields several findings of a rule. */
  key?: string;
  fix?: string;
}

/** Reports a finding on the cluster (or one of its pools) at the field's location, or the resource's when absent. */
export function reportAt(
  context: RuleContext,
  cluster: AksCluster,
  where: Sourced<unknown> | Location | undefined,
  message: string,
  options: ReportOptions = {},
): void {
  const location =
    where && 'line' in where ? where : (where?.location ?? options.pool?.location ?? cluster.location);
  const resource = options.pool ? poolRef(cluster, options.pool) : cluster.resource;
  context.report({
    resource,
    location,
    message,
    key: `${identity(cluster, options.pool)}${options.key ? `|${options.key}` : ''}`,
    ...(options.evidence ? { evidence: options.evidence } : {}),
    ...(options.severity ? { severity: options.severity } : {}),
    ...(options.fix ? { fix: options.fix } : {}),
  });
}

/** A per-finding fix for `reportAt`'s options, when there is one. */
export function fixOf(text: string | undefined): { fix?: string } {
  return text ? { fix: text } : {};
}

/** Records that a control could not be judged, with the reason (never a finding). */
export function notEvaluatedAt(
  context: RuleContext,
  cluster: AksCluster,
  where: Sourced<unknown> | Location | undefined,
  reason: string,
  pool?: AgentPool,
): void {
  const location = where && 'line' in where ? where : (where?.location ?? pool?.location ?? cluster.location);
  context.notEvaluated({ resource: pool ? poolRef(cluster, pool) : cluster.resource, location, reason });
}

/** If any of the fields is unknown, records "not evaluated" and returns true. */
export function anyUnknown(
  context: RuleContext,
  cluster: AksCluster,
  fields: Sourced<unknown>[],
  pool?: AgentPool,
): boolean {
  const blocked = fields.find((field) => isUnknown(field.value));
  if (!blocked) return false;
  notEvaluatedAt(context, cluster, blocked, (blocked.value as { reason: string }).reason, pool);
  return true;
}

export function bool(cluster: AksCluster, path: string): Sourced<boolean> {
  return asBool(clusterField(cluster, path));
}

export function str(cluster: AksCluster, path: string): Sourced<string> {
  return asString(clusterField(cluster, path));
}

export function poolBool(pool: AgentPool, path: string): Sourced<boolean> {
  return asBool(poolField(pool, path));
}

export function poolStr(pool: AgentPool, path: string): Sourced<string> {
  return asString(poolField(pool, path));
}

/** Lower-cased string value, or `undefined` when absent (call after `anyUnknown`). */
export function lower(field: Sourced<string>): string | undefined {
  return typeof field.value === 'string' ? field.value.toLowerCase() : undefined;
}

/**
 * Whether the API server has a public endpoint: false for private clusters and for
 * `publicNetworkAccess: Disabled`; `undefined` when it depends on an unknown value (already recorded).
 */
export function publicApiServer(context: RuleContext, cluster: AksCluster): boolean | undefined {
  const isPrivate = bool(cluster, 'apiServerAccessProfile.enablePrivateCluster');
  const access = str(cluster, 'publicNetworkAccess');
  if (anyUnknown(context, cluster, [isPrivate, access])) return undefined;
  if (isPrivate.value === true) return false;
  return lower(access) !== 'disabled';
}

/**
 * A boolean control that must be true: reports when it is false or absent (`defaultValue` applies when
 * absent), records "not evaluated" when unknown.
 */
export function requireTrue(
  context: RuleContext,
  cluster: AksCluster,
  path: string,
  message: (written: boolean) => string,
  defaultValue = false,
): void {
  const field = bool(cluster, path);
  if (anyUnknown(context, cluster, [field])) return;
  const value = field.value ?? defaultValue;
  if (value === true) return;
  reportAt(context, cluster, field, message(field.value !== undefined), {
    evidence: { field: path, value: field.value ?? null, defaulted: field.value === undefined },
  });
}

/** A boolean that must not be true (an add-on or legacy feature that should stay off). */
export function requireNotTrue(
  context: RuleContext,
  cluster: AksCluster,
  path: string,
  message: string,
): void {
  const field = bool(cluster, path);
  if (anyUnknown(context, cluster, [field])) return;
  if (field.value !== true) return;
  reportAt(context, cluster, field, message, { evidence: { field: path, value: true } });
}
