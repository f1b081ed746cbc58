import type { ResourceRef } from './finding.js';
import type { Location, PathSegment } from './source.js';

/**
 * The AKS cluster, whatever dialect described it (ARM resource, `az aks show`, ARM template, Bicep,
 * Terraform, Terraform plan). Filled by `load/aks/`; read by the `aks` and `cross` rule families.
 *
 * Every dialect is normalised into the shape of the ARM resource body: `properties` is flattened into
 * the top level (beside `identity`, `sku`, `tags`), and keys are compared after `normalizeKey`
 * (case-insensitive, `_`/`-` ignored), so `enableRBAC`, `enableRbac` and `enable_rbac` are one field, and
 * `omsagent`/`omsAgent` one add-on. Values keep where they were written.
 *
 * A value may be `Unknown` when it depends on something a static reading cannot see
 * (a Terraform variable without default, an unresolvable ARM expression).
 */
export interface Unknown {
  unknown: true;
  /** Human reason, e.g. `depends on var.authorized_ip_ranges`. */
  reason: string;
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

export function unknown(reason: string): Unknown {
  return { unknown: true, reason };
}

/** A field value together with where it was read (absent fields have no location). */
export interface Sourced<T> {
  value: T | Unknown | undefined;
  /** Where the value is written; for an absent field, the resource (cluster or pool) that should carry it. */
  location?: Location;
  /** True when the value is a platform default, not written in the input. */
  defaulted?: boolean;
  /** What sets the default when it is not the API's (`AKS Automatic`, `the Cilium dataplane`). */
  defaultedBy?: string;
  /** True when the field itself is written in the input (false: absent, location is its parent's). */
  present?: boolean;
}

/** A normalised field tree: the ARM body shape, each node remembering where it is written. */
export type FieldNode = ObjectNode | ArrayNode | ValueNode | UnknownNode;

export interface ObjectNode {
  kind: 'object';
  /** Keys are `normalizeKey`ed; `names` keeps the key as written. */
  entries: Map<string, FieldNode>;
  names: Map<string, string>;
  location?: Location;
  /**
   * Set when keys beyond `entries` may exist but cannot be read (an ARM body whose `properties` is one unknown
   * expression): an absent key then reads as this unknown, never as absent.
   */
  rest?: UnknownNode;
}

export interface ArrayNode {
  kind: 'array';
  items: FieldNode[];
  location?: Location;
}

export interface ValueNode {
  kind: 'value';
  value: string | number | boolean | null;
  location?: Location;
  /** Not written in the input: the platform sets it (`AKS Automatic`); readers see it as `defaulted`. */
  defaultedBy?: string;
}

export interface UnknownNode {
  kind: 'unknown';
  reason: string;
  location?: Location;
}

/** The key form used for matching: case-insensitive, ignoring `_`, `-` and spaces. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

export function objectNode(location?: Location): ObjectNode {
  const node: ObjectNode = { kind: 'object', entries: new Map(), names: new Map() };
  if (location) node.location = location;
  return node;
}

export interface AgentPool {
  name: string;
  /** Where the pool is declared. */
  location: Location;
  /** `profile`: inside the cluster (`agentPoolProfiles[i]`, `default_node_pool`); `resource`: a separate agentPools / node_pool resource. */
  declaredAs: 'profile' | 'resource';
  /** The pool body, ARM shape (`osType`, `enableNodePublicIP`, `securityProfile.sshAccess` ...). */
  fields: ObjectNode;
  resource: ResourceRef;
  /** Terraform address of a pool declared as its own resource (`azurerm_kubernetes_cluster_node_pool.user`). */
  address?: string;
}

/** Diagnostic settings found beside the cluster (ARM template or Terraform), for control-plane audit logs. */
export interface DiagnosticSetting {
  name: string;
  location: Location;
  /** Log categories enabled (`kube-audit`, `kube-audit-admin`, `guard`, or a category group `audit`/`allLogs`). */
  categories: string[];
  /** Some categories could not be read statically. */
  unknownReason?: string;
}

/** Evidence about the cluster that lives outside the cluster body. `undefined` means the dialect cannot show it. */
export interface ClusterSurroundings {
  diagnosticSettings?: DiagnosticSetting[];
  /** Names of planned-maintenance configurations (`aksManagedAutoUpgradeSchedule`, ...). */
  maintenanceConfigurations?: string[];
  /** Role assignments granted to the kubelet identity: role name and whether the scope is a registry. */
  kubeletRoleAssignments?: { role: string | Unknown; location: Location }[];
}

export interface AksCluster {
  name: string;
  id?: string;
  /** Which dialect the cluster came from. */
  dialect: 'arm' | 'azcli' | 'armTemplate' | 'terraform' | 'terraformPlan' | 'bicep' | 'azScript';
  /** Where the cluster is declared (the resource block or document). */
  location: Location;
  resource: ResourceRef;
  /** ARM api-version of the body, when known (`2025-05-01`). Decides which fields and defaults exist. */
  apiVersion?: string;
  /** azurerm provider major version for Terraform inputs (from `required_providers`; 4 when unstated). */
  providerMajor?: number;
  /** True for live-shaped documents (ARM GET, `az aks show`, plan): every field the API has is materialised. */
  materialized: boolean;
  /** True when the input holds only node pools of a cluster defined elsewhere: cluster-level controls are skipped. */
  partial?: boolean;
  /**
   * For a cluster read through a Terraform module call, the call that reaches it from a root module
   * (`examples/startup/main.tf:12`): one module called from two roots is two clusters.
   */
  root?: string;
  /** The cluster body, ARM shape, `properties` flattened. */
  fields: ObjectNode;
  pools: AgentPool[];
  surroundings: ClusterSurroundings;
  [key: string]: unknown;
}

export type { PathSegment };

/** Reads a dotted ARM path (`apiServerAccessProfile.authorizedIPRanges`, `agentPoolProfiles.0.name`) from a field tree. */
export function readField(root: ObjectNode, path: string, fallback?: Location): Sourced<unknown> {
  let node: FieldNode = root;
  const resourceLocation = fallback ?? root.location;
  let lastLocation = root.location ?? fallback;
  for (const raw of path.split('.')) {
    if (node.kind === 'unknown')
      return { value: unknown(node.reason), location: node.location ?? lastLocation };
    let next: FieldNode | undefined;
    if (node.kind === 'object') next = node.entries.get(normalizeKey(raw));
    else if (node.kind === 'array' && /^\d+$/.test(raw)) next = node.items[Number(raw)];
    if (next === undefined && node.kind === 'object' && node.rest)
      return { value: unknown(node.rest.reason), location: node.rest.location ?? lastLocation };
    if (next === undefined) {
      // An absent field is reported at the resource that should carry it.
      const absent: Sourced<unknown> = { value: undefined, present: false };
      if (resourceLocation) absent.location = resourceLocation;
      return absent;
    }
    node = next;
    if (node.location) lastLocation = node.location;
  }
  const found: Sourced<unknown> = { value: plainOf(node), present: true };
  if (lastLocation) found.location = lastLocation;
  if (node.kind === 'value' && node.defaultedBy !== undefined) {
    found.present = false;
    found.defaulted = true;
    found.defaultedBy = node.defaultedBy;
  }
  return found;
}

/** The plain value of a node; an unknown anywhere inside a scalar position stays an `Unknown` object. */
export function plainOf(node: FieldNode): unknown {
  switch (node.kind) {
    case 'value':
      return node.value;
    case 'unknown':
      return unknown(node.reason);
    case 'array':
      return node.items.map(plainOf);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of node.entries) out[key] = plainOf(child);
      return out;
    }
  }
}

export function clusterField(cluster: AksCluster, path: string): Sourced<unknown> {
  return readField(cluster.fields, path, cluster.location);
}

export function poolField(pool: AgentPool, path: string): Sourced<unknown> {
  return readField(pool.fields, path, pool.location);
}

/** Booleans may be written as strings (`"true"`, `"False"`) in ARM templates and add-on config maps. */
export function asBool(field: Sourced<unknown>): Sourced<boolean> {
  const value = field.value;
  if (value === undefined || value === null) return { ...field, value: undefined };
  if (isUnknown(value) || typeof value === 'boolean') return field as Sourced<boolean>;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return { ...field, value: value.trim().toLowerCase() === 'true' };
  }
  return { ...field, value: unknown(`unexpected value ${JSON.stringify(value)} for a boolean`) };
}

export function asString(field: Sourced<unknown>): Sourced<string> {
  const value = field.value;
  if (value === undefined || value === null) return { ...field, value: undefined };
  if (isUnknown(value) || typeof value === 'string') return field as Sourced<string>;
  if (typeof value === 'number' || typeof value === 'boolean') return { ...field, value: String(value) };
  return { ...field, value: unknown('not a single value') };
}

/** A list of strings; a single unknown element makes the list unknown only when `strict`. */
export function asList(field: Sourced<unknown>): Sourced<unknown[]> {
  const value = field.value;
  if (value === undefined || value === null) return { ...field, value: undefined };
  if (isUnknown(value) || Array.isArray(value)) return field as Sourced<unknown[]>;
  if (typeof value === 'string') return { ...field, value: value === '' ? [] : value.split(',') };
  return { ...field, value: unknown('not a list') };
}

/** Applies a platform default to an absent field. */
export function withDefault<T>(field: Sourced<T>, value: T): Sourced<T> {
  if (field.value !== undefined) return field;
  return { ...field, value, defaulted: true };
}

/** Compares ARM api-version strings (`2023-06-01`, `2024-05-02-preview`). */
export function apiAtLeast(cluster: AksCluster, version: string): boolean | undefined {
  if (!cluster.apiVersion) return undefined;
  return cluster.apiVersion.slice(0, 10) >= version;
}

// ---- Typed accessors for other rule families (RBAC, NetPol) ----

/** Kubernetes RBAC authorizer on (`enableRBAC`; platform default true). */
export function rbacEnabled(cluster: AksCluster): Sourced<boolean> {
  return withDefault(asBool(clusterField(cluster, 'enableRBAC')), true);
}

/** AKS-managed Entra ID integration: `aadProfile` present with `managed` true (Terraform v4: block presence). */
export function entraIntegration(cluster: AksCluster): Sourced<boolean> {
  const profile = clusterField(cluster, 'aadProfile');
  if (isUnknown(profile.value)) return profile as Sourced<boolean>;
  if (profile.value === undefined || profile.value === null)
    return { ...profile, value: false, defaulted: true };
  return withDefault(asBool(clusterField(cluster, 'aadProfile.managed')), false);
}

/** Azure RBAC for Kubernetes authorization (`aadProfile.enableAzureRBAC`, default false). */
export function azureRbacEnabled(cluster: AksCluster): Sourced<boolean> {
  return withDefault(asBool(clusterField(cluster, 'aadProfile.enableAzureRBAC')), false);
}

/** Entra groups granted cluster-admin (`aadProfile.adminGroupObjectIDs`); empty when absent. */
export function entraAdminGroups(cluster: AksCluster): Sourced<string[]> {
  const field = asList(clusterField(cluster, 'aadProfile.adminGroupObjectIDs'));
  if (isUnknown(field.value)) return field as Sourced<string[]>;
  if (field.value === undefined) return { ...field, value: [], defaulted: true };
  return { ...field, value: field.value.filter((item): item is string => typeof item === 'string') };
}

/** Private API server (`apiServerAccessProfile.enablePrivateCluster`, default false). */
export function privateCluster(cluster: AksCluster): Sourced<boolean> {
  return withDefault(asBool(clusterField(cluster, 'apiServerAccessProfile.enablePrivateCluster')), false);
}

/** Local (certificate) accounts disabled (`disableLocalAccounts`, default false). */
export function localAccountsDisabled(cluster: AksCluster): Sourced<boolean> {
  return withDefault(asBool(clusterField(cluster, 'disableLocalAccounts')), false);
}

/**
 * Network policy engine, lower-cased: `azure`, `calico`, `cilium`, or `none`. Absent or empty means none, except
 * on the Cilium dataplane (Azure CNI powered by Cilium), which enforces NetworkPolicy itself: the resource
 * provider sets `networkPolicy: cilium` there ("With Cilium, you don't need to install a separate network policy
 * engine", AKS docs azure-cni-powered-by-cilium.md; azurerm: "when network_data_plane is cilium, network_policy
 * can be empty or cilium").
 */
export function networkPolicyEngine(cluster: AksCluster): Sourced<string> {
  const field = asString(clusterField(cluster, 'networkProfile.networkPolicy'));
  if (isUnknown(field.value)) return field;
  if (field.value === undefined || field.value.trim() === '') {
    const dataplane = networkDataplane(cluster);
    if (isUnknown(dataplane.value)) return dataplane;
    if (dataplane.value === 'cilium')
      return {
        ...field,
        value: 'cilium',
        defaulted: true,
        defaultedBy: dataplane.defaultedBy ?? 'the Cilium dataplane',
      };
    return { ...field, value: 'none', defaulted: true };
  }
  return { ...field, value: field.value.toLowerCase() };
}

/** Network plugin, lower-cased (`azure`, `kubenet`, `none`); the API default is `kubenet`. */
export function networkPlugin(cluster: AksCluster): Sourced<string> {
  const field = asString(clusterField(cluster, 'networkProfile.networkPlugin'));
  if (isUnknown(field.value)) return field;
  if (field.value === undefined) return { ...field, value: 'kubenet', defaulted: true };
  return { ...field, value: field.value.toLowerCase() };
}

/** Network dataplane, lower-cased (`azure` default, `cilium`). */
export function networkDataplane(cluster: AksCluster): Sourced<string> {
  const field = asString(clusterField(cluster, 'networkProfile.networkDataplane'));
  if (isUnknown(field.value)) return field;
  if (field.value === undefined) return { ...field, value: 'azure', defaulted: true };
  return { ...field, value: field.value.toLowerCase() };
}

/** Node OS of a pool, lower-cased (`linux` default, `windows`). */
export function poolOsType(pool: AgentPool): Sourced<string> {
  const field = asString(poolField(pool, 'osType'));
  if (isUnknown(field.value)) return field;
  if (field.value === undefined) return { ...field, value: 'linux', defaulted: true };
  return { ...field, value: field.value.toLowerCase() };
}

/** Pools whose OS is Windows (known values only). */
export function windowsPools(cluster: AksCluster): AgentPool[] {
  return cluster.pools.filter((pool) => poolOsType(pool).value === 'windows');
}

/** AKS Automatic (`sku.name: Automatic`): the platform preconfigures security settings and provisions the nodes. */
export function isAutomatic(cluster: AksCluster): boolean {
  const name = asString(clusterField(cluster, 'sku.name')).value;
  return typeof name === 'string' && name.toLowerCase() === 'automatic';
}

export function clusterRef(cluster: AksCluster): ResourceRef {
  return cluster.resource;
}
