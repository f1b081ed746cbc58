import { ruleKey } from './aggregate.js';
import { type BaselineBinding, BOOTSTRAP_BINDINGS } from './bootstrapBindings.js';
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

const BASELINE_BY_NAME = new Map<string, BaselineBinding[]>();
for (const b of [...BOOTSTRAP_BINDINGS, ...AKS_BINDINGS]) {
  const list = BASELINE_BY_NAME.get(b.name) ?? [];
  list.push(b);
  BASELINE_BY_NAME.set(b.name, list);
}

export function isBaselineBinding(binding: RbacBinding): boolean {
  return (BASELINE_BY_NAME.get(binding.name) ?? []).some(
    (b) => b.kind === binding.kind && bindingMatches(binding, b),
  );
}

const CLUSTER_ROLE_RULES = new Map(
  BOOTSTRAP_CLUSTER_ROLES.map((r) => [
    r.name,
    (r.rules ?? []).map((rule) => ruleKey(normalizeRule(rule))).join('\n'),
  ]),
);
const OTHER_ROLE_RULES = new Map(
  BOOTSTRAP_ROLES.map((r) => [
    `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`,
    r.rules.map((rule) => ruleKey(normalizeRule(rule))).join('\n'),
  ]),
);

/**
 * A bootstrap role as the cluster ships it: a known name with the `kubernetes.io/bootstrapping: rbac-defaults`
 * label and the same declared rules.
 */
export function isBaselineRole(role: RbacRole): boolean {
  if (role.labels['kubernetes.io/bootstrapping'] !== 'rbac-defaults') return false;
  const declared = role.declaredRules.map(ruleKey).join('\n');
  if (role.kind === 'ClusterRole' && CLUSTER_ROLE_RULES.has(role.name))
    return CLUSTER_ROLE_RULES.get(role.name) === declared;
  return OTHER_ROLE_RULES.get(`${role.kind}\u0000${role.namespace ?? ''}\u0000${role.name}`) === declared;
}
