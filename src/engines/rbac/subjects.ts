import type { RbacBinding, Subject, UserInfo } from './types.js';

// Identities as the API server sees them (staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go).

export const SA_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICEACCOUNTS_GROUP = 'system:serviceaccounts';
export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
export const MASTERS_GROUP = 'system:masters';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** Splits `system:serviceaccount:<ns>:<name>`; undefined for any other username (upstream SplitUsername). */
export function splitServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The user a ServiceAccount token authenticates as: its username and groups (+ system:authenticated). */
export function serviceAccountUser(namespace: string, name: string): Required<UserInfo> {
  return {
    name: serviceAccountUsername(namespace, name),
    groups: [ALL_SERVICEACCOUNTS_GROUP, `${ALL_SERVICEACCOUNTS_GROUP}:${namespace}`, AUTHENTICATED_GROUP],
  };
}

/**
 * Index keys under which a binding subject is filed. Mirrors `appliesToUser`: a ServiceAccount subject
 * without namespace takes the binding's namespace (RoleBinding) and matches nobody in a ClusterRoleBinding.
 */
export function subjectKey(subject: Subject, bindingNamespace: string): string | undefined {
  switch (subject.kind) {
    case 'User':
      return `User\u0000${subject.name}`;
    case 'Group':
      return `Group\u0000${subject.name}`;
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      if (!ns) return undefined;
      return `User\u0000${serviceAccountUsername(ns, subject.name)}`;
    }
    default:
      return undefined;
  }
}

/** Keys a user matches: its username and each group. */
export function userKeys(user: UserInfo): string[] {
  const keys = [`User\u0000${user.name}`];
  for (const g of user.groups ?? []) keys.push(`Group\u0000${g}`);
  return keys;
}

/** Index of the first subject of the binding that applies to the user, or -1 (upstream `appliesTo`). */
export function appliesTo(user: UserInfo, binding: RbacBinding, groups?: ReadonlySet<string>): number {
  const ns = binding.namespace ?? '';
  const groupSet = groups ?? new Set(user.groups ?? []);
  for (let i = 0; i < binding.subjects.length; i++) {
    const s = binding.subjects[i]!;
    if (s.kind === 'User' && s.name === user.name) return i;
    if (s.kind === 'Group' && groupSet.has(s.name)) return i;
    if (s.kind === 'ServiceAccount') {
      const saNs = s.namespace || ns;
      if (saNs && user.name === serviceAccountUsername(saNs, s.name)) return i;
    }
  }
  return -1;
}

/** `describeSubject`: ServiceAccounts print as `name/namespace` (namespace defaulted to the binding's). */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    return `${subject.kind} "${subject.name}/${subject.namespace || bindingNamespace}"`;
  }
  return `${subject.kind} "${subject.name}"`;
}

/** `ClusterRoleBinding "x" of ClusterRole "y" to User "z"` / `RoleBinding "x/ns" of Role "y" to ...`. */
export function describeGrant(binding: RbacBinding, subjectIndex: number): string {
  const ns = binding.namespace ?? '';
  const subject = binding.subjects[subjectIndex]!;
  const who = binding.kind === 'ClusterRoleBinding' ? `"${binding.name}"` : `"${binding.name}/${ns}"`;
  return `${binding.kind} ${who} of ${binding.roleRef.kind} "${binding.roleRef.name}" to ${describeSubject(subject, ns)}`;
}
