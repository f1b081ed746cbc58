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
import {
  apiGroupMatches,
  combinedResource,
  resourceNameMatches,
  ruleAllowsAnyName,
  rulesAllow,
} from '../../engines/rbac/match.js';
import type { AccessRequest, PolicyRule, RbacBinding, RbacRole, Subject } from '../../engines/rbac/types.js';
import { clusterField, isUnknown } from '../../model/aksCluster.js';
import type { ResourceRef } from '../../model/finding.js';
import type { RuleInputs } from '../../model/inputs.js';
import { type K8sObject, locateIn, refOf } from '../../model/k8s.js';
import { clusterOfAllObjects } from '../../model/scope.js';
import type { Severity } from '../../model/severity.js';
import type { Location, PathSegment } from '../../model/source.js';
import type { Rule, RuleContext, RuleParam } from '../defineRule.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { RolesSet, RulesNumbering } from './rolesSet.js';

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
  scope: string | undefined;
  /** What its findings repeat, made on its first finding (bindingFacts). */
  facts: BindingFacts | undefined;
  /** The number of its role's rules array in the scan's numbering (RulesNumbering, RolesSet). */
  rulesId: number;
  /** The number of its (role, scope) among the scan's reviewable bindings (PerRoleScope). */
  scopeId: number;
  /** Whether it is a routine delegation (isRoutineDelegation), decided once per scan. */
  routine: boolean;
  /** What its role's rules array names and grants (shared by every binding of a role with that array). */
  rulesFacts: RulesFacts | undefined;
}

/** Bindings from the manifests that resolve, minus the baseline and the pinned exceptions. */
export function reviewedBindings(ctx: RuleContext): ReviewedBinding[] {
  const exceptions = exceptionsOf(ctx);
  const all = reviewableBindings(ctx);
  return exceptions.length === 0
    ? all
    : all.filter((e) => !exceptions.some((x) => bindingMatches(e.binding, x)));
}

/** The reviewable bindings, their roles' rules arrays numbered, and how many (role, scope) pairs they have. */
interface Reviewable {
  entries: ReviewedBinding[];
  numbering: RulesNumbering;
  scopes: number;
  /** By position, the entry's rulesId × 2, + 1 for a binding in a namespace: one pass reads no entry (reviewedGranting). */
  keys: Uint32Array;
}

/** Bindings from the manifests that resolve, minus the baseline, before any rule's exceptions (one list per scan). */
function reviewableBindings(ctx: RuleContext): ReviewedBinding[] {
  return reviewable(ctx).entries;
}

function reviewable(ctx: RuleContext): Reviewable {
  return ctx.memo('rbac.reviewable', () => {
    const entries: ReviewedBinding[] = [];
    // No binding in the engine (hasRbacInput): the loop below would keep none.
    if (!hasRbacInput(ctx))
      return { entries, numbering: new RulesNumbering([]), scopes: 0, keys: new Uint32Array(0) };
    const engine = rbacEngineOf(ctx);
    const rulesIds = new Map<readonly PolicyRule[], number>();
    const rulesArrays: (readonly PolicyRule[])[] = [];
    const factsById: RulesFacts[] = [];
    // Per role: the numbers of its scopes.
    const scopeIdsOfRole = new Map<RbacRole<RbacOrigin>, Map<string | undefined, number>>();
    let scopes = 0;
    for (const binding of engine.bindings) {
      const origin = binding.origin;
      if (!origin || isBuiltin(origin) || isBaselineBinding(binding)) continue;
      const role = engine.roleOf(binding);
      if (!role) continue;
      const scope = binding.kind === 'RoleBinding' && binding.namespace ? binding.namespace : undefined;
      let rulesId = rulesIds.get(role.rules);
      if (rulesId === undefined) {
        rulesId = rulesArrays.length;
        rulesIds.set(role.rules, rulesId);
        rulesArrays.push(role.rules);
        factsById.push(rulesFactsOf(role.rules));
      }
      let scopeIds = scopeIdsOfRole.get(role);
      if (scopeIds === undefined) {
        scopeIds = new Map();
        scopeIdsOfRole.set(role, scopeIds);
      }
      let scopeId = scopeIds.get(scope);
      if (scopeId === undefined) {
        scopeId = scopes++;
        scopeIds.set(scope, scopeId);
      }
      const entry: ReviewedBinding = {
        binding,
        object: origin,
        role,
        scope,
        facts: undefined,
        rulesId,
        scopeId,
        routine: false,
        rulesFacts: factsById[rulesId],
      };
      entry.routine = routineDelegation(entry);
      entries.push(entry);
    }
    const keys = new Uint32Array(entries.length);
    for (let position = 0; position < entries.length; position++) {
      const entry = entries[position]!;
      keys[position] = entry.rulesId * 2 + (entry.scope === undefined ? 0 : 1);
    }
    // Numbered in order of first use, as rulesId above.
    return { entries, numbering: new RulesNumbering(rulesArrays), scopes, keys };
  });
}

/** The rules arrays of the reviewable bindings' roles, each once. */
export function reviewedRulesArrays(ctx: RuleContext): Iterable<readonly PolicyRule[]> {
  return reviewable(ctx).numbering.arrays;
}

/** Which roles (rules arrays) grant a permission: for bindings at cluster scope, and for RoleBindings. */
export interface GrantingRoles {
  clusterWide: RolesSet;
  inNamespace: RolesSet;
}

/** An empty set of the scan's roles, to fill by hand (`add`, `addAll`). */
export function noRoles(ctx: RuleContext): RolesSet {
  return new RolesSet(reviewable(ctx).numbering);
}

/**
 * The reviewed bindings (the rule's exceptions applied) whose role grants at the binding's scope, in input order:
 * the same entries as filtering `reviewedBindings` on the sets, one bit test per binding.
 */
export function reviewedGranting(ctx: RuleContext, granting: GrantingRoles): ReviewedBinding[] {
  const { entries, keys } = reviewable(ctx);
  const { clusterWide, inNamespace } = granting;
  const exceptions = exceptionsOf(ctx);
  const out: ReviewedBinding[] = [];
  for (let position = 0; position < keys.length; position++) {
    const key = keys[position]!;
    if (!((key & 1) === 0 ? clusterWide : inNamespace).hasId(key >>> 1)) continue;
    const entry = entries[position]!;
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
  /** The request asked, when `request` is it with the binding's namespace filled in (its text is made once). */
  asked?: AccessRequest;
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
  // The scan's entries carry their rules array's facts; an entry made by hand finds them by the array.
  const facts = entry.rulesFacts ?? rulesFactsOf(rules);
  for (const r of requests) {
    if (entry.scope !== undefined && r.namespace === '') continue;
    if (!mayGrant(facts, r)) continue;
    const grant = roleGrant(facts, rules, r);
    if (grant === undefined) continue;
    const filled = entry.scope !== undefined && r.namespace === undefined;
    const request = filled ? { ...r, namespace: entry.scope } : r;
    if (grant.names === undefined)
      return filled
        ? { request, ruleIndex: grant.ruleIndex, rule: rules[grant.ruleIndex]!, asked: r }
        : { request, ruleIndex: grant.ruleIndex, rule: rules[grant.ruleIndex]! };
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
 * request only by a rule with nonResourceURLs; and the grant of each distinct request asked of it, under the
 * request's id (roleGrant). One record per rules array, however many roles or bindings share it.
 */
export interface RulesFacts {
  resources: Set<string>;
  nonResource: boolean;
  /**
   * The grant of each distinct request, computed once. The namespace is not part of a request's identity here: rule
   * matching never reads it (rbac.go RuleAllows), only the binding's scope does, and `grants` applies that.
   */
  grants: Map<number, RoleGrant | null>;
}

const factsOfRules = new WeakMap<readonly PolicyRule[], RulesFacts>();

function rulesFactsOf(rules: readonly PolicyRule[]): RulesFacts {
  let facts = factsOfRules.get(rules);
  if (facts === undefined) {
    facts = { resources: new Set(), nonResource: false, grants: new Map() };
    for (const rule of rules) {
      for (const resource of rule.resources) facts.resources.add(resource);
      if (rule.nonResourceURLs.length > 0) facts.nonResource = true;
    }
    factsOfRules.set(rules, facts);
  }
  return facts;
}

/** The resource tokens a rule must name to match a resource request (see RulesNames). */
function resourceTokens(request: AccessRequest): string[] {
  const combined = combinedResource(request);
  const sub = request.subresource ?? '';
  return sub.length > 0 ? ['*', combined, `*/${sub}`] : ['*', combined];
}

/**
 * Whether a grant limited by resourceNames counts for the request (evaluateGrant): for a request without a name, but
 * for create of a resource and deletecollection, which never carry one. So a role grants the request exactly when one
 * of its rules allows it for some name and, unless such a grant counts, for the request's name (`''` when none).
 */
function namedGrantCounts(request: AccessRequest): boolean {
  return request.name === undefined && !isNameless(request);
}

/** Create of a resource and deletecollection carry no name (create on a subresource, e.g. pods/exec, names its pod). */
function isNameless(request: AccessRequest): boolean {
  return (
    (request.verb === 'create' && request.subresource === undefined) || request.verb === 'deletecollection'
  );
}

/** False when no rule of `rules` can allow the request (never false when one can). */
function mayGrant(facts: RulesFacts, request: AccessRequest): boolean {
  if (request.path !== undefined) return facts.nonResource;
  const resources = facts.resources;
  if (resources.has('*')) return true;
  if (request.subresource) {
    const sub = request.subresource;
    return resources.has(`${request.resource ?? ''}/${sub}`) || resources.has(`*/${sub}`);
  }
  return resources.has(request.resource ?? '');
}

/** Rules of the request index under one (resource token, verb): each rule, and the number of its rules array. */
interface IndexedRules {
  ids: number[];
  rules: PolicyRule[];
}

/**
 * The requests of the rules answered from one index pass over the reviewed roles: every rules array is indexed by
 * the resource tokens it names, so a request is evaluated only on the roles that name one of its tokens, once per
 * scan, whatever the number of rules asking it or bindings using the role.
 */
export class RequestIndex {
  /** The indexed rules arrays, numbered: the sets answered are sets of these (RolesSet). */
  readonly numbering: RulesNumbering;
  /** The rules (and their array's number) by the resource token, then the verb (or `*`), that they name together. */
  private readonly byToken = new Map<string, Map<string, IndexedRules>>();
  private readonly nonResource: number[] = [];
  private readonly granted = new Map<number, RolesSet>();

  constructor(rulesArrays: RulesNumbering | Iterable<readonly PolicyRule[]>) {
    this.numbering = rulesArrays instanceof RulesNumbering ? rulesArrays : new RulesNumbering(rulesArrays);
    const arrays = this.numbering.arrays;
    for (let id = 0; id < arrays.length; id++) {
      const rules = arrays[id]!;
      for (const rule of rules)
        for (const token of rule.resources) {
          let byVerb = this.byToken.get(token);
          if (byVerb === undefined) {
            byVerb = new Map();
            this.byToken.set(token, byVerb);
          }
          for (const verb of rule.verbs) {
            let indexed = byVerb.get(verb);
            if (indexed === undefined) {
              indexed = { ids: [], rules: [] };
              byVerb.set(verb, indexed);
            }
            indexed.ids.push(id);
            indexed.rules.push(rule);
          }
        }
      if (rulesFactsOf(rules).nonResource) this.nonResource.push(id);
    }
  }

  /**
   * The rules naming one of the request's resource tokens and its verb or `*` together: they match its verb and
   * resource (match.ts verbMatches, resourceMatches), and no other rule allows it (ruleAllowsAnyName).
   */
  private candidates(request: AccessRequest): IndexedRules[] {
    const out: IndexedRules[] = [];
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
  grantedBy(request: AccessRequest): RolesSet {
    const id = requestId(request);
    let set = this.granted.get(id);
    if (set === undefined) {
      set = new RolesSet(this.numbering);
      // A rule allowing the request for some name grants it when a named grant counts, or a non-resource request
      // (rbac.go RuleAllows reads no resourceNames for those); else only for its name (evaluateGrant).
      const anyName = request.path !== undefined || namedGrantCounts(request);
      const name = request.name ?? '';
      if (request.path !== undefined) {
        const arrays = this.numbering.arrays;
        for (const rulesId of this.nonResource)
          if (arrays[rulesId]!.some((rule) => ruleAllowsAnyName(rule, request))) set.addId(rulesId);
      } else {
        const group = request.apiGroup ?? '';
        for (const { ids, rules } of this.candidates(request))
          for (let i = 0; i < ids.length; i++) {
            const rulesId = ids[i]!;
            if (set.hasId(rulesId)) continue;
            const rule = rules[i]!;
            // Verb and resource match by the index; the group and the name are left.
            if (apiGroupMatches(rule, group) && (anyName || resourceNameMatches(rule, name)))
              set.addId(rulesId);
          }
      }
      this.granted.set(id, set);
    }
    return set;
  }

  /**
   * The rules arrays granting every request of some alternative, for bindings at cluster scope or (namespaced) in
   * one namespace, where requests at cluster scope (namespace `''`) are never granted (see `grants`).
   */
  grantingSome(alternatives: readonly (readonly AccessRequest[])[], namespaced: boolean): RolesSet {
    const out = new RolesSet(this.numbering);
    for (const alternative of alternatives) {
      if (alternative.length === 0) continue;
      if (namespaced && alternative.some((r) => r.namespace === '')) continue;
      if (alternative.length === 1) {
        out.addAll(this.grantedBy(alternative[0]!));
        continue;
      }
      const every = this.grantedBy(alternative[0]!).copy();
      for (let i = 1; i < alternative.length; i++) every.keepOnly(this.grantedBy(alternative[i]!));
      out.addAll(every);
    }
    return out;
  }
}

/** The request index of the scan's reviewed roles (built once, shared by every RBAC rule). */
export function requestIndexOf(ctx: RuleContext): RequestIndex {
  // Every reviewable binding's role, whatever exceptions the rule asking first has, numbered as the bindings know.
  return ctx.memo('rbac.requestIndex', () => new RequestIndex(reviewable(ctx).numbering));
}

/** What a role's rules grant for one request: the rule that allows it, and for a named grant the names (sorted). */
interface RoleGrant {
  ruleIndex: number;
  names?: readonly string[];
}

/** Request identities (every field but the namespace) numbered in order of first use. */
const requestIds = new Map<string, number>();

/** The grant of the request by the rules (of `facts`), computed once per rules array and request. */
function roleGrant(
  facts: RulesFacts,
  rules: readonly PolicyRule[],
  request: AccessRequest,
): RoleGrant | undefined {
  const id = requestId(request);
  const grants = facts.grants;
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
  if (!namedGrantCounts(request)) return null;
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

/** The roles granting some request of the list, from the scan's request index. */
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

/**
 * The string made one sequence now: a string built by `+` or a template is a tree of its pieces, and the report
 * flattens each finding's message (runRules `report`); flattening the per-binding and per-statement parts once
 * leaves two pieces to copy per finding instead of walking a tree of a dozen.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** The `role` part of the evidence: the same for every binding of the role, made once (evidence is never modified). */
const roleEvidences = new WeakMap<RbacRole<RbacOrigin>, Record<string, unknown>>();

function roleEvidence(role: RbacRole<RbacOrigin>): Record<string, unknown> {
  let evidence = roleEvidences.get(role);
  if (evidence === undefined) {
    evidence = {
      kind: role.kind,
      name: role.name,
      ...(role.aggregatedFrom ? { aggregatedFrom: role.aggregatedFrom } : {}),
    };
    roleEvidences.set(role, evidence);
  }
  return evidence;
}

/**
 * The `subjects` part of the evidence: each subject's kind, name and namespace (when not empty). A subject as the
 * engine normalized it (normalize.ts: those fields in that order, then apiGroup) is that already when it has no
 * apiGroup and no empty namespace: the binding's own list is shown then, not a copy per binding (never modified).
 */
function subjectsEvidence(subjects: readonly Subject[]): Record<string, unknown>[] {
  if (subjects.every((s) => s.apiGroup === undefined && s.namespace !== ''))
    return subjects as unknown as Record<string, unknown>[];
  return subjects.map((s) => ({
    kind: s.kind,
    name: s.name,
    ...(s.namespace ? { namespace: s.namespace } : {}),
  }));
}

function bindingFacts(entry: ReviewedBinding): BindingFacts {
  let facts = entry.facts;
  if (facts === undefined) {
    facts = {
      lets: flat(`${describeBinding(entry.binding)} lets ${describeSubjects(entry.binding)}`),
      resource: refOf(entry.object),
      location: locateIn(entry.object, ['roleRef']),
      binding: { kind: entry.binding.kind, name: entry.binding.name, namespace: entry.binding.namespace },
      role: roleEvidence(entry.role),
      subjects: subjectsEvidence(entry.binding.subjects),
    };
    entry.facts = facts;
  }
  return facts;
}

/** The `grants` part of the evidence chain: each request, and the rule of the role that allows it. */
function grantsEvidence(hits: readonly Hit[]): Record<string, unknown>[] {
  return hits.map((h) => ({ request: hitText(h), ruleIndex: h.ruleIndex, rule: h.rule }));
}

/**
 * Texts of the requests asked by the rules (their lists live as long as the scan's checks), then by the namespace
 * filled in: a request is described once per namespace, however many statements (roles, rules) show it there.
 */
const askedTexts = new WeakMap<AccessRequest, Map<string, string>>();

/** describeRequest of the hit's request. */
function hitText(hit: Hit): string {
  const asked = hit.asked;
  if (asked === undefined) return describeRequest(hit.request);
  let byNamespace = askedTexts.get(asked);
  if (byNamespace === undefined) {
    byNamespace = new Map();
    askedTexts.set(asked, byNamespace);
  }
  const namespace = hit.request.namespace ?? '';
  let text = byNamespace.get(namespace);
  if (text === undefined) {
    text = describeRequest(hit.request);
    byNamespace.set(namespace, text);
  }
  return text;
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
    tail: flat(
      ` ${what}${only} ${scopeText(entry)} (${entry.role.kind} ${entry.role.name}, rules[${hits[0]!.ruleIndex}])`,
    ),
    grants: grantsEvidence(hits),
  };
}

/**
 * Values computed once per (role, scope): what a role grants at a scope, and so what a finding states about it, is
 * the same for each of its bindings there (a ClusterRole bound in 500 namespaces is evaluated once per namespace,
 * a Role bound 5 times in its namespace once). For the scan's reviewed bindings (their `scopeId`).
 */
export class PerRoleScope<T extends object | null> {
  /** By scopeId, 1 + the value's position in `values`, 0 until computed (zero-filled memory, no array of holes). */
  private readonly slots: Uint32Array;
  private readonly values: T[] = [];

  constructor(
    ctx: RuleContext,
    private readonly compute: (entry: ReviewedBinding) => T,
  ) {
    this.slots = new Uint32Array(reviewable(ctx).scopes);
  }

  of(entry: ReviewedBinding): T {
    const slot = this.slots[entry.scopeId]!;
    if (slot !== 0) return this.values[slot - 1]!;
    const value = this.compute(entry);
    this.slots[entry.scopeId] = this.values.push(value);
    return value;
  }
}

/** Where a grant finding points: the binding's roleRef (ReportInput.path is read only, one array serves all). */
const ROLE_REF: readonly PathSegment[] = ['roleRef'];

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
    path: ROLE_REF,
    location: facts.location,
    // Joined: one flat string, where `+` makes a pair the report then flattens into a second string.
    message: [facts.lets, statement.tail].join(''),
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
  return entry.routine;
}

/** isRoutineDelegation, decided once per reviewable binding. */
function routineDelegation(entry: ReviewedBinding): boolean {
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
      const statements = new PerRoleScope<GrantStatement | null>(ctx, (entry) => {
        const rulesId = entry.rulesId;
        // The first alternative granted at the binding's scope, found in the index; its hits made only then.
        const alternative = alternatives.find((requests) =>
          requests.every(
            (r) => (entry.scope === undefined || r.namespace !== '') && index.grantedBy(r).hasId(rulesId),
          ),
        );
        return alternative === undefined
          ? null
          : grantStatement(entry, alternative.map((r) => grants(entry, [r])) as Hit[], spec.what);
      });
      for (const entry of reviewedGranting(ctx, grantingRoles(ctx, alternatives))) {
        if (spec.applies && !spec.applies(entry, ctx)) continue;
        if (!spec.reportRoutine && entry.routine) continue;
        const statement = statements.of(entry);
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
