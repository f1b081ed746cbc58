import type { EscalationContext, ServiceAccountRef } from '../../src/engines/rbac/escalation.js';
import type { AccessRequest } from '../../src/engines/rbac/types.js';

// A deterministic synthetic cluster for the RBAC benchmark: a realistic mix of ClusterRoles and namespaced Roles,
// ClusterRoleBindings and RoleBindings to users, groups and ServiceAccounts, including some powerful grants.

type Raw = Record<string, unknown>;

/** Small deterministic PRNG (mulberry32), so every run measures the same input (also the webhook's arrivals). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESOURCES: [string, string][] = [
  ['', 'pods'],
  ['', 'pods/log'],
  ['', 'pods/exec'],
  ['', 'secrets'],
  ['', 'configmaps'],
  ['', 'services'],
  ['', 'serviceaccounts'],
  ['', 'serviceaccounts/token'],
  ['apps', 'deployments'],
  ['apps', 'statefulsets'],
  ['batch', 'jobs'],
  ['networking.k8s.io', 'ingresses'],
  ['rbac.authorization.k8s.io', 'rolebindings'],
  ['example.com', 'widgets'],
];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

export interface SyntheticSpec {
  roles: number;
  bindings: number;
  subjects: number;
  namespaces: number;
}

export function syntheticRbac(spec: SyntheticSpec, seed = 6) {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const ns = (i: number) => `team-${i % spec.namespaces}`;
  const objects: { raw: Raw }[] = [];
  const ruleOf = () => {
    const [group, resource] = pick(RESOURCES);
    const verbs = VERBS.filter(() => rnd() < 0.35);
    return {
      apiGroups: [rnd() < 0.02 ? '*' : group],
      resources: [rnd() < 0.02 ? '*' : resource],
      verbs: verbs.length ? verbs : ['get'],
      ...(rnd() < 0.1 ? { resourceNames: [`obj-${Math.floor(rnd() * 50)}`] } : {}),
    };
  };
  const clusterRoles = Math.floor(spec.roles * 0.2);
  objects.push({
    raw: {
      kind: 'ClusterRole',
      metadata: { name: 'cluster-admin' },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
    },
  });
  for (let i = 1; i < clusterRoles; i++) {
    const rules = Array.from({ length: 1 + Math.floor(rnd() * 4) }, ruleOf);
    objects.push({ raw: { kind: 'ClusterRole', metadata: { name: `cr-${i}` }, rules } });
  }
  for (let i = clusterRoles; i < spec.roles; i++) {
    const rules = Array.from({ length: 1 + Math.floor(rnd() * 4) }, ruleOf);
    objects.push({ raw: { kind: 'Role', metadata: { name: `role-${i}`, namespace: ns(i) }, rules } });
  }
  const users = Math.floor(spec.subjects * 0.4);
  const groups = Math.floor(spec.subjects * 0.1);
  const sas = spec.subjects - users - groups;
  const subject = () => {
    const r = rnd();
    if (r < 0.4) return { kind: 'User', name: `user-${Math.floor(rnd() * users)}@contoso.com` };
    if (r < 0.5) return { kind: 'Group', name: `group-${Math.floor(rnd() * groups)}` };
    const i = Math.floor(rnd() * sas);
    return { kind: 'ServiceAccount', name: `sa-${i}`, namespace: ns(i) };
  };
  const serviceAccounts: ServiceAccountRef[] = [];
  for (let i = 0; i < sas; i++) serviceAccounts.push({ namespace: ns(i), name: `sa-${i}` });
  const clusterBindings = Math.floor(spec.bindings * 0.1);
  for (let i = 0; i < spec.bindings; i++) {
    const subjects = Array.from({ length: 1 + Math.floor(rnd() * 2) }, subject);
    if (i < clusterBindings) {
      const roleName = rnd() < 0.001 ? 'cluster-admin' : `cr-${1 + Math.floor(rnd() * (clusterRoles - 1))}`;
      objects.push({
        raw: {
          kind: 'ClusterRoleBinding',
          metadata: { name: `crb-${i}` },
          roleRef: { kind: 'ClusterRole', name: roleName },
          subjects,
        },
      });
    } else {
      const roleIndex = clusterRoles + Math.floor(rnd() * (spec.roles - clusterRoles));
      const useClusterRole = rnd() < 0.3;
      const namespace = useClusterRole ? ns(Math.floor(rnd() * spec.namespaces)) : ns(roleIndex);
      const roleRef = useClusterRole
        ? { kind: 'ClusterRole', name: `cr-${1 + Math.floor(rnd() * (clusterRoles - 1))}` }
        : { kind: 'Role', name: `role-${roleIndex}` };
      objects.push({
        raw: { kind: 'RoleBinding', metadata: { name: `rb-${i}`, namespace }, roleRef, subjects },
      });
    }
  }
  const context: EscalationContext = {
    serviceAccounts,
    workloadServiceAccounts: serviceAccounts.filter((_, i) => i % 3 === 0),
    tokenSecrets: serviceAccounts
      .filter((_, i) => i % 50 === 0)
      .map((s) => ({ ...s, secret: `${s.name}-token` })),
    podSecurityEnforce: new Map(
      Array.from({ length: spec.namespaces }, (_, i) => [ns(i), i % 4 === 0 ? 'privileged' : 'baseline']),
    ),
  };
  const randomRequest = (i: number): AccessRequest & { user: string; groups: string[] } => {
    const [apiGroup, combined] = pick(RESOURCES);
    const [resource, subresource] = combined.split('/') as [string, string | undefined];
    const s = subject();
    const user =
      s.kind === 'ServiceAccount'
        ? `system:serviceaccount:${s.namespace}:${s.name}`
        : s.kind === 'User'
          ? s.name
          : `member-${i}`;
    const groupsOf = s.kind === 'Group' ? [s.name, 'system:authenticated'] : ['system:authenticated'];
    return {
      user,
      groups: groupsOf,
      verb: pick(VERBS),
      apiGroup,
      resource,
      ...(subresource ? { subresource } : {}),
      namespace: rnd() < 0.1 ? '' : ns(Math.floor(rnd() * spec.namespaces)),
    };
  };
  return { objects, context, randomRequest };
}
