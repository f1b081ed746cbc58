import {
  type BindingException,
  bindingMatches,
  isBaselineBinding,
  isBaselineRole,
} from '../../engines/rbac/baseline.js';
import type { RbacEngine } from '../../engines/rbac/engine.js';
import { allowedNames, describeRequest, EscalationGraph } from '../../engines/rbac/escalation.js';
import {
  escalationContextFromInventory,
  inventoryHasRbac,
  isBuiltin,
  type RbacOrigin,
  rbacEngineFromInventory,
} from '../../engines/rbac/fromInventory.js';
import { combinedResource, ruleAllowsAnyName, rulesAllow } from '../../engines/rbac/match.js';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole } from '../../engines/rbac/types.js';
import { clusterField, isUnknown } from '../../model/aksCluster.js';
import type { ResourceRef } from '../../model/finding.js';
import type { RuleInputs } from '../../model/inputs.js';
import { type K8sObject, locateIn, refOf } from '../../model/k8s.js';
import { clusterOfAllObjects } from '../../model/scope.js';
import type { Severity } from '../../model/severity.js';
import type { Location } from '../../model/source.js';
import type { Rule, RuleContext, RuleParam } from '../defineRule.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';

// Shared machinery of the RBAC rules: one engine per scan (memo), the baseline and pinned exceptions, and a
// factory for "this binding grants that dangerous permission" rules, each finding carrying its evidence chain.

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Requests that write (create, update, patch) an RBAC resource; `namespace: ''` asks at cluster scope. */
export function rbacWrites(resource: string, namespace?: string) {
  return ['create', 'update', 'patch'].map((verb) => ({
    verb,
    apiGroup: RBAC_GROUP,
    resource,
    ...(namespace === '' ? { namespace } : {}),
  }));
}

/** Cluster version: `settings.k8sVersion`, else the AKS cluster's `kubernetesVersion`, else latest. */
export function k8sVersionOf(ctx: RuleContext): string | undefined {
  if (typeof ctx.settings.k8sVersion === 'string') return ctx.settings.k8sVersion;
  const cluster = clusterOfAllObjects(ctx.inventory);
  if (!cluster) return undefined;
  const value = clusterField(cluster, 'kubernetesVersion').value;
  return typeof value === 'string' && !isUnknown(value) && /^v?\d+\.\d+/.test(value) ? value : undefined;
}

/**
 * Whether the scan's engine holds anything from the input (`inventoryHasRbac`, once per scan). When not, it has no
 * binding and only builtin roles: no binding or role is reviewed, nobody is granted anything, and no ServiceAccount
 * is in a privileged group (system:masters), so the RBAC rules that read the engine report nothing and return before
 * building it (the ~70 bootstrap roles normalised and aggregated: most of what the RBAC rules cost on a file of
 * workloads).
 */
export function hasRbacInput(ctx: RuleContext): boolean {
  return ctx.memo('rbac.hasInput', () => inventoryHasRbac(ctx.inventory));
}

export function rbacEngineOf(ctx: RuleContext): RbacEngine<RbacOrigin> {
  return ctx.memo('rbac.engine', () => {
    const version = k8sVersionOf(ctx);
    return rbacEngineFromInventory(ctx.inventory, version !== undefined ? { k8sVersion: version } : {});
  });
}

/** Shortest distance to cluster-admin power of every subject reaching it (one analysis per scan). */
export function escalationOf(ctx: RuleContext): {
  graph: EscalationGraph<RbacOrigin>;
  distances: Map<string, number>;
} {
  return ctx.memo('rbac.escalation', () => {
    const version = k8sVersionOf(ctx);
    const graph = new EscalationGraph(
      rbacEngineOf(ctx),
      escalationContextFromInventory(ctx.inventory, version),
    );
    return { graph, distances: graph.analyse() };
  });
}

export const EXCEPTIONS_PARAM: Record<string, RuleParam> = {
  exceptions: {
    default: [],
    // The shape of BindingException (src/engines/rbac/baseline.ts).
    schema: {
      type: 'array',
      title: 'a list of accepted bindings',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'roleRef', 'subjects'],
        properties: {
          name: { type: 'string' },
          namespace: { type: 'string' },
          roleRef: {
            type: 'object',
            additionalProperties: false,
            required: ['kind', 'name'],
            properties: { kind: { type: 'string' }, name: { type: 'string' }, apiGroup: { type: 'string' } },
          },
          subjects: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['kind', 'name'],
              properties: {
                kind: { type: 'string' },
                name: { type: 'string' },
                namespace: { type: 'string' },
                apiGroup: { type: 'string' },
              },
            },
          },
        },
      },
    },
    description:
      'Accepted bindings: [{name, namespace?, roleRef: {kind, name}, subjects: [{kind, name, namespace?}]}]. A binding is ' +
      'skipped only while its name, roleRef and exact subject set are unchanged.',
  },
};

function exceptionsOf(ctx: RuleContext): BindingException[] {
  const value = ctx.params.exceptions;
  return Array.isArray(value) ? (value as BindingException[]) : [];
}

export interface ReviewedBinding {
  binding: RbacBinding<RbacOrigin>;
  object: K8sObject;
  role: RbacRole<RbacOrigin>;
  /** Namespace the grant is valid in; undefined for a ClusterRoleBinding (every namespace and cluster scope). */
  scope?: string;
  /** What its findings repeat, made on its first finding (bindingFacts). */
  facts?: BindingFacts;
}

/** Bindings from the manifests that resolve, minus the baseline and the pinned exceptions. */
export function reviewedBindings(ctx: RuleContext): ReviewedBinding[] {
  const exceptions = exceptionsOf(ctx);
  const all = reviewableBindings(ctx);
  return exceptions.length === 0
    ? all
    : all.filter((e) => !exceptions.some((x) => bindingMatches(e.binding, x)));
}

/** Bindings from the manifests that resolve, minus the baseline, before any rule's exceptions (one list per scan). */
function reviewableBindings(ctx: RuleContext): ReviewedBinding[] {
  return ctx.memo('rbac.reviewable', () => {
    // No binding in the engine (hasRbacInput): the loop below would keep none.
    if (!hasRbacInput(ctx)) return [];
    const engine = rbacEngineOf(ctx);
    const out: ReviewedBinding[] = [];
    for (const binding of engine.bindings) {
      const origin = binding.origin;
      if (!origin || isBuiltin(origin) || isBaselineBinding(binding)) continue;
      const role = engine.resolve(binding).role;
      if (!role) continue;
      const entry: ReviewedBinding = { binding, object: origin, role };
      if (binding.kind === 'RoleBinding' && binding.namespace) entry.scope = binding.namespace;
      out.push(entry);
    }
    return out;
  });
}

/** Positions in the reviewable list of the bindings of one rules array, at cluster scope and in a namespace. */
interface BindingsOfRules {
  clusterWide: number[];
  inNamespace: number[];
}

/** The reviewable bindings grouped by their role's rules array (one grouping per scan). */
function bindingsByRules(ctx: RuleContext): Map<readonly PolicyRule[], BindingsOfRules> {
  return ctx.memo('rbac.bindingsByRules', () => {
    const out = new Map<readonly PolicyRule[], BindingsOfRules>();
    const all = reviewableBindings(ctx);
    for (let position = 0; position < all.length; position++) {
      const entry = all[position]!;
      let group = out.get(entry.role.rules);
      if (group === undefined) {
        group = { clusterWide: [], inNamespace: [] };
        out.set(entry.role.rules, group);
      }
      (entry.scope === undefined ? group.clusterWide : group.inNamespace).push(position);
    }
    return out;
  });
}

/** The rules arrays of the reviewable bindings' roles, each once. */
export function reviewedRulesArrays(ctx: RuleContext): Iterable<readonly PolicyRule[]> {
  return bindingsByRules(ctx).keys();
}

/** Which roles (rules arrays) grant a permission: for bindings at cluster scope, and for RoleBindings. */
export interface GrantingRoles {
  clusterWide: ReadonlySet<readonly PolicyRule[]>;
  inNamespace: ReadonlySet<readonly PolicyRule[]>;
}

/**
 * The reviewed bindings (the rule's exceptions applied) whose role grants at the binding's scope, in input order:
 * the same entries as filtering `reviewedBindings` on the sets, but only the bindings of the granting roles are
 * visited, not every binding once per rule.
 */
export function reviewedGranting(ctx: RuleContext, granting: GrantingRoles): ReviewedBinding[] {
  const all = reviewableBindings(ctx);
  const byRules = bindingsByRules(ctx);
  const positions: number[] = [];
  for (const rules of granting.clusterWide)
    for (const position of byRules.get(rules)?.clusterWide ?? []) positions.push(position);
  for (const rules of granting.inNamespace)
    for (const position of byRules.get(rules)?.inNamespace ?? []) positions.push(position);
  const ordered = Float64Array.from(positions).sort();
  const exceptions = exceptionsOf(ctx);
  const out: ReviewedBinding[] = [];
  for (const position of ordered) {
    const entry = all[position]!;
    if (exceptions.length === 0 || !exceptions.some((x) => bindingMatches(entry.binding, x))) out.push(entry);
  }
  return out;
}

/** Roles from the manifests that are not unchanged bootstrap roles. */
export function reviewedRoles(ctx: RuleContext): { role: RbacRole<RbacOrigin>; object: K8sObject }[] {
  // Only builtin roles in the engine (hasRbacInput): the loop below would keep none.
  if (!hasRbacInput(ctx)) return [];
  const engine = rbacEngineOf(ctx);
  const out: { role: RbacRole<RbacOrigin>; object: K8sObject }[] = [];
  for (const role of engine.roles) {
    const origin = role.origin;
    if (!origin || isBuiltin(origin) || isBaselineRole(role)) continue;
    out.push({ role, object: origin });
  }
  return out;
}

export interface Hit {
  request: AccessRequest;
  ruleIndex: number;
  rule: PolicyRule;
  /** Set when the grant is limited by resourceNames: the names it covers. */
  names?: string[];
}

/**
 * The first request of `requests` the binding grants, evaluated at the binding's scope: a RoleBinding only ever
 * authorises requests in its own namespace, so cluster-scoped requests (namespace `''`) never match it. A request
 * without a name also matches rules limited by resourceNames (the hit lists the names), except for create of a
 * resource and deletecollection, which never carry a name (create on a subresource, e.g. pods/exec, names its pod).
 * The role's rules are evaluated once per distinct request (`roleGrant`), however many bindings use the role.
 */
export function grants(entry: ReviewedBinding, requests: readonly AccessRequest[]): Hit | undefined {
  const rules = entry.role.rules;
  for (const r of requests) {
    if (entry.scope !== undefined && r.namespace === '') continue;
    if (!mayGrant(rules, r)) continue;
    const grant = roleGrant(rules, r);
    if (grant === undefined) continue;
    const request =
      entry.scope !== undefined && r.namespace === undefined ? { ...r, namespace: entry.scope } : r;
    if (grant.names === undefined)
      return { request, ruleIndex: grant.ruleIndex, rule: rules[grant.ruleIndex]! };
    return {
      request: { ...request, name: grant.names[0]! },
      ruleIndex: grant.ruleIndex,
      rule: rules[grant.ruleIndex]!,
      names: [...grant.names],
    };
  }
  return undefined;
}

/**
 * What a rules array names, for a necessary condition of a grant: a resource request can only be allowed by a rule
 * whose resources hold `*`, the combined `resource/sub` or `*\/sub` (match.ts resourceMatches), and a non-resource
 * request only by a rule with nonResourceURLs. Computed once per rules array.
 */
interface RulesNames {
  resources: Set<string>;
  nonResource: boolean;
}

const namesOfRules = new WeakMap<readonly PolicyRule[], RulesNames>();

function rulesNames(rules: readonly PolicyRule[]): RulesNames {
  let names = namesOfRules.get(rules);
  if (names === undefined) {
    names = { resources: new Set(), nonResource: false };
    for (const rule of rules) {
      for (const resource of rule.resources) names.resources.add(resource);
      if (rule.nonResourceURLs.length > 0) names.nonResource = true;
    }
    namesOfRules.set(rules, names);
  }
  return names;
}

/** The resource tokens a rule must name to match a resource request (see RulesNames). */
function resourceTokens(request: AccessRequest): string[] {
  const combined = combinedResource(request);
  const sub = request.subresource ?? '';
  return sub.length > 0 ? ['*', combined, `*/${sub}`] : ['*', combined];
}

/** False when no rule of `rules` can allow the request (never false when one can). */
function mayGrant(rules: readonly PolicyRule[], request: AccessRequest): boolean {
  const names = rulesNames(rules);
  if (request.path !== undefined) return names.nonResource;
  const resources = names.resources;
  if (resources.has('*')) return true;
  if (request.subresource) {
    const sub = request.subresource;
    return resources.has(`${request.resource ?? ''}/${sub}`) || resources.has(`*/${sub}`);
  }
  return resources.has(request.resource ?? '');
}

/**
 * The requests of the rules answered from one index pass over the reviewed roles: every rules array is indexed by
 * the resource tokens it names, so a request is evaluated only on the roles that name one of its tokens, once per
 * scan, whatever the number of rules asking it or bindings using the role.
 */
export class RequestIndex {
  /** Rules arrays by the resource token, then the verb (or `*`), that one of their rules names together. */
  private readonly byToken = new Map<string, Map<string, (readonly PolicyRule[])[]>>();
  private readonly nonResource: (readonly PolicyRule[])[] = [];
  private readonly granted = new Map<number, Set<readonly PolicyRule[]>>();

  constructor(rulesArrays: Iterable<readonly PolicyRule[]>) {
    for (const rules of rulesArrays) {
      for (const rule of rules)
        for (const token of rule.resources) {
          let byVerb = this.byToken.get(token);
          if (byVerb === undefined) {
            byVerb = new Map();
            this.byToken.set(token, byVerb);
          }
          for (const verb of rule.verbs) {
            const list = byVerb.get(verb);
            if (list === undefined) byVerb.set(verb, [rules]);
            // Rules arrays are added one at a time: a repeat is the last one added.
            else if (list[list.length - 1] !== rules) list.push(rules);
          }
        }
      if (rulesNames(rules).nonResource) this.nonResource.push(rules);
    }
  }

  /**
   * The rules arrays with a rule naming one of the request's resource tokens and its verb or `*` together: a rule
   * allowing the request names both (match.ts ruleAllowsAnyName), so no other rules array can grant it.
   */
  private candidates(request: AccessRequest): (readonly PolicyRule[])[][] {
    if (request.path !== undefined) return [this.nonResource];
    const out: (readonly PolicyRule[])[][] = [];
    for (const token of resourceTokens(request)) {
      const byVerb = this.byToken.get(token);
      if (byVerb === undefined) continue;
      const exact = byVerb.get(request.verb);
      if (exact) out.push(exact);
      const any = request.verb === '*' ? undefined : byVerb.get('*');
      if (any) out.push(any);
    }
    return out;
  }

  /** The rules arrays (of the indexed roles) that grant the request, named or not; its namespace is not read. */
  grantedBy(request: AccessRequest): ReadonlySet<readonly PolicyRule[]> {
    const id = requestId(request);
    let set = this.granted.get(id);
    if (set === undefined) {
      set = new Set();
      // A rule allowing the request for some name is necessary for any grant (evaluateGrant): candidates naming
      // the resource and verb but not the group are decided here without a cache entry.
      for (const list of this.candidates(request))
        for (const rules of list)
          if (
            rules.some((rule) => ruleAllowsAnyName(rule, request)) &&
            roleGrant(rules, request, id) !== undefined
          )
            set.add(rules);
      this.granted.set(id, set);
    }
    return set;
  }

  /**
   * The rules arrays granting every request of some alternative, for bindings at cluster scope or (namespaced) in
   * one namespace, where requests at cluster scope (namespace `''`) are never granted (see `grants`).
   */
  grantingSome(
    alternatives: readonly (readonly AccessRequest[])[],
    namespaced: boolean,
  ): Set<readonly PolicyRule[]> {
    const out = new Set<readonly PolicyRule[]>();
    for (const alternative of alternatives) {
      if (alternative.length === 0) continue;
      if (namespaced && alternative.some((r) => r.namespace === '')) continue;
      const sets = alternative.map((r) => this.grantedBy(r));
      sets[0]!.forEach((rules) => {
        if (sets.every((set) => set.has(rules))) out.add(rules);
      });
    }
    return out;
  }
}

/** The request index of the scan's reviewed roles (built once, shared by every RBAC rule). */
export function requestIndexOf(ctx: RuleContext): RequestIndex {
  return ctx.memo('rbac.requestIndex', () => {
    const all = new Set<readonly PolicyRule[]>();
    // Every reviewable binding's role, whatever exceptions the rule asking first has.
    for (const entry of reviewableBindings(ctx)) all.add(entry.role.rules);
    return new RequestIndex(all);
  });
}

/** What a role's rules grant for one request: the rule that allows it, and for a named grant the names (sorted). */
interface RoleGrant {
  ruleIndex: number;
  names?: readonly string[];
}

/**
 * Per role (its rules array), the grant of each distinct request, computed once, under the request's id. The namespace is not part of a request's identity here: rule matching never reads it (rbac.go
 * RuleAllows), only the binding's scope does, and `grants` applies that.
 */
const roleGrants = new WeakMap<readonly PolicyRule[], Map<number, RoleGrant | null>>();
/** Request identities (every field but the namespace) numbered in order of first use. */
const requestIds = new Map<string, number>();

function roleGrant(
  rules: readonly PolicyRule[],
  request: AccessRequest,
  id = requestId(request),
): RoleGrant | undefined {
  let grants = roleGrants.get(rules);
  if (grants === undefined) {
    grants = new Map();
    roleGrants.set(rules, grants);
  }
  let grant = grants.get(id);
  if (grant === undefined) {
    grant = evaluateGrant(rules, request);
    grants.set(id, grant);
  }
  return grant ?? undefined;
}

function evaluateGrant(rules: readonly PolicyRule[], request: AccessRequest): RoleGrant | null {
  const i = rulesAllow(rules, request);
  if (i >= 0) return { ruleIndex: i };
  const nameless =
    (request.verb === 'create' && request.subresource === undefined) || request.verb === 'deletecollection';
  if (request.name !== undefined || nameless) return null;
  const names = allowedNames(rules, request);
  if (names === 'all' || names.size === 0) return null;
  const list = [...names].sort();
  return { ruleIndex: rulesAllow(rules, { ...request, name: list[0]! }), names: list };
}

/** Request ids by request object: the rules' request lists are built once per check, their ids computed once. */
const idOfRequest = new WeakMap<AccessRequest, number>();

/** Every field but the namespace, undefined told apart from empty (`grants` reads `name`/`subresource` presence). */
function requestId(r: AccessRequest): number {
  let id = idOfRequest.get(r);
  if (id !== undefined) return id;
  const field = (value: string | undefined) => (value === undefined ? '\u0001' : value);
  const key = `${r.verb}\u0000${field(r.apiGroup)}\u0000${field(r.resource)}\u0000${field(r.subresource)}\u0000${field(r.name)}\u0000${field(r.path)}`;
  id = requestIds.get(key);
  if (id === undefined) {
    id = requestIds.size;
    requestIds.set(key, id);
  }
  idOfRequest.set(r, id);
  return id;
}

/**
 * A necessary condition of `grants(entry, requests)` answered from the scan's request index: false exactly when no
 * request of the list is granted at the binding's scope, so a rule can skip most bindings before building a hit.
 */
export function grantFilter(
  ctx: RuleContext,
  requests: readonly AccessRequest[],
): (entry: ReviewedBinding) => boolean {
  const { clusterWide, inNamespace } = grantingAny(ctx, requests);
  return (entry) => (entry.scope === undefined ? clusterWide : inNamespace).has(entry.role.rules);
}

/** The roles granting some request of the list (see grantFilter). */
export function grantingAny(ctx: RuleContext, requests: readonly AccessRequest[]): GrantingRoles {
  return grantingRoles(
    ctx,
    requests.map((r) => [r]),
  );
}

/** The roles granting every request of some alternative, from the scan's request index. */
export function grantingRoles(
  ctx: RuleContext,
  alternatives: readonly (readonly AccessRequest[])[],
): GrantingRoles {
  const index = requestIndexOf(ctx);
  return {
    clusterWide: index.grantingSome(alternatives, false),
    inNamespace: index.grantingSome(alternatives, true),
  };
}

export function describeSubjects(binding: RbacBinding): string {
  const ns = binding.namespace ?? '';
  const list = binding.subjects.map((s) =>
    s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace || ns}/${s.name}` : `${s.kind} ${s.name}`,
  );
  return list.length === 0 ? 'no subject' : list.join(', ');
}

export function describeBinding(binding: RbacBinding): string {
  return binding.namespace
    ? `${binding.kind} ${binding.namespace}/${binding.name}`
    : `${binding.kind} ${binding.name}`;
}

export function scopeText(entry: ReviewedBinding): string {
  return entry.scope !== undefined ? `in namespace ${entry.scope}` : 'cluster-wide';
}

/** What every finding about one binding repeats: its description, location and evidence parts, made once. */
export interface BindingFacts {
  /** `RoleBinding ns/name lets ServiceAccount ns/sa` */
  lets: string;
  resource: ResourceRef;
  location: Location;
  binding: Record<string, unknown>;
  role: Record<string, unknown>;
  subjects: Record<string, unknown>[];
}

function bindingFacts(entry: ReviewedBinding): BindingFacts {
  let facts = entry.facts;
  if (facts === undefined) {
    facts = {
      lets: `${describeBinding(entry.binding)} lets ${describeSubjects(entry.binding)}`,
      resource: refOf(entry.object),
      location: locateIn(entry.object, ['roleRef']),
      binding: { kind: entry.binding.kind, name: entry.binding.name, namespace: entry.binding.namespace },
      role: {
        kind: entry.role.kind,
        name: entry.role.name,
        ...(entry.role.aggregatedFrom ? { aggregatedFrom: entry.role.aggregatedFrom } : {}),
      },
      subjects: entry.binding.subjects.map((s) => ({
        kind: s.kind,
        name: s.name,
        ...(s.namespace ? { namespace: s.namespace } : {}),
      })),
    };
    entry.facts = facts;
  }
  return facts;
}

/** The `grants` part of the evidence chain: each request, and the rule of the role that allows it. */
function grantsEvidence(hits: readonly Hit[]): Record<string, unknown>[] {
  return hits.map((h) => ({ request: describeRequest(h.request), ruleIndex: h.ruleIndex, rule: h.rule }));
}

/**
 * The evidence chain: binding → role → rule → request, and the subjects that receive it. The binding, role and
 * subjects parts are shared by the findings of one binding (evidence is never modified once reported).
 */
export function chainEvidence(entry: ReviewedBinding, hits: readonly Hit[]): Record<string, unknown> {
  return evidenceOf(entry, grantsEvidence(hits));
}

function evidenceOf(
  entry: ReviewedBinding,
  grants: readonly Record<string, unknown>[],
): Record<string, unknown> {
  const facts = bindingFacts(entry);
  return {
    binding: facts.binding,
    role: facts.role,
    subjects: facts.subjects,
    grants,
    scope: entry.scope ?? '*',
  };
}

/**
 * What a binding's role grants at the binding's scope, as its finding states it: the same for every binding of
 * that role at that scope, so a rule can make it once and report it for each of them (`reportGrant`).
 */
export interface GrantStatement {
  /** The message after the binding's `... lets <subjects>`. */
  tail: string;
  /** The evidence's `grants` (shared by the findings stating it; never modified). */
  grants: readonly Record<string, unknown>[];
}

export function grantStatement(entry: ReviewedBinding, hits: readonly Hit[], what: string): GrantStatement {
  const names = hits.flatMap((h) => h.names ?? []);
  const only = names.length > 0 ? ` (only ${names.join(', ')})` : '';
  return {
    tail: ` ${what}${only} ${scopeText(entry)} (${entry.role.kind} ${entry.role.name}, rules[${hits[0]!.ruleIndex}])`,
    grants: grantsEvidence(hits),
  };
}

/**
 * Values computed once per (role, scope): what a role grants at a scope, and so what a finding states about it, is
 * the same for each of its bindings there (a ClusterRole bound in 500 namespaces is evaluated once per namespace,
 * a Role bound 5 times in its namespace once).
 */
export class PerRoleScope<T> {
  private readonly values = new Map<RbacRole<RbacOrigin>, Map<string | undefined, T>>();

  get(entry: ReviewedBinding, compute: () => T): T {
    let byScope = this.values.get(entry.role);
    if (byScope === undefined) {
      byScope = new Map();
      this.values.set(entry.role, byScope);
    }
    if (byScope.has(entry.scope)) return byScope.get(entry.scope) as T;
    const value = compute();
    byScope.set(entry.scope, value);
    return value;
  }
}

/** Reports the binding with a statement of what its role grants at its scope. */
export function reportGrant(
  ctx: RuleContext,
  entry: ReviewedBinding,
  statement: GrantStatement,
  severity?: Severity,
): void {
  const facts = bindingFacts(entry);
  const input: Parameters<RuleContext['report']>[0] = {
    object: entry.object,
    resource: facts.resource,
    path: ['roleRef'],
    location: facts.location,
    message: `${facts.lets}${statement.tail}`,
    evidence: evidenceOf(entry, statement.grants),
  };
  if (severity) input.severity = severity;
  ctx.report(input);
}

export function reportBinding(
  ctx: RuleContext,
  entry: ReviewedBinding,
  hits: readonly Hit[],
  what: string,
  severity?: Severity,
): void {
  reportGrant(ctx, entry, grantStatement(entry, hits, what), severity);
}

const verbsOn = (
  verbs: readonly string[],
  apiGroup: string,
  resource: string,
  extra: Partial<AccessRequest> = {},
) => verbs.map((verb) => ({ verb, apiGroup, resource, ...extra }));

export { verbsOn };

const USER_FACING = new Set(['admin', 'edit', 'view']);

/**
 * A RoleBinding of an application namespace to an unchanged bootstrap user-facing role (admin, edit, view): the
 * documented Kubernetes way to delegate a namespace. Its headline risks are reported once (RBAC-WL-020 pods as any
 * ServiceAccount, RBAC-SEC-040 Secrets, RBAC-ADM-002 admin); the finer-grained rules leave it alone to keep noise down.
 */
export function isRoutineDelegation(entry: ReviewedBinding): boolean {
  if (entry.scope === undefined || entry.scope === 'kube-system') return false;
  const origin = entry.role.origin;
  if (!USER_FACING.has(entry.role.name) || entry.role.kind !== 'ClusterRole') return false;
  return (origin !== undefined && isBuiltin(origin)) || isBaselineRole(entry.role);
}

export interface GrantRuleSpec {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  refs?: string[];
  fix?: Rule['fix'];
  /** The permission, as alternatives; each alternative is a list of requests that must all be granted. */
  requests: (ctx: RuleContext) => AccessRequest[][];
  /** Words after "lets <subjects>": e.g. `read Secrets`. */
  what: string;
  /** Severity per finding (e.g. worse in kube-system or cluster-wide). */
  severityOf?: (entry: ReviewedBinding) => Severity;
  /** Extra condition on the binding (e.g. only ClusterRoleBindings). */
  applies?: (entry: ReviewedBinding, ctx: RuleContext) => boolean;
  /** Inputs beyond the RBAC objects. */
  inputs?: RuleInputs;
  /** Also report bindings to bootstrap admin/edit/view in application namespaces (see isRoutineDelegation). */
  reportRoutine?: boolean;
}

/** A rule that reports every reviewed binding granting one of the alternatives. */
export function grantRule(spec: GrantRuleSpec): Rule {
  const meta: Rule = {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    severity: spec.severity,
    family: 'rbac',
    inputs: spec.inputs ?? RBAC,
    params: EXCEPTIONS_PARAM,
    check(ctx) {
      const alternatives = spec.requests(ctx);
      // Which roles grant some alternative, from the scan's request index: at cluster scope (ClusterRoleBindings)
      // and in a namespace (RoleBindings, whose namespace only fills the requests' namespace, see `grants`).
      const index = requestIndexOf(ctx);
      // What a role grants at one scope, stated once for all its bindings there (null: nothing).
      const statements = new PerRoleScope<GrantStatement | null>();
      for (const entry of reviewedGranting(ctx, grantingRoles(ctx, alternatives))) {
        if (spec.applies && !spec.applies(entry, ctx)) continue;
        if (!spec.reportRoutine && isRoutineDelegation(entry)) continue;
        const statement = statements.get(entry, () => {
          const rules = entry.role.rules;
          // The first alternative granted at the binding's scope, found in the index; its hits made only then.
          const alternative = alternatives.find((requests) =>
            requests.every(
              (r) => (entry.scope === undefined || r.namespace !== '') && index.grantedBy(r).has(rules),
            ),
          );
          return alternative === undefined
            ? null
            : grantStatement(entry, alternative.map((r) => grants(entry, [r])) as Hit[], spec.what);
        });
        if (statement !== null) reportGrant(ctx, entry, statement, spec.severityOf?.(entry));
      }
    },
  };
  if (spec.refs) meta.refs = spec.refs;
  if (spec.fix) meta.fix = spec.fix;
  return defineRule(meta);
}

/** `critical` when the grant reaches kube-system (cluster-wide or there), else the given severity. */
export function worseInKubeSystem(otherwise: Severity): (entry: ReviewedBinding) => Severity {
  return (entry) => (entry.scope === undefined || entry.scope === 'kube-system' ? 'critical' : otherwise);
}

export const LEAST_PRIVILEGE_FIX: Rule['fix'] = {
  manifest:
    'Bind a role that lists only the verbs and resources the subject needs (use resourceNames where possible), in the ' +
    'namespace where it needs them; or pin an accepted binding with the rule parameter `exceptions`.',
};
