import { type AksCluster, entraAdminGroups, isUnknown } from '../../model/aksCluster.js';
import type { Inventory } from '../../model/inventory.js';
import type { K8sObject } from '../../model/k8s.js';
import { clusterOfAllObjects } from '../../model/scope.js';
import { BOOTSTRAP_CLUSTER_ROLES } from './bootstrapClusterRoles.js';
import { BOOTSTRAP_ROLES } from './bootstrapRoles.js';
import { RbacEngine } from './engine.js';
import type { EscalationContext, ServiceAccountRef } from './escalation.js';
import { RBAC_KINDS } from './normalize.js';

/** Where an RBAC object comes from: a manifest, or a default the platform creates that the input did not show. */
export type RbacOrigin = K8sObject | BuiltinObject;

export interface BuiltinObject {
  raw: Record<string, unknown>;
  /** `bootstrap`: a Kubernetes bootstrap ClusterRole; `aks`: an object AKS creates from the cluster settings. */
  builtin: 'bootstrap' | 'aks';
  /** Why it exists (shown in evidence). */
  note: string;
}

export function isBuiltin(origin: RbacOrigin | undefined): origin is BuiltinObject {
  return origin !== undefined && 'builtin' in origin;
}

export interface InventoryEngineOptions {
  k8sVersion?: string;
  /** Add the bootstrap ClusterRoles (cluster-admin, admin, edit, view, system:*) the input does not define. Default true. */
  bootstrapRoles?: boolean;
}

const RBAC_API = 'rbac.authorization.k8s.io/v1';

/** `aadProfile.adminGroupObjectIDs` when known; AKS binds each to cluster-admin (`aks-cluster-admin-binding-aad`). */
export function adminGroupObjectIds(cluster: AksCluster | undefined): string[] {
  if (!cluster) return [];
  const value = entraAdminGroups(cluster).value;
  if (isUnknown(value) || !Array.isArray(value)) return [];
  return value.filter((v) => v.length > 0);
}

/** A Role, ClusterRole, RoleBinding or ClusterRoleBinding of the RBAC API: what the engine reads from the input. */
function isRbacObject(object: K8sObject): boolean {
  return (
    (RBAC_KINDS as readonly string[]).includes(object.kind) && object.group === 'rbac.authorization.k8s.io'
  );
}

/**
 * Whether the engine of `rbacEngineFromInventory` holds anything of the input's: an RBAC object, or the AKS binding
 * of the cluster's Entra admin groups. When not, it holds the bootstrap roles and no binding at all (the bootstrap
 * bindings are not added), so it grants nothing to anyone, and every role in it is builtin.
 */
export function inventoryHasRbac(inventory: Inventory): boolean {
  return (
    inventory.objects.some(isRbacObject) || adminGroupObjectIds(clusterOfAllObjects(inventory)).length > 0
  );
}

/**
 * The RBAC engine for a scan: the input's Role/ClusterRole/(Cluster)RoleBinding objects in input order, plus the
 * defaults a real cluster has that the input does not show: the bootstrap ClusterRoles (so a RoleBinding to
 * `edit` means what it means on a cluster) and, for an AKS cluster with Entra admin groups, the
 * `aks-cluster-admin-binding-aad` ClusterRoleBinding.
 */
export function rbacEngineFromInventory(
  inventory: Inventory,
  options: InventoryEngineOptions = {},
): RbacEngine<RbacOrigin> {
  // One pass over the inventory: its RBAC objects, the names of its ClusterRoles and Roles (for the defaults left
  // out below), and whether it has the AKS admin-group binding.
  const objects: RbacOrigin[] = [];
  const declared = new Set<string>();
  const declaredRoles = new Set<string>();
  let hasAadBinding = false;
  for (const object of inventory.objects) {
    if (object.kind === 'ClusterRoleBinding' && object.metadata.name === 'aks-cluster-admin-binding-aad')
      hasAadBinding = true;
    if (!isRbacObject(object)) continue;
    objects.push(object);
    if (object.raw.kind === 'ClusterRole') declared.add(object.metadata.name);
    else if (object.raw.kind === 'Role')
      declaredRoles.add(`${object.namespace ?? ''}\u0000${object.metadata.name}`);
  }
  const defaults: RbacOrigin[] = [];
  if (options.bootstrapRoles !== false) {
    // The controller ClusterRoles and the kube-system / kube-public Roles every API server creates
    // (extension-apiserver-authentication-reader, the leader-locking roles ...): bindings to them are not dangling.
    for (const role of BOOTSTRAP_ROLES) {
      const taken =
        role.kind === 'ClusterRole'
          ? declared.has(role.name)
          : declaredRoles.has(`${role.namespace ?? ''}\u0000${role.name}`);
      if (taken) continue;
      defaults.push({
        raw: {
          apiVersion: RBAC_API,
          kind: role.kind,
          metadata: {
            name: role.name,
            ...(role.namespace ? { namespace: role.namespace } : {}),
            labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
          },
          rules: role.rules,
        },
        builtin: 'bootstrap',
        note: `Kubernetes bootstrap ${role.kind} (not in the input)`,
      });
    }
    for (const role of BOOTSTRAP_CLUSTER_ROLES) {
      if (declared.has(role.name)) continue;
      const raw: Record<string, unknown> = {
        apiVersion: RBAC_API,
        kind: 'ClusterRole',
        metadata: { name: role.name, labels: role.labels ?? {} },
        rules: role.rules,
      };
      if (role.aggregationRule) raw.aggregationRule = role.aggregationRule;
      defaults.push({
        raw,
        builtin: 'bootstrap',
        note: 'Kubernetes bootstrap ClusterRole (not in the input)',
      });
    }
  }
  // The AKS admin-group binding of the cluster the objects run on (model/scope.ts), never of another one.
  const cluster = clusterOfAllObjects(inventory);
  const adminGroups = adminGroupObjectIds(cluster);
  if (adminGroups.length > 0 && !hasAadBinding) {
    defaults.push({
      raw: {
        apiVersion: RBAC_API,
        kind: 'ClusterRoleBinding',
        metadata: { name: 'aks-cluster-admin-binding-aad' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: adminGroups.map((id) => ({
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Group',
          name: id,
        })),
      },
      builtin: 'aks',
      note: `created by AKS from aadProfile.adminGroupObjectIDs of cluster ${cluster!.name}`,
    });
  }
  const engineOptions = options.k8sVersion !== undefined ? { k8sVersion: options.k8sVersion } : {};
  for (const object of defaults) objects.push(object);
  return RbacEngine.fromObjects<RbacOrigin>(objects, engineOptions);
}

function serviceAccountOf(spec: Record<string, unknown>): string {
  const name = spec.serviceAccountName ?? spec.serviceAccount;
  return typeof name === 'string' && name ? name : 'default';
}

/** What the escalation graph needs from the rest of the inventory: ServiceAccounts, running pods, token Secrets, PSA. */
export function escalationContextFromInventory(inventory: Inventory, k8sVersion?: string): EscalationContext {
  const serviceAccounts: ServiceAccountRef[] = [];
  for (const sa of inventory.byKind.get('ServiceAccount') ?? []) {
    if (sa.namespace) serviceAccounts.push({ namespace: sa.namespace, name: sa.metadata.name });
  }
  const workloadServiceAccounts: ServiceAccountRef[] = [];
  for (const template of inventory.podTemplates) {
    const namespace = template.owner.namespace;
    if (namespace) workloadServiceAccounts.push({ namespace, name: serviceAccountOf(template.spec) });
  }
  const tokenSecrets: (ServiceAccountRef & { secret: string })[] = [];
  for (const secret of inventory.byKind.get('Secret') ?? []) {
    const sa = secret.metadata.annotations['kubernetes.io/service-account.name'];
    if (secret.raw.type === 'kubernetes.io/service-account-token' && sa && secret.namespace)
      tokenSecrets.push({ namespace: secret.namespace, name: sa, secret: secret.metadata.name });
  }
  const podSecurityEnforce = new Map<string, string>();
  for (const ns of inventory.namespaces.values()) {
    // Only namespaces whose object is in the input have known labels; others are not evaluated.
    if (ns.object)
      podSecurityEnforce.set(ns.name, ns.labels['pod-security.kubernetes.io/enforce'] ?? 'privileged');
  }
  const context: EscalationContext = {
    serviceAccounts,
    workloadServiceAccounts,
    tokenSecrets,
    podSecurityEnforce,
  };
  if (k8sVersion !== undefined) context.k8sVersion = k8sVersion;
  return context;
}
