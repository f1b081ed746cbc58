/** A PolicyRule as written in a Role or ClusterRole (`rbac.authorization.k8s.io/v1`). */
export interface PolicyRule {
  verbs: readonly string[];
  apiGroups: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface Subject {
  kind: string;
  name: string;
  /** ServiceAccount subjects only; in a RoleBinding an empty value means the binding's namespace. */
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  kind: string;
  name: string;
  apiGroup?: string;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values: readonly string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: readonly LabelSelectorRequirement[];
}

/** A Role (namespace set) or ClusterRole (namespace undefined), with aggregation already applied. */
export interface RbacRole<O = unknown> {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  /** Effective rules: for an aggregated ClusterRole, the recomputed union (see aggregate.ts). */
  rules: readonly PolicyRule[];
  /** The rules as written (before aggregation). */
  declaredRules: readonly PolicyRule[];
  /** Selectors of `aggregationRule.clusterRoleSelectors`; undefined when the role is not aggregated. */
  aggregationSelectors?: readonly LabelSelector[];
  /** For an aggregated role: the names of the ClusterRoles whose rules were gathered, in gathering order. */
  aggregatedFrom?: readonly string[];
  /** Input order (0-based) among all RBAC objects; upstream lists are unordered, we keep input order. */
  order: number;
  origin?: O;
}

export interface RbacBinding<O = unknown> {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  roleRef: RoleRef;
  subjects: readonly Subject[];
  labels: Record<string, string>;
  order: number;
  origin?: O;
}

/** Who makes a request: the authenticated user as the API server sees it. */
export interface UserInfo {
  name: string;
  groups?: readonly string[];
}

/** Attributes of a request, as `authorizer.Attributes`. A request with `path` is a non-resource request. */
export interface AccessRequest {
  verb: string;
  /** API group; `''` is the core group. */
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** `''`/undefined for cluster-scoped requests. */
  namespace?: string;
  /** Non-resource URL (e.g. `/healthz`). */
  path?: string;
}

export interface AuthorizeRequest extends AccessRequest {
  user: string;
  groups?: readonly string[];
}

/** How one rule of one role reached a subject: the evidence chain binding → role → rule. */
export interface GrantChain<O = unknown> {
  binding: RbacBinding<O>;
  role?: RbacRole<O>;
  /** Index of the matching rule in the role's effective rules. */
  ruleIndex: number;
  rule: PolicyRule;
  /** Index of the matching subject in the binding. */
  subjectIndex: number;
}

export interface Decision<O = unknown> {
  allowed: boolean;
  /** Upstream form: `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`. */
  reason: string;
  /** The first grant that allowed the request (absent when denied or allowed by `system:masters`). */
  grant?: GrantChain<O>;
  /** Resolution errors met on the way (dangling roleRefs), as upstream aggregates them. */
  errors: string[];
}

/** A problem with an RBAC object that the API server would reject or that cannot be resolved. */
export interface RbacIssue<O = unknown> {
  origin?: O;
  object: string;
  message: string;
}
