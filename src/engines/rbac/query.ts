import { describeJsonError } from '../../model/jsonError.js';
import type { EscalationPath } from './escalation.js';
import { isBuiltin, type RbacOrigin } from './fromInventory.js';
import type { EffectivePermissions } from './permissions.js';
import {
  ANONYMOUS_USER,
  AUTHENTICATED_GROUP,
  splitServiceAccountUsername,
  UNAUTHENTICATED_GROUP,
} from './subjects.js';
import type { AccessRequest, Decision, GrantChain, PolicyRule, RbacBinding, UserInfo } from './types.js';
import type { WhoCanSubject } from './whoCan.js';

// Query helpers shared by the `rbac` commands: kubectl's argument grammar offline, subjects, name mapping, JSON.

export interface ResourceType {
  group: string;
  resource: string;
  namespaced: boolean;
}

/** Built-in types kubectl would find by discovery: [plural, group, namespaced, singular, ...short names]. */
const TYPES: [string, string, boolean, ...string[]][] = [
  ['pods', '', true, 'pod', 'po'],
  ['services', '', true, 'service', 'svc'],
  ['secrets', '', true, 'secret'],
  ['configmaps', '', true, 'configmap', 'cm'],
  ['serviceaccounts', '', true, 'serviceaccount', 'sa'],
  ['namespaces', '', false, 'namespace', 'ns'],
  ['nodes', '', false, 'node', 'no'],
  ['persistentvolumes', '', false, 'persistentvolume', 'pv'],
  ['persistentvolumeclaims', '', true, 'persistentvolumeclaim', 'pvc'],
  ['endpoints', '', true, 'endpoint', 'ep'],
  ['events', '', true, 'event', 'ev'],
  ['replicationcontrollers', '', true, 'replicationcontroller', 'rc'],
  ['resourcequotas', '', true, 'resourcequota', 'quota'],
  ['limitranges', '', true, 'limitrange', 'limits'],
  ['users', '', false, 'user'],
  ['groups', '', false, 'group'],
  ['deployments', 'apps', true, 'deployment', 'deploy'],
  ['daemonsets', 'apps', true, 'daemonset', 'ds'],
  ['statefulsets', 'apps', true, 'statefulset', 'sts'],
  ['replicasets', 'apps', true, 'replicaset', 'rs'],
  ['controllerrevisions', 'apps', true, 'controllerrevision'],
  ['jobs', 'batch', true, 'job'],
  ['cronjobs', 'batch', true, 'cronjob', 'cj'],
  ['roles', 'rbac.authorization.k8s.io', true, 'role'],
  ['rolebindings', 'rbac.authorization.k8s.io', true, 'rolebinding'],
  ['clusterroles', 'rbac.authorization.k8s.io', false, 'clusterrole'],
  ['clusterrolebindings', 'rbac.authorization.k8s.io', false, 'clusterrolebinding'],
  ['networkpolicies', 'networking.k8s.io', true, 'networkpolicy', 'netpol'],
  ['ingresses', 'networking.k8s.io', true, 'ingress', 'ing'],
  ['ingressclasses', 'networking.k8s.io', false, 'ingressclass'],
  ['horizontalpodautoscalers', 'autoscaling', true, 'horizontalpodautoscaler', 'hpa'],
  ['poddisruptionbudgets', 'policy', true, 'poddisruptionbudget', 'pdb'],
  ['storageclasses', 'storage.k8s.io', false, 'storageclass', 'sc'],
  ['csidrivers', 'storage.k8s.io', false, 'csidriver'],
  ['volumeattachments', 'storage.k8s.io', false, 'volumeattachment'],
  ['customresourcedefinitions', 'apiextensions.k8s.io', false, 'customresourcedefinition', 'crd', 'crds'],
  ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io', false, 'mutatingwebhookconfiguration'],
  [
    'validatingwebhookconfigurations',
    'admissionregistration.k8s.io',
    false,
    'validatingwebhookconfiguration',
  ],
  ['validatingadmissionpolicies', 'admissionregistration.k8s.io', false, 'validatingadmissionpolicy'],
  [
    'validatingadmissionpolicybindings',
    'admissionregistration.k8s.io',
    false,
    'validatingadmissionpolicybinding',
  ],
  ['certificatesigningrequests', 'certificates.k8s.io', false, 'certificatesigningrequest', 'csr'],
  ['signers', 'certificates.k8s.io', false, 'signer'],
  ['leases', 'coordination.k8s.io', true, 'lease'],
  ['endpointslices', 'discovery.k8s.io', true, 'endpointslice'],
  ['priorityclasses', 'scheduling.k8s.io', false, 'priorityclass', 'pc'],
  ['runtimeclasses', 'node.k8s.io', false, 'runtimeclass'],
  ['podsecuritypolicies', 'policy', false, 'podsecuritypolicy', 'psp'],
  ['tokenreviews', 'authentication.k8s.io', false, 'tokenreview'],
  ['subjectaccessreviews', 'authorization.k8s.io', false, 'subjectaccessreview'],
];

const TYPE_INDEX = new Map<string, ResourceType>();
for (const [plural, group, namespaced, ...aliases] of TYPES) {
  const type = { group, resource: plural, namespaced };
  for (const name of [plural, ...aliases]) TYPE_INDEX.set(name, type);
  if (group) TYPE_INDEX.set(`${plural}.${group}`, type);
}

/** Whether (group, resource) is a built-in Kubernetes type (Azure RBAC maps the others to `customresources`). */
export function isBuiltinType(group: string, resource: string): boolean {
  const type = TYPE_INDEX.get(resource);
  return type !== undefined && type.group === group && type.resource === resource;
}

export interface ParsedTarget {
  /** Resource request attributes, or a non-resource path. */
  request: AccessRequest;
  /** False when the type is not a built-in one (as kubectl warns when discovery does not know it). */
  known: boolean;
  namespaced: boolean;
}

/**
 * kubectl's `TYPE[/NAME]` or `/URL`: `pods`, `po/web`, `deployments.apps`, `widgets.example.com/x`, `*`, `/healthz`.
 * Unknown types are taken literally in the core group, namespaced.
 */
export function parseTarget(verb: string, arg: string, subresource?: string): ParsedTarget {
  if (arg.startsWith('/')) return { request: { verb, path: arg }, known: true, namespaced: false };
  const slash = arg.indexOf('/');
  const typeArg = slash >= 0 ? arg.slice(0, slash) : arg;
  const name = slash >= 0 ? arg.slice(slash + 1) : undefined;
  let type = TYPE_INDEX.get(typeArg) ?? TYPE_INDEX.get(typeArg.toLowerCase());
  let known = type !== undefined;
  if (!type) {
    const dot = typeArg.indexOf('.');
    type =
      typeArg === '*'
        ? { group: '', resource: '*', namespaced: true }
        : dot > 0
          ? { resource: typeArg.slice(0, dot), group: typeArg.slice(dot + 1), namespaced: true }
          : { group: '', resource: typeArg, namespaced: true };
    known = typeArg === '*' || dot > 0;
  }
  const request: AccessRequest = { verb, apiGroup: type.group, resource: type.resource };
  if (subresource) request.subresource = subresource;
  if (name) request.name = name;
  return { request, known, namespaced: type.namespaced };
}

/**
 * The user an impersonating request authenticates as (apiserver impersonation filter): a ServiceAccount without
 * explicit groups gets its SA groups; a non-anonymous user gets `system:authenticated` unless
 * `system:authenticated` or `system:unauthenticated` was given.
 */
export function impersonatedUser(name: string, groups: readonly string[] = []): Required<UserInfo> {
  const out = [...groups];
  const sa = splitServiceAccountUsername(name);
  if (sa && groups.length === 0) out.push('system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`);
  if (name !== ANONYMOUS_USER && !out.includes(AUTHENTICATED_GROUP) && !out.includes(UNAUTHENTICATED_GROUP))
    out.push(AUTHENTICATED_GROUP);
  if (name === ANONYMOUS_USER && groups.length === 0) out.push(UNAUTHENTICATED_GROUP);
  return { name, groups: out };
}

export interface SubjectArg {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

/** `User:NAME`, `Group:NAME`, `ServiceAccount:NS:NAME` (also `sa:NS:NAME`), `system:serviceaccount:NS:NAME`, or a user name. */
export function parseSubject(arg: string): SubjectArg {
  const sa = splitServiceAccountUsername(arg);
  if (sa) return { kind: 'ServiceAccount', ...sa };
  const m = /^(user|group|serviceaccount|sa):(.+)$/i.exec(arg);
  if (!m) return { kind: 'User', name: arg };
  const kind = m[1]!.toLowerCase();
  if (kind === 'user') return { kind: 'User', name: m[2]! };
  if (kind === 'group') return { kind: 'Group', name: m[2]! };
  const parts = m[2]!.split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1])
    throw new Error(`a ServiceAccount subject is ServiceAccount:NAMESPACE:NAME, got "${arg}"`);
  return { kind: 'ServiceAccount', namespace: parts[0], name: parts[1] };
}

export function subjectId(subject: SubjectArg): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount:${subject.namespace}:${subject.name}`
    : `${subject.kind}:${subject.name}`;
}

/**
 * Entra object ID → display name (UPN, group name), from JSON: `{ "<id>": "<name>" }`, or a list of Graph /
 * `az ad` objects with `id` and `displayName` / `userPrincipalName` (the output of `az ad group list`).
 */
export class NameMap {
  private readonly names = new Map<string, string>();
  private readonly ids = new Map<string, string>();

  static parse(text: string, file: string): NameMap {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file}: not JSON (${describeJsonError(error, text)})`);
    }
    const map = new NameMap();
    if (Array.isArray(data)) {
      for (const item of data) {
        const o = item as Record<string, unknown>;
        const id = o.id ?? o.objectId;
        const name = o.userPrincipalName ?? o.displayName;
        if (typeof id === 'string' && typeof name === 'string') map.add(id, name);
      }
    } else if (typeof data === 'object' && data !== null) {
      for (const [id, name] of Object.entries(data)) if (typeof name === 'string') map.add(id, name);
    } else throw new Error(`${file}: expected an object { id: name } or a list of { id, displayName }`);
    return map;
  }

  add(id: string, name: string): void {
    this.names.set(id.toLowerCase(), name);
    if (!this.ids.has(name)) this.ids.set(name, id);
  }

  /** `name (id)` when the id is known, else the value as is. */
  display(value: string): string {
    const name = this.names.get(value.toLowerCase());
    return name ? `${name} (${value})` : value;
  }

  nameOf(value: string): string | undefined {
    return this.names.get(value.toLowerCase());
  }

  /** A subject given by display name resolves to its object ID (RBAC subjects carry IDs); others stay. */
  resolve(value: string): string {
    return this.ids.get(value) ?? value;
  }
}

function ruleJson(rule: PolicyRule): Record<string, string[]> {
  const out: Record<string, string[]> = { verbs: [...rule.verbs] };
  if (rule.nonResourceURLs.length) out.nonResourceURLs = [...rule.nonResourceURLs];
  else {
    out.apiGroups = [...rule.apiGroups];
    out.resources = [...rule.resources];
  }
  if (rule.resourceNames.length) out.resourceNames = [...rule.resourceNames];
  return out;
}

export function bindingRef(binding: RbacBinding<RbacOrigin>): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: binding.kind, name: binding.name };
  if (binding.namespace) out.namespace = binding.namespace;
  const origin = binding.origin;
  if (isBuiltin(origin)) out.builtin = origin.note;
  else if (origin) out.location = { file: origin.location.file, line: origin.location.line };
  return out;
}

export function grantJson(grant: GrantChain<RbacOrigin>, names?: NameMap): Record<string, unknown> {
  const subject = grant.binding.subjects[grant.subjectIndex];
  const out: Record<string, unknown> = {
    binding: bindingRef(grant.binding),
    role: { kind: grant.binding.roleRef.kind, name: grant.binding.roleRef.name },
    ruleIndex: grant.ruleIndex,
    rule: ruleJson(grant.rule),
  };
  if (subject) out.subject = { kind: subject.kind, name: names ? names.display(subject.name) : subject.name };
  return out;
}

export function decisionJson(decision: Decision<RbacOrigin>): Record<string, unknown> {
  const out: Record<string, unknown> = { allowed: decision.allowed, reason: decision.reason };
  if (decision.grant) out.via = grantJson(decision.grant);
  if (decision.errors.length) out.errors = decision.errors;
  return out;
}

export function whoCanJson(subjects: WhoCanSubject<RbacOrigin>[], names?: NameMap): Record<string, unknown> {
  return {
    subjects: subjects.map((s) => {
      const out: Record<string, unknown> = { kind: s.kind, name: s.name };
      const display = names?.nameOf(s.name);
      if (display) out.displayName = display;
      if (s.namespace) out.namespace = s.namespace;
      if (s.privileged) out.privileged = true;
      out.via = s.via.map((v) => ({ ...grantJson(v), ...(v.scope ? { scope: v.scope } : {}) }));
      return out;
    }),
  };
}

export function permissionsJson(p: EffectivePermissions<RbacOrigin>): Record<string, unknown> {
  return {
    user: p.user,
    privileged: p.privileged,
    scopes: p.scopes.map((s) => ({
      ...(s.namespace ? { namespace: s.namespace } : { namespace: '*' }),
      grants: s.grants.map((g) => grantJson(g)),
    })),
    errors: p.errors,
  };
}

export function pathJson(path: EscalationPath): Record<string, unknown> {
  return {
    start: path.start,
    goal: path.goal,
    steps: path.steps.map((s) => ({
      primitive: s.primitive,
      from: s.from,
      to: s.to,
      description: s.description,
      requests: s.requests,
    })),
  };
}
