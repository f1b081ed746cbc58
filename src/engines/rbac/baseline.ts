import { ruleKey } from './aggregate.js';
import { type BaselineBinding, bootstrapBindings } from './bootstrapBindings.js';
import { BOOTSTRAP_CLUSTER_ROLES } from './bootstrapClusterRoles.js';
import { BOOTSTRAP_ROLES } from './bootstrapRoles.js';
import { normalizeRule } from './normalize.js';
import type { RbacBinding, RbacRole, Subject } from './types.js';

// Noise control (rbac.md §5): objects every cluster has are a baseline, reported only when changed.
// A binding is baseline when its name, roleRef and exact subject set equal a known default.

/** Defaults AKS installs (csi drivers: kubernetes-sigs/azuredisk-csi-driver, azurefile-csi-driver `deploy/`). */
export const AKS_BINDINGS: readonly BaselineBinding[] = [
  {
    kind: 'ClusterRoleBinding',
    name: 'csi-azuredisk-node-secret-binding',
    roleRef: { kind: 'ClusterRole', name: 'csi-azuredisk-node-role' },
    subjects: [{ kind: 'ServiceAccount', name: 'csi-azuredisk-node-sa', namespace: 'kube-system' }],
  },
  {
    kind: 'ClusterRoleBinding',
    name: 'csi-azurefile-node-secret-binding',
    roleRef: { kind: 'ClusterRole', name: 'csi-azurefile-node-secret-role' },
    subjects: [{ kind: 'ServiceAccount', name: 'csi-azurefile-node-sa', namespace: 'kube-system' }],
  },
  {
    kind: 'ClusterRoleBinding',
    name: 'csi-azurefile-node-katacc-binding',
    roleRef: { kind: 'ClusterRole', name: 'csi-azurefile-node-katacc-role' },
    subjects: [{ kind: 'ServiceAccount', name: 'csi-azurefile-node-sa', namespace: 'kube-system' }],
  },
];

export interface BindingException {
  /** Binding name, namespace (RoleBindings), roleRef and the exact subject set: any change re-opens the finding. */
  name: string;
  namespace?: string;
  roleRef: { kind: string; name: string };
  subjects: { kind: string; name: string; namespace?: string }[];
}

function subjectSet(
  subjects: readonly Subject[] | BaselineBinding['subjects'],
  bindingNamespace: string,
): string {
  return subjects
    .map(
      (s) =>
        `${s.kind}\u0000${s.name}\u0000${s.kind === 'ServiceAccount' ? s.namespace || bindingNamespace : ''}`,
    )
    .sort()
    .join('\n');
}

/** Whether a binding equals a pinned entry: same name, namespace, roleRef and subject set. */
export function bindingMatches(binding: RbacBinding, pinned: BindingException | BaselineBinding): boolean {
  const ns = binding.namespace ?? '';
  return (
    binding.name === pinned.name &&
    ns === (pinned.namespace ?? '') &&
    binding.roleRef.kind === pinned.roleRef.kind &&
    binding.roleRef.name === pinned.roleRef.name &&
    subjectSet(binding.subjects, ns) === subjectSet(pinned.subjects, ns)
  );
}

// The baseline's tables are made on the first question, not at start-up: a scan of manifests without RBAC objects
// never asks.
let baselineByName: Map<string, BaselineBinding[]> | undefined;

function baselineBindingsByName(): Map<string, BaselineBinding[]> {
  if (baselineByName === undefined) {
    baselineByName = new Map();
    for (const b of [...bootstrapBindings(), ...AKS_BINDINGS]) {
      const list = baselineByName.get(b.name) ?? [];
      list.push(b);
      baselineByName.set(b.name, list);
    }
  }
  return baselineByName;
}

export function isBaselineBinding(binding: RbacBinding): boolean {
  return (baselineBindingsByName().get(binding.name) ?? []).some(
    (b) => b.kind === binding.kind && bindingMatches(binding, b),
  );
}

let bootstrapRoleRules: { cluster: Map<string, string>; other: Map<string, string> } | undefined;

/** The declared rules of each bootstrap ClusterRole (by name) and Role (by kind, namespace, name), as rule keys. */
function bootstrapRules(): { cluster: Map<string, string>; other: Map<string, string> } {
  bootstrapRoleRules ??= {
    cluster: new Map(
      BOOTSTRAP_CLUSTER_ROLES.map((r) => [
        r.name,
        (r.rules ?? []).map((rule) => ruleKey(normalizeRule(rule))).join('\n'),
      ]),
    ),
    other: new Map(
      BOOTSTRAP_ROLES.map((r) => [
        `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`,
        r.rules.map((rule) => ruleKey(normalizeRule(rule))).join('\n'),
      ]),
    ),
  };
  return bootstrapRoleRules;
}

/**
 * A bootstrap role as the cluster ships it: a known name with the `kubernetes.io/bootstrapping: rbac-defaults`
 * label and the same declared rules.
 */
export function isBaselineRole(role: RbacRole): boolean {
  if (role.labels['kubernetes.io/bootstrapping'] !== 'rbac-defaults') return false;
  const declared = role.declaredRules.map(ruleKey).join('\n');
  const { cluster, other } = bootstrapRules();
  if (role.kind === 'ClusterRole' && cluster.has(role.name)) return cluster.get(role.name) === declared;
  return other.get(`${role.kind}\u0000${role.namespace ?? ''}\u0000${role.name}`) === declared;
}
