import { applyAggregation } from './aggregate.js';
import { rulesAllow } from './match.js';
import { normalizeObjects, type RbacInputObject } from './normalize.js';
import { appliesTo, describeGrant, MASTERS_GROUP, subjectKey, userKeys } from './subjects.js';
import type {
  AccessRequest,
  AuthorizeRequest,
  Decision,
  GrantChain,
  PolicyRule,
  RbacBinding,
  RbacIssue,
  RbacRole,
  UserInfo,
} from './types.js';

export interface RbacEngineOptions {
  /** Groups whose members bypass RBAC entirely (the API server's privileged group). */
  privilegedGroups?: readonly string[];
  /** Cluster version (`1.34`, `v1.35.2`), for version-dependent behaviour; undefined = latest. */
  k8sVersion?: string;
}

export interface RoleResolution<O> {
  role?: RbacRole<O>;
  error?: string;
}

/** A binding with the index of the subject that made it apply. */
export interface AppliedBinding<O> {
  binding: RbacBinding<O>;
  subjectIndex: number;
}

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function roleKeyOf(kind: string, name: string, namespace?: string): string {
  return kind === 'ClusterRole' ? `ClusterRole\u0000${name}` : `Role\u0000${namespace ?? ''}\u0000${name}`;
}

/**
 * The Kubernetes RBAC authorizer over a fixed set of RBAC objects, indexed by subject, namespace and role.
 * Decisions follow plugin/pkg/auth/authorizer/rbac/rbac.go: ClusterRoleBindings first, then the
 * RoleBindings of the request's namespace, first allowing rule wins; there is no deny.
 */
export class RbacEngine<O = unknown> {
  readonly roles: readonly RbacRole<O>[];
  readonly bindings: readonly RbacBinding<O>[];
  readonly issues: readonly RbacIssue<O>[];
  readonly options: RbacEngineOptions;
  readonly privilegedGroups: ReadonlySet<string>;
  /** ClusterRoles by name, Roles by namespace then name: no key strings made per lookup. */
  private readonly clusterRoleByName = new Map<string, RbacRole<O>>();
  private readonly roleByNamespace = new Map<string, Map<string, RbacRole<O>>>();
  private readonly rolesByNamespace = new Map<string, RbacRole<O>[]>();
  private readonly resolved = new Map<RbacBinding<O>, RoleResolution<O>>();
  /** The subject and role-reference indexes, each built on its first use (a scan asks few of them). */
  private crbIndex?: Map<string, RbacBinding<O>[]>;
  private rbIndex?: Map<string, RbacBinding<O>[]>;
  private rbByNamespaceIndex?: Map<string, Map<string, RbacBinding<O>[]>>;
  private bindingsByRoleIndex?: Map<string, RbacBinding<O>[]>;
  readonly clusterRoleBindings: readonly RbacBinding<O>[];
  readonly roleBindingsByNamespace: ReadonlyMap<string, readonly RbacBinding<O>[]>;

  constructor(
    roles: RbacRole<O>[],
    bindings: RbacBinding<O>[],
    issues: RbacIssue<O>[],
    options: RbacEngineOptions = {},
  ) {
    this.options = options;
    this.privilegedGroups = new Set(options.privilegedGroups ?? [MASTERS_GROUP]);
    applyAggregation(roles.filter((r) => r.kind === 'ClusterRole'));
    this.roles = roles;
    this.bindings = [...bindings].sort(byOrder);
    this.issues = issues;
    for (const role of roles) {
      // Two objects with the same identity: the later one wins, as a later `kubectl apply` would.
      if (role.kind === 'ClusterRole') this.clusterRoleByName.set(role.name, role);
      else if (role.kind === 'Role') {
        const namespace = role.namespace ?? '';
        let byName = this.roleByNamespace.get(namespace);
        if (byName === undefined) {
          byName = new Map();
          this.roleByNamespace.set(namespace, byName);
        }
        byName.set(role.name, role);
        pushTo(this.rolesByNamespace, namespace, role);
      }
    }
    const crbs: RbacBinding<O>[] = [];
    const rbsByNs = new Map<string, RbacBinding<O>[]>();
    for (const binding of this.bindings) {
      if (binding.kind === 'ClusterRoleBinding') crbs.push(binding);
      else pushTo(rbsByNs, binding.namespace ?? '', binding);
    }
    this.clusterRoleBindings = crbs;
    this.roleBindingsByNamespace = rbsByNs;
  }

  /**
   * Bindings by the index key of each subject (`subjectKey`), each binding once per key, in visiting order:
   * ClusterRoleBindings (a ServiceAccount subject without namespace matches nobody there), or RoleBindings.
   */
  private subjectIndex(bindings: Iterable<RbacBinding<O>>, cluster: boolean): Map<string, RbacBinding<O>[]> {
    const index = new Map<string, RbacBinding<O>[]>();
    for (const binding of bindings) {
      const ns = cluster ? '' : (binding.namespace ?? '');
      const subjects = binding.subjects;
      if (subjects.length === 1) {
        const key = subjectKey(subjects[0]!, ns);
        if (key !== undefined) pushTo(index, key, binding);
        continue;
      }
      // A key named twice in one binding is filed once.
      const seen = new Set<string>();
      for (const subject of subjects) {
        const key = subjectKey(subject, ns);
        if (key === undefined || seen.has(key)) continue;
        seen.add(key);
        pushTo(index, key, binding);
      }
    }
    return index;
  }

  private get crbByKey(): Map<string, RbacBinding<O>[]> {
    this.crbIndex ??= this.subjectIndex(this.clusterRoleBindings, true);
    return this.crbIndex;
  }

  private roleBindings(): Iterable<RbacBinding<O>> {
    return this.bindings.filter((binding) => binding.kind !== 'ClusterRoleBinding');
  }

  private get rbByKey(): Map<string, RbacBinding<O>[]> {
    this.rbIndex ??= this.subjectIndex(this.roleBindings(), false);
    return this.rbIndex;
  }

  /** RoleBindings of one namespace by subject key. */
  private roleBindingsOf(namespace: string): Map<string, RbacBinding<O>[]> | undefined {
    if (this.rbByNamespaceIndex === undefined) {
      this.rbByNamespaceIndex = new Map();
      for (const [ns, bindings] of this.roleBindingsByNamespace)
        this.rbByNamespaceIndex.set(ns, this.subjectIndex(bindings, false));
    }
    return this.rbByNamespaceIndex.get(namespace);
  }

  static fromObjects<O extends RbacInputObject>(
    objects: readonly O[],
    options: RbacEngineOptions = {},
  ): RbacEngine<O> {
    const { roles, bindings, issues } = normalizeObjects(objects);
    return new RbacEngine<O>(roles, bindings, issues, options);
  }

  roleKeyOfBinding(binding: RbacBinding<O>): string {
    return roleKeyOf(binding.roleRef.kind, binding.roleRef.name, binding.namespace);
  }

  getRole(kind: string, name: string, namespace?: string): RbacRole<O> | undefined {
    if (kind === 'ClusterRole') return this.clusterRoleByName.get(name);
    // roleKeyOf files every other kind as a Role of the namespace.
    return this.roleByNamespace.get(namespace ?? '')?.get(name);
  }

  /** `GetRoleReferenceRules`: Role in the binding's namespace, or ClusterRole; error texts as upstream. */
  resolve(binding: RbacBinding<O>): RoleResolution<O> {
    let result = this.resolved.get(binding);
    if (!result) {
      result = this.resolveUncached(binding);
      this.resolved.set(binding, result);
    }
    return result;
  }

  /** Roles (namespaced) of one namespace. */
  rolesIn(namespace: string): readonly RbacRole<O>[] {
    return this.rolesByNamespace.get(namespace) ?? [];
  }

  /** The role `resolve` finds, without its error nor a cached resolution (for a pass over every binding once). */
  roleOf(binding: RbacBinding<O>): RbacRole<O> | undefined {
    const ref = binding.roleRef;
    if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') return undefined;
    return this.getRole(ref.kind, ref.name, binding.namespace);
  }

  private resolveUncached(binding: RbacBinding<O>): RoleResolution<O> {
    const ref = binding.roleRef;
    if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole')
      return { error: `unsupported role reference kind: "${ref.kind}"` };
    const role = this.roleOf(binding);
    if (role) return { role };
    const resource = ref.kind === 'Role' ? 'roles' : 'clusterroles';
    return { error: `${resource}.rbac.authorization.k8s.io "${ref.name}" not found` };
  }

  /** ClusterRoleBindings that apply to the user, in visiting order. */
  clusterBindingsFor(user: UserInfo): AppliedBinding<O>[] {
    return this.applied(
      user,
      userKeys(user).map((k) => this.crbByKey.get(k)),
    );
  }

  /** RoleBindings of `namespace` that apply to the user, in visiting order. */
  namespaceBindingsFor(user: UserInfo, namespace: string): AppliedBinding<O>[] {
    return this.applied(
      user,
      userKeys(user).map((k) => this.roleBindingsOf(namespace)?.get(k)),
    );
  }

  /** RoleBindings of every namespace that apply to the user. */
  allNamespaceBindingsFor(user: UserInfo): AppliedBinding<O>[] {
    return this.applied(
      user,
      userKeys(user).map((k) => this.rbByKey.get(k)),
    );
  }

  private applied(user: UserInfo, lists: (RbacBinding<O>[] | undefined)[]): AppliedBinding<O>[] {
    const present = lists.filter((l): l is RbacBinding<O>[] => l !== undefined);
    let candidates: RbacBinding<O>[];
    if (present.length === 0) return [];
    if (present.length === 1) candidates = present[0]!;
    else candidates = [...new Set(present.flat())].sort(byOrder);
    const groups = new Set(user.groups ?? []);
    const out: AppliedBinding<O>[] = [];
    for (const binding of candidates) {
      const subjectIndex = appliesTo(user, binding as RbacBinding, groups);
      if (subjectIndex >= 0) out.push({ binding, subjectIndex });
    }
    return out;
  }

  isPrivileged(user: UserInfo): boolean {
    return (user.groups ?? []).some((g) => this.privilegedGroups.has(g));
  }

  authorize(request: AuthorizeRequest): Decision<O> {
    const user: UserInfo = { name: request.user, groups: request.groups ?? [] };
    if (this.isPrivileged(user)) {
      const group = (user.groups ?? []).find((g) => this.privilegedGroups.has(g))!;
      return { allowed: true, reason: `allowed by privileged group "${group}" (bypasses RBAC)`, errors: [] };
    }
    return this.authorizeRbac(user, request);
  }

  /** The RBAC authorizer alone (no privileged-group bypass). */
  authorizeRbac(user: UserInfo, request: AccessRequest): Decision<O> {
    const errors: string[] = [];
    const visit = (applied: AppliedBinding<O>[]): GrantChain<O> | undefined => {
      for (const { binding, subjectIndex } of applied) {
        const { role, error } = this.resolve(binding);
        if (!role) {
          errors.push(error!);
          continue;
        }
        const ruleIndex = rulesAllow(role.rules, request);
        if (ruleIndex >= 0) return { binding, role, ruleIndex, rule: role.rules[ruleIndex]!, subjectIndex };
      }
      return undefined;
    };
    let grant = visit(this.clusterBindingsFor(user));
    const namespace = request.path === undefined ? (request.namespace ?? '') : '';
    if (!grant && namespace.length > 0) grant = visit(this.namespaceBindingsFor(user, namespace));
    if (grant) {
      return {
        allowed: true,
        reason: `RBAC: allowed by ${describeGrant(grant.binding as RbacBinding, grant.subjectIndex)}`,
        grant,
        errors,
      };
    }
    const reason =
      errors.length === 0 ? '' : `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`;
    return { allowed: false, reason, errors };
  }

  /** `RulesFor(user, namespace)`: the union of rules visited (cluster grants, then the namespace's). */
  rulesFor(
    user: UserInfo,
    namespace: string,
  ): { rules: PolicyRule[]; grants: GrantChain<O>[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const grants: GrantChain<O>[] = [];
    const errors: string[] = [];
    const visit = (applied: AppliedBinding<O>[]) => {
      for (const { binding, subjectIndex } of applied) {
        const { role, error } = this.resolve(binding);
        if (!role) {
          errors.push(error!);
          continue;
        }
        role.rules.forEach((rule, ruleIndex) => {
          rules.push(rule);
          grants.push({ binding, role, rule, ruleIndex, subjectIndex });
        });
      }
    };
    visit(this.clusterBindingsFor(user));
    if (namespace) visit(this.namespaceBindingsFor(user, namespace));
    return { rules, grants, errors };
  }

  bindingsOfRole(kind: string, name: string, namespace?: string): readonly RbacBinding<O>[] {
    if (this.bindingsByRoleIndex === undefined) {
      this.bindingsByRoleIndex = new Map();
      for (const binding of this.bindings)
        pushTo(this.bindingsByRoleIndex, this.roleKeyOfBinding(binding), binding);
    }
    return this.bindingsByRoleIndex.get(roleKeyOf(kind, name, namespace)) ?? [];
  }

  /** Namespaces in which at least one RoleBinding exists. */
  namespacesWithBindings(): string[] {
    return [...this.roleBindingsByNamespace.keys()];
  }
}
