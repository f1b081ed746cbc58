import type { RbacEngine } from './engine.js';
import type { GrantChain, PolicyRule, UserInfo } from './types.js';

export interface ScopedRules<O = unknown> {
  /** Namespace the rules apply in; undefined = cluster-wide (ClusterRoleBindings). */
  namespace?: string;
  grants: GrantChain<O>[];
}

export interface EffectivePermissions<O = unknown> {
  user: UserInfo;
  privileged: boolean;
  /** Cluster-wide grants first, then one entry per namespace with RoleBindings for the user. */
  scopes: ScopedRules<O>[];
  errors: string[];
}

/** Every rule a user holds, grouped by the scope it is valid in, each with its binding → role → rule chain. */
export function permissions<O>(engine: RbacEngine<O>, user: UserInfo): EffectivePermissions<O> {
  const errors: string[] = [];
  const chains = (applied: ReturnType<RbacEngine<O>['clusterBindingsFor']>) => {
    const grants: GrantChain<O>[] = [];
    for (const { binding, subjectIndex } of applied) {
      const { role, error } = engine.resolve(binding);
      if (!role) {
        errors.push(error!);
        continue;
      }
      role.rules.forEach((rule, ruleIndex) => {
        grants.push({ binding, role, rule, ruleIndex, subjectIndex });
      });
    }
    return grants;
  };
  const scopes: ScopedRules<O>[] = [{ grants: chains(engine.clusterBindingsFor(user)) }];
  const byNamespace = new Map<string, ReturnType<RbacEngine<O>['clusterBindingsFor']>>();
  for (const applied of engine.allNamespaceBindingsFor(user)) {
    const ns = applied.binding.namespace ?? '';
    const list = byNamespace.get(ns);
    if (list) list.push(applied);
    else byNamespace.set(ns, [applied]);
  }
  for (const ns of [...byNamespace.keys()].sort())
    scopes.push({ namespace: ns, grants: chains(byNamespace.get(ns)!) });
  return { user, privileged: engine.isPrivileged(user), scopes, errors };
}

/** rakkess' verb columns. */
export const MATRIX_VERBS = [
  'create',
  'get',
  'list',
  'watch',
  'update',
  'patch',
  'delete',
  'deletecollection',
] as const;

/** Resources shown in every matrix (group, resource), besides those named by the user's own rules. */
export const MATRIX_RESOURCES: readonly (readonly [string, string])[] = [
  ['', 'pods'],
  ['', 'pods/exec'],
  ['', 'pods/attach'],
  ['', 'pods/portforward'],
  ['', 'pods/log'],
  ['', 'secrets'],
  ['', 'configmaps'],
  ['', 'serviceaccounts'],
  ['', 'serviceaccounts/token'],
  ['', 'services'],
  ['', 'namespaces'],
  ['', 'nodes'],
  ['', 'nodes/proxy'],
  ['', 'persistentvolumes'],
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['rbac.authorization.k8s.io', 'roles'],
  ['rbac.authorization.k8s.io', 'rolebindings'],
  ['rbac.authorization.k8s.io', 'clusterroles'],
  ['rbac.authorization.k8s.io', 'clusterrolebindings'],
  ['networking.k8s.io', 'networkpolicies'],
  ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations'],
  ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'],
  ['certificates.k8s.io', 'certificatesigningrequests'],
];

export interface MatrixRow {
  apiGroup: string;
  resource: string;
  verbs: Record<string, boolean>;
}

/**
 * A rakkess-style access matrix: for each resource, which verbs the user may use in `namespace`
 * (`''` = cluster scope). Each cell is an `authorize` call, so it is exact by construction.
 */
export function accessMatrix<O>(engine: RbacEngine<O>, user: UserInfo, namespace: string): MatrixRow[] {
  const resources = new Map<string, readonly [string, string]>();
  for (const r of MATRIX_RESOURCES) resources.set(`${r[0]}\u0000${r[1]}`, r);
  const scopes = permissions(engine, user).scopes.filter(
    (s) => s.namespace === undefined || s.namespace === namespace,
  );
  for (const scope of scopes) for (const grant of scope.grants) addNamed(resources, grant.rule);
  const rows: MatrixRow[] = [];
  for (const [apiGroup, combined] of [...resources.values()].sort((a, b) =>
    a[1] + a[0] < b[1] + b[0] ? -1 : 1,
  )) {
    const [resource, subresource] = combined.split('/', 2) as [string, string | undefined];
    const verbs: Record<string, boolean> = {};
    for (const verb of MATRIX_VERBS) {
      const request = { user: user.name, groups: user.groups ?? [], verb, apiGroup, resource, namespace };
      verbs[verb] = engine.authorize(subresource ? { ...request, subresource } : request).allowed;
    }
    rows.push({ apiGroup, resource: combined, verbs });
  }
  return rows;
}

function addNamed(resources: Map<string, readonly [string, string]>, rule: PolicyRule): void {
  for (const group of rule.apiGroups) {
    if (group === '*') continue;
    for (const resource of rule.resources) {
      if (resource.includes('*')) continue;
      resources.set(`${group}\u0000${resource}`, [group, resource]);
    }
  }
}
