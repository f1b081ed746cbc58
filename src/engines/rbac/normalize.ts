import type {
  LabelSelector,
  PolicyRule,
  RbacBinding,
  RbacIssue,
  RbacRole,
  RoleRef,
  Subject,
} from './types.js';

/** What the engine reads of a Kubernetes object; `K8sObject` from the loader fits, so does `{ raw }`. */
export interface RbacInputObject {
  raw: Record<string, unknown>;
  /** Effective namespace (manifest value or the scan's default); falls back to `raw.metadata.namespace`. */
  namespace?: string;
}

export const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'] as const;

export interface NormalizedPolicy<O> {
  roles: RbacRole<O>[];
  bindings: RbacBinding<O>[];
  issues: RbacIssue<O>[];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An absent list (most rules have no resourceNames nor nonResourceURLs): one shared, frozen array. */
const NONE: string[] = Object.freeze([]) as unknown as string[];

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return NONE;
  return value.filter((v): v is string => typeof v === 'string');
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The labels of an object without any: one shared, frozen map (roles and bindings never change their labels). */
const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function stringMap(value: unknown): Record<string, string> {
  const r = record(value);
  if (!r) return NO_LABELS;
  let out: Record<string, string> | undefined;
  for (const k in r) {
    if (!Object.hasOwn(r, k)) continue;
    const v = r[k];
    if (typeof v !== 'string') continue;
    out ??= {};
    out[k] = v;
  }
  return out ?? NO_LABELS;
}

export function normalizeRule(value: unknown): PolicyRule {
  const r = record(value) ?? {};
  return {
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  };
}

function normalizeSelector(value: unknown): LabelSelector {
  const r = record(value) ?? {};
  const expressions = Array.isArray(r.matchExpressions) ? r.matchExpressions : [];
  return {
    matchLabels: stringMap(r.matchLabels),
    matchExpressions: expressions.map((e) => {
      const x = record(e) ?? {};
      return { key: str(x.key), operator: str(x.operator), values: strings(x.values) };
    }),
  };
}

/** What an issue of one object names it by: the object, its kind, name and namespace. */
type IssueSubject<O> = [origin: O, kind: string, name: string, namespace: string | undefined];

function addIssue<O>(
  issues: RbacIssue<O>[],
  [origin, kind, name, namespace]: IssueSubject<O>,
  message: string,
): void {
  issues.push({ origin, object: describe(kind, name, namespace), message });
}

function describe(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/**
 * Turns Role/ClusterRole/RoleBinding/ClusterRoleBinding objects into the engine's model. Objects the
 * API server would reject are kept (and reported as issues): a manifest scan should still show their effect.
 */
export function normalizeObjects<O extends RbacInputObject>(objects: readonly O[]): NormalizedPolicy<O> {
  const roles: RbacRole<O>[] = [];
  const bindings: RbacBinding<O>[] = [];
  const issues: RbacIssue<O>[] = [];
  for (let order = 0; order < objects.length; order++) {
    const object = objects[order]!;
    const raw = object.raw;
    const kind = str(raw.kind);
    const meta = record(raw.metadata) ?? {};
    const name = str(meta.name);
    const labels = stringMap(meta.labels);
    const clusterScoped = kind === 'ClusterRole' || kind === 'ClusterRoleBinding';
    const namespace = clusterScoped ? undefined : object.namespace || str(meta.namespace) || undefined;
    // Issues are rare: a plain call, not a closure made per object (the CLI bundle keeps function names, esbuild
    // keepNames, so each such closure also cost a defineProperty of its `name`: ~0.5 µs and 200 bytes, 60,000 times).
    const issue: IssueSubject<O> = [object, kind, name, namespace];
    if (!clusterScoped && namespace === undefined)
      addIssue(issues, issue, 'namespaced RBAC object without a namespace');
    if (kind === 'Role' || kind === 'ClusterRole') {
      const declared = Array.isArray(raw.rules) ? raw.rules.map(normalizeRule) : [];
      for (let i = 0; i < declared.length; i++) {
        const rule = declared[i]!;
        if (rule.nonResourceURLs.length === 0) continue;
        if (rule.resources.length > 0)
          addIssue(issues, issue, `rules[${i}]: a rule may not mix resources and nonResourceURLs`);
        if (kind === 'Role')
          addIssue(issues, issue, `rules[${i}]: nonResourceURLs are not allowed in a namespaced Role`);
      }
      const aggregation = record(raw.aggregationRule);
      const role: RbacRole<O> = {
        kind,
        name,
        labels,
        rules: declared,
        declaredRules: declared,
        order,
        origin: object,
      };
      if (namespace !== undefined) role.namespace = namespace;
      if (kind === 'ClusterRole' && aggregation) {
        const selectors = Array.isArray(aggregation.clusterRoleSelectors)
          ? aggregation.clusterRoleSelectors
          : [];
        role.aggregationSelectors = selectors.map(normalizeSelector);
      }
      roles.push(role);
      continue;
    }
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const ref = record(raw.roleRef) ?? {};
      const roleRef: RoleRef = { kind: str(ref.kind), name: str(ref.name), apiGroup: str(ref.apiGroup) };
      if (kind === 'ClusterRoleBinding' && roleRef.kind !== 'ClusterRole')
        addIssue(
          issues,
          issue,
          `roleRef.kind must be ClusterRole in a ClusterRoleBinding, got "${roleRef.kind}"`,
        );
      const listed = Array.isArray(raw.subjects) ? raw.subjects : [];
      const subjects: Subject[] = new Array(listed.length);
      for (let i = 0; i < listed.length; i++) {
        const x = record(listed[i]) ?? {};
        const subject: Subject = { kind: str(x.kind), name: str(x.name) };
        if (typeof x.namespace === 'string') subject.namespace = x.namespace;
        if (typeof x.apiGroup === 'string') subject.apiGroup = x.apiGroup;
        subjects[i] = subject;
      }
      for (let i = 0; i < subjects.length; i++) {
        const s = subjects[i]!;
        if (s.kind === 'ServiceAccount') {
          if (kind === 'ClusterRoleBinding' && !s.namespace)
            addIssue(
              issues,
              issue,
              `subjects[${i}]: a ServiceAccount subject of a ClusterRoleBinding needs a namespace (it matches nobody)`,
            );
        } else if (s.kind !== 'User' && s.kind !== 'Group')
          addIssue(issues, issue, `subjects[${i}]: unknown subject kind "${s.kind}"`);
      }
      const binding: RbacBinding<O> = { kind, name, roleRef, subjects, labels, order, origin: object };
      if (namespace !== undefined) binding.namespace = namespace;
      bindings.push(binding);
    }
  }
  return { roles, bindings, issues };
}
