import { RbacEngine, type RbacEngineOptions } from './engine.js';

// Small builders for the engine's tests: plain objects shaped like the manifests.

type Raw = Record<string, unknown>;

export interface RuleSpec {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export function clusterRole(name: string, rules: RuleSpec[] | null, extra: Raw = {}): Raw {
  const { labels, ...rest } = extra as { labels?: Record<string, string> };
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels },
    rules,
    ...rest,
  };
}

export function role(namespace: string, name: string, rules: RuleSpec[]): Raw {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules };
}

export type SubjectSpec = {
  kind: 'User' | 'Group' | 'ServiceAccount' | string;
  name: string;
  namespace?: string;
};

export function clusterRoleBinding(name: string, roleName: string, subjects: SubjectSpec[]): Raw {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects,
  };
}

export function roleBinding(
  namespace: string,
  name: string,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: SubjectSpec[],
): Raw {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

export const user = (name: string): SubjectSpec => ({ kind: 'User', name });
export const group = (name: string): SubjectSpec => ({ kind: 'Group', name });
export const sa = (namespace: string | undefined, name: string): SubjectSpec =>
  namespace === undefined ? { kind: 'ServiceAccount', name } : { kind: 'ServiceAccount', name, namespace };

export function engineOf(objects: Raw[], options: RbacEngineOptions = {}): RbacEngine<{ raw: Raw }> {
  return RbacEngine.fromObjects(
    objects.map((raw) => ({ raw })),
    options,
  );
}
