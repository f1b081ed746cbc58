// Generated from test/conformance/rbac/data/bootstrap/{cluster-role-bindings,controller-role-bindings,
// namespace-role-bindings,controller-roles,namespace-roles}.yaml (Kubernetes bootstrap policy, Apache-2.0; see
// that folder's PROVENANCE.md); test/conformance/rbac/builtin.test.ts checks it against the YAML.
import { BOOTSTRAP_ROLES } from './bootstrapRoles.js';

export interface BaselineBinding {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  name: string;
  namespace?: string;
  roleRef: { kind: string; name: string };
  subjects: { kind: string; name: string; namespace?: string }[];
}

/** The kube-controller-manager's bindings: `system:controller:<name>` binds its ClusterRole to ServiceAccount kube-system/<name>. */
function controllerBindings(names: readonly string[]): BaselineBinding[] {
  return names.map((name) => ({
    kind: 'ClusterRoleBinding',
    name: `system:controller:${name}`,
    roleRef: { kind: 'ClusterRole', name: `system:controller:${name}` },
    subjects: [{ kind: 'ServiceAccount', name, namespace: 'kube-system' }],
  }));
}

/**
 * The bootstrap bindings, made on first use (memoised): only a scan whose input holds bindings compares them with
 * these, and building the ~100 objects at start-up cost every other scan its share of start-up.
 */

let built: readonly BaselineBinding[] | undefined;

export function bootstrapBindings(): readonly BaselineBinding[] {
  built ??= bindings();
  return built;
}

function bindings(): BaselineBinding[] {
  return [
    {
      kind: 'ClusterRoleBinding',
      name: 'cluster-admin',
      roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'Group', name: 'system:masters' }],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:basic-user',
      roleRef: { kind: 'ClusterRole', name: 'system:basic-user' },
      subjects: [{ kind: 'Group', name: 'system:authenticated' }],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:discovery',
      roleRef: { kind: 'ClusterRole', name: 'system:discovery' },
      subjects: [{ kind: 'Group', name: 'system:authenticated' }],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:kube-controller-manager',
      roleRef: { kind: 'ClusterRole', name: 'system:kube-controller-manager' },
      subjects: [{ kind: 'User', name: 'system:kube-controller-manager' }],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:kube-dns',
      roleRef: { kind: 'ClusterRole', name: 'system:kube-dns' },
      subjects: [{ kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' }],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:kube-scheduler',
      roleRef: { kind: 'ClusterRole', name: 'system:kube-scheduler' },
      subjects: [{ kind: 'User', name: 'system:kube-scheduler' }],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:node',
      roleRef: { kind: 'ClusterRole', name: 'system:node' },
      subjects: [],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:node-proxier',
      roleRef: { kind: 'ClusterRole', name: 'system:node-proxier' },
      subjects: [{ kind: 'User', name: 'system:kube-proxy' }],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:public-info-viewer',
      roleRef: { kind: 'ClusterRole', name: 'system:public-info-viewer' },
      subjects: [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ],
    },
    {
      kind: 'ClusterRoleBinding',
      name: 'system:volume-scheduler',
      roleRef: { kind: 'ClusterRole', name: 'system:volume-scheduler' },
      subjects: [{ kind: 'User', name: 'system:kube-scheduler' }],
    },
    ...controllerBindings([
      'attachdetach-controller',
      'certificate-controller',
      'clusterrole-aggregation-controller',
      'cronjob-controller',
      'daemon-set-controller',
      'deployment-controller',
      'disruption-controller',
      'endpoint-controller',
      'endpointslice-controller',
      'endpointslicemirroring-controller',
      'ephemeral-volume-controller',
      'expand-controller',
      'generic-garbage-collector',
      'horizontal-pod-autoscaler',
      'job-controller',
      'legacy-service-account-token-cleaner',
      'namespace-controller',
      'node-controller',
      'persistent-volume-binder',
      'pod-garbage-collector',
      'pv-protection-controller',
      'pvc-protection-controller',
      'replicaset-controller',
      'replication-controller',
      'resource-claim-controller',
      'resourcequota-controller',
      'root-ca-cert-publisher',
      'route-controller',
      'service-account-controller',
      'service-controller',
      'statefulset-controller',
      'ttl-after-finished-controller',
      'ttl-controller',
    ]),
    {
      kind: 'ClusterRoleBinding',
      name: 'system:controller:validatingadmissionpolicy-status-controller',
      roleRef: { kind: 'ClusterRole', name: 'system:controller:validatingadmissionpolicy-status-controller' },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: 'validatingadmissionpolicy-status-controller',
          namespace: 'kube-system',
        },
      ],
    },
    {
      kind: 'RoleBinding',
      name: 'system:controller:bootstrap-signer',
      namespace: 'kube-public',
      roleRef: { kind: 'Role', name: 'system:controller:bootstrap-signer' },
      subjects: [{ kind: 'ServiceAccount', name: 'bootstrap-signer', namespace: 'kube-system' }],
    },
    {
      kind: 'RoleBinding',
      name: 'system::extension-apiserver-authentication-reader',
      namespace: 'kube-system',
      roleRef: { kind: 'Role', name: 'extension-apiserver-authentication-reader' },
      subjects: [
        { kind: 'User', name: 'system:kube-controller-manager' },
        { kind: 'User', name: 'system:kube-scheduler' },
      ],
    },
    {
      kind: 'RoleBinding',
      name: 'system::leader-locking-kube-controller-manager',
      namespace: 'kube-system',
      roleRef: { kind: 'Role', name: 'system::leader-locking-kube-controller-manager' },
      subjects: [
        { kind: 'User', name: 'system:kube-controller-manager' },
        { kind: 'ServiceAccount', name: 'kube-controller-manager', namespace: 'kube-system' },
        { kind: 'ServiceAccount', name: 'leader-election-controller', namespace: 'kube-system' },
      ],
    },
    {
      kind: 'RoleBinding',
      name: 'system::leader-locking-kube-scheduler',
      namespace: 'kube-system',
      roleRef: { kind: 'Role', name: 'system::leader-locking-kube-scheduler' },
      subjects: [
        { kind: 'User', name: 'system:kube-scheduler' },
        { kind: 'ServiceAccount', name: 'kube-scheduler', namespace: 'kube-system' },
      ],
    },
    {
      kind: 'RoleBinding',
      name: 'system:controller:bootstrap-signer',
      namespace: 'kube-system',
      roleRef: { kind: 'Role', name: 'system:controller:bootstrap-signer' },
      subjects: [{ kind: 'ServiceAccount', name: 'bootstrap-signer', namespace: 'kube-system' }],
    },
    {
      kind: 'RoleBinding',
      name: 'system:controller:cloud-provider',
      namespace: 'kube-system',
      roleRef: { kind: 'Role', name: 'system:controller:cloud-provider' },
      subjects: [{ kind: 'ServiceAccount', name: 'cloud-provider', namespace: 'kube-system' }],
    },
    {
      kind: 'RoleBinding',
      name: 'system:controller:token-cleaner',
      namespace: 'kube-system',
      roleRef: { kind: 'Role', name: 'system:controller:token-cleaner' },
      subjects: [{ kind: 'ServiceAccount', name: 'token-cleaner', namespace: 'kube-system' }],
    },
  ];
}

/** [kind, namespace, name] of the bootstrap controller and namespace roles. */
export const BOOTSTRAP_ROLE_NAMES: readonly (readonly [string, string, string])[] = BOOTSTRAP_ROLES.map(
  (role) => [role.kind, role.namespace ?? '', role.name] as const,
);
