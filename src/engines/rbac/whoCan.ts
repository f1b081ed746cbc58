import type { RbacEngine } from './engine.js';
import { rulesAllow } from './match.js';
import type { AccessRequest, GrantChain, RbacBinding, RbacRole } from './types.js';

export interface WhoCanOptions {
  /** Also look at the RoleBindings of every namespace (kubectl who-can `-A`). */
  allNamespaces?: boolean;
}

/** One way a subject holds the permission. */
export interface WhoCanVia<O = unknown> extends GrantChain<O> {
  /** Namespace the grant is valid in; undefined = cluster-wide. */
  scope?: string;
}

export interface WhoCanSubject<O = unknown> {
  kind: string;
  name: string;
  /** ServiceAccounts: the effective namespace (defaulted to the binding's, as upstream). */
  namespace?: string;
  /** `privileged` for groups that bypass RBAC (system:masters). */
  privileged?: boolean;
  via: WhoCanVia<O>[];
}

export function subjectIdentity(kind: string, name: string, namespace?: string): string {
  return kind === 'ServiceAccount' ? `${kind}\u0000${namespace ?? ''}\u0000${name}` : `${kind}\u0000${name}`;
}

/**
 * Reference who-can (subject_locator.go `AllowedSubjects`): the privileged groups first, then the subjects of
 * every ClusterRoleBinding whose role allows the request, then those of matching RoleBindings of the request's
 * namespace (every namespace with `allNamespaces`). Unlike upstream, subjects are de-duplicated and each
 * carries all its grant chains. Cost: one pass over the roles plus the candidate bindings.
 */
export function whoCan<O>(
  engine: RbacEngine<O>,
  request: AccessRequest,
  options: WhoCanOptions = {},
): WhoCanSubject<O>[] {
  const subjects = new Map<string, WhoCanSubject<O>>();
  for (const group of engine.privilegedGroups) {
    subjects.set(subjectIdentity('Group', group), { kind: 'Group', name: group, privileged: true, via: [] });
  }
  const ruleIndexOf = new Map<RbacRole<O>, number>();
  const allows = (role: RbacRole<O>) => {
    let i = ruleIndexOf.get(role);
    if (i === undefined) {
      i = rulesAllow(role.rules, request);
      ruleIndexOf.set(role, i);
    }
    return i;
  };
  const add = (binding: RbacBinding<O>, scope: string | undefined) => {
    const { role } = engine.resolve(binding);
    if (!role) return;
    const ruleIndex = allows(role);
    if (ruleIndex < 0) return;
    binding.subjects.forEach((s, subjectIndex) => {
      const namespace = s.kind === 'ServiceAccount' ? s.namespace || binding.namespace || '' : undefined;
      // A ServiceAccount subject without namespace in a ClusterRoleBinding matches nobody.
      if (namespace === '') return;
      const id = subjectIdentity(s.kind, s.name, namespace);
      let entry = subjects.get(id);
      if (!entry) {
        entry = { kind: s.kind, name: s.name, via: [] };
        if (namespace !== undefined) entry.namespace = namespace;
        subjects.set(id, entry);
      }
      const via: WhoCanVia<O> = { binding, role, ruleIndex, rule: role.rules[ruleIndex]!, subjectIndex };
      if (scope !== undefined) via.scope = scope;
      entry.via.push(via);
    });
  };
  for (const binding of engine.clusterRoleBindings) add(binding, undefined);
  const namespace = request.path === undefined ? (request.namespace ?? '') : '';
  if (options.allNamespaces && request.path === undefined) {
    for (const [ns, bindings] of engine.roleBindingsByNamespace) for (const b of bindings) add(b, ns);
  } else if (namespace) {
    for (const b of engine.roleBindingsByNamespace.get(namespace) ?? []) add(b, namespace);
  }
  return [...subjects.values()];
}
