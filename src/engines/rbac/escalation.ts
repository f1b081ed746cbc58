import type { RbacEngine } from './engine.js';
import { ruleAllowsAnyName, rulesAllow } from './match.js';
import { serviceAccountUser } from './subjects.js';
import type { AccessRequest, PolicyRule, UserInfo } from './types.js';
import { hasConstrainedImpersonation, podStreamVerbSets } from './version.js';

// The escalation graph: nodes are identities (and "holds role R in scope S" pseudo-identities), edges are the
// primitives of rbac.md §3.3, each justified by the requests an `authorize` call must allow.

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

export interface EscalationContext {
  /** ServiceAccounts known to exist (objects, binding subjects, pod templates); `default` is added per namespace. */
  serviceAccounts?: readonly ServiceAccountRef[];
  /** ServiceAccounts used by pods / workload templates (exec, kubelet and node compromise reach these). */
  workloadServiceAccounts?: readonly ServiceAccountRef[];
  /** Legacy token Secrets (`kubernetes.io/service-account-token`) present, by namespace and Secret name. */
  tokenSecrets?: readonly (ServiceAccountRef & { secret: string })[];
  /** Pod Security enforce level per namespace, for namespaces whose labels are known (`privileged` if unset). */
  podSecurityEnforce?: ReadonlyMap<string, string>;
  k8sVersion?: string;
}

export type Goal = { kind: 'cluster-admin' } | { kind: 'permission'; request: AccessRequest };

export type Primitive =
  | 'create-pods'
  | 'create-workloads'
  | 'update-pods'
  | 'privileged-pod'
  | 'namespace-relabel'
  | 'exec'
  | 'attach'
  | 'ephemeral-containers'
  | 'nodes-proxy'
  | 'read-secrets'
  | 'token-request'
  | 'mint-token-secret'
  | 'mutating-webhook'
  | 'csr-approval'
  | 'impersonate'
  | 'bind'
  | 'escalate'
  | 'node-credentials'
  | 'holds-goal';

/** Who acts in a step: a real identity (checked with `authorize`) or a role it granted itself (checked on its rules). */
export type Actor =
  | { kind: 'identity'; user: UserInfo }
  | { kind: 'grant'; rules: readonly PolicyRule[]; namespace?: string; label: string };

export interface PathStep {
  primitive: Primitive;
  from: string;
  to: string;
  actor: Actor;
  /** Requests the actor must be allowed, each with its namespace (`''` = cluster scope). */
  requests: AccessRequest[];
  description: string;
}

export interface EscalationPath {
  start: string;
  goal: string;
  steps: PathStep[];
}

interface Edge {
  to: number;
  weight: 0 | 1;
  primitive: Primitive;
  requests: AccessRequest[];
  /** For edges into a "some SA in any namespace" hub: the namespace comes from the SA reached. */
  namespaceFromTarget?: boolean;
  description: string;
}

interface NodeData {
  id: string;
  actor?: Actor;
  /** Rules valid everywhere, and per namespace (already unioned with nothing: check both). */
  clusterRules?: readonly PolicyRule[];
  namespaceRules?: ReadonlyMap<string, readonly PolicyRule[]>;
  privileged?: boolean;
  edges: Edge[];
  expanded: boolean;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const WORKLOAD_CONTROLLERS: readonly [string, string, string][] = [
  ['apps', 'deployments', 'Deployment'],
  ['apps', 'daemonsets', 'DaemonSet'],
  ['apps', 'statefulsets', 'StatefulSet'],
  ['apps', 'replicasets', 'ReplicaSet'],
  ['', 'replicationcontrollers', 'ReplicationController'],
  ['batch', 'jobs', 'Job'],
  ['batch', 'cronjobs', 'CronJob'],
];
/**
 * A cluster-wide grant's step names no namespace until the path reaches a ServiceAccount: then the step is
 * phrased in that ServiceAccount's namespace (`create a Job in namespace argocd`), as its requests are.
 */
const ANY_NAMESPACE = 'any namespace';
const ENFORCING_LEVELS = new Set(['baseline', 'restricted']);
const FULL_RULE: PolicyRule = {
  verbs: ['*'],
  apiGroups: ['*'],
  resources: ['*'],
  resourceNames: [],
  nonResourceURLs: [],
};

export function subjectNodeId(kind: string, name: string, namespace?: string): string {
  return kind === 'ServiceAccount' ? `ServiceAccount:${namespace}:${name}` : `${kind}:${name}`;
}

/** The identity a graph start stands for: a User (authenticated), a member of a Group, or a ServiceAccount. */
export function identityOf(kind: string, name: string, namespace?: string): UserInfo {
  if (kind === 'ServiceAccount') return serviceAccountUser(namespace ?? '', name);
  if (kind === 'Group') return { name: `(member of ${name})`, groups: [name, 'system:authenticated'] };
  return { name, groups: ['system:authenticated'] };
}

/**
 * Which names a set of rules allows for `request` (whose name is ignored): `all` when a matching rule has no
 * resourceNames, else the union of the listed names. Exact: `*` in resourceNames is a literal name.
 */
export function allowedNames(rules: readonly PolicyRule[], request: AccessRequest): 'all' | Set<string> {
  const names = new Set<string>();
  for (const rule of rules) {
    if (!ruleAllowsAnyName(rule, request)) continue;
    if (rule.resourceNames.length === 0) return 'all';
    for (const n of rule.resourceNames) names.add(n);
  }
  return names;
}

/** Whether the rules grant `* * *` (every verb on every resource of every group). */
export function coversEverything(rules: readonly PolicyRule[]): boolean {
  return rules.some(
    (r) =>
      r.verbs.includes('*') &&
      r.apiGroups.includes('*') &&
      r.resources.includes('*') &&
      r.resourceNames.length === 0,
  );
}

/**
 * The escalation graph over every identity of the policy. Nodes are expanded lazily; `analyse(goal)` runs one
 * reverse 0-1 BFS from the goal, so the shortest path of every subject costs O(nodes + edges) in total.
 */
export class EscalationGraph<O = unknown> {
  private readonly nodes: NodeData[] = [];
  private readonly index = new Map<string, number>();
  private readonly serviceAccounts = new Map<string, ServiceAccountRef[]>();
  private readonly workloadSAs = new Map<string, ServiceAccountRef[]>();
  private readonly tokenSecrets = new Map<string, (ServiceAccountRef & { secret: string })[]>();
  private readonly users = new Set<string>();
  private readonly namespaces = new Set<string>();
  private allClusterRoleRules?: PolicyRule[];
  private goal: Goal = { kind: 'cluster-admin' };
  private readonly goalId = 'goal';

  constructor(
    readonly engine: RbacEngine<O>,
    readonly context: EscalationContext = {},
  ) {
    const addSA = (map: Map<string, ServiceAccountRef[]>, sa: ServiceAccountRef) => {
      const list = map.get(sa.namespace) ?? [];
      if (!list.some((s) => s.name === sa.name)) list.push({ namespace: sa.namespace, name: sa.name });
      map.set(sa.namespace, list);
      this.namespaces.add(sa.namespace);
    };
    for (const sa of context.serviceAccounts ?? []) addSA(this.serviceAccounts, sa);
    for (const sa of context.workloadServiceAccounts ?? []) {
      addSA(this.workloadSAs, sa);
      addSA(this.serviceAccounts, sa);
    }
    for (const t of context.tokenSecrets ?? []) {
      const list = this.tokenSecrets.get(t.namespace) ?? [];
      list.push(t);
      this.tokenSecrets.set(t.namespace, list);
      addSA(this.serviceAccounts, t);
    }
    for (const b of engine.bindings) {
      if (b.namespace) this.namespaces.add(b.namespace);
      for (const s of b.subjects) {
        if (s.kind === 'User') this.users.add(s.name);
        if (s.kind === 'ServiceAccount') {
          const ns = s.namespace || b.namespace;
          if (ns) addSA(this.serviceAccounts, { namespace: ns, name: s.name });
        }
      }
    }
    for (const ns of this.namespaces) addSA(this.serviceAccounts, { namespace: ns, name: 'default' });
  }

  /** Every subject named by a binding, plus every known ServiceAccount: the starts of the all-subject analysis. */
  subjects(): string[] {
    const out = new Set<string>();
    for (const b of this.engine.bindings) {
      for (const s of b.subjects) {
        if (s.kind === 'ServiceAccount') {
          const ns = s.namespace || b.namespace;
          if (ns) out.add(subjectNodeId('ServiceAccount', s.name, ns));
        } else if (s.kind === 'User' || s.kind === 'Group') out.add(subjectNodeId(s.kind, s.name));
      }
    }
    for (const list of this.serviceAccounts.values())
      for (const sa of list) out.add(subjectNodeId('ServiceAccount', sa.name, sa.namespace));
    return [...out];
  }

  private node(id: string, make: () => Omit<NodeData, 'id' | 'edges' | 'expanded'>): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.nodes.length;
      this.nodes.push({ id, ...make(), edges: [], expanded: false });
      this.index.set(id, i);
    }
    return i;
  }

  private identityNode(kind: string, name: string, namespace?: string): number {
    const id = subjectNodeId(kind, name, namespace);
    return this.node(id, () => {
      const user = identityOf(kind, name, namespace);
      const clusterRules = this.engine
        .clusterBindingsFor(user)
        .flatMap(({ binding }) => this.rulesOf(binding));
      const namespaceRules = new Map<string, PolicyRule[]>();
      for (const { binding } of this.engine.allNamespaceBindingsFor(user)) {
        const ns = binding.namespace ?? '';
        const list = namespaceRules.get(ns) ?? [];
        list.push(...this.rulesOf(binding));
        namespaceRules.set(ns, list);
      }
      return {
        actor: { kind: 'identity', user },
        clusterRules,
        namespaceRules,
        privileged: this.engine.isPrivileged(user),
      };
    });
  }

  private rulesOf(binding: Parameters<RbacEngine<O>['resolve']>[0]): readonly PolicyRule[] {
    return this.engine.resolve(binding).role?.rules ?? [];
  }

  private grantNode(label: string, rules: readonly PolicyRule[], namespace: string | undefined): number {
    const id = `grant:${label}@${namespace ?? '*'}`;
    return this.node(id, () => {
      const actor: Actor = { kind: 'grant', rules, label };
      if (namespace !== undefined) actor.namespace = namespace;
      return namespace === undefined
        ? { actor, clusterRules: rules, namespaceRules: new Map() }
        : { actor, clusterRules: [], namespaceRules: new Map([[namespace, rules]]) };
    });
  }

  private hub(id: string): number {
    return this.node(id, () => ({}));
  }

  private goalNode(): number {
    return this.node(this.goalId, () => ({}));
  }

  private allClusterRoleUnion(): PolicyRule[] {
    if (!this.allClusterRoleRules) {
      const seen = new Set<string>();
      this.allClusterRoleRules = [];
      for (const role of this.engine.roles) {
        if (role.kind !== 'ClusterRole') continue;
        for (const rule of role.rules) {
          const key = JSON.stringify(rule);
          if (!seen.has(key)) {
            seen.add(key);
            this.allClusterRoleRules.push(rule);
          }
        }
      }
    }
    return this.allClusterRoleRules;
  }

  private expand(i: number): void {
    const node = this.nodes[i]!;
    if (node.expanded) return;
    node.expanded = true;
    if (node.id.startsWith('hub:')) {
      this.expandHub(node);
      return;
    }
    if (node.id === this.goalId || !node.actor) return;
    if (node.privileged) {
      node.edges.push({
        to: this.goalNode(),
        weight: 1,
        primitive: 'holds-goal',
        requests: [],
        description: 'member of a privileged group: bypasses RBAC',
      });
      return;
    }
    const cluster = node.clusterRules ?? [];
    if (cluster.length === 0 && (node.namespaceRules?.size ?? 0) === 0) {
      // No rule at all (a ServiceAccount nothing binds): every edge needs a rule allowing a request, so there is
      // none. The two hubs the full expansion creates for it are created all the same, in the same order, so the
      // node numbering (and with it which of equally short paths is reported) does not change.
      this.hub('hub:sa:*');
      this.hub('hub:pod-sa:*');
      return;
    }
    const scopes: [string | undefined, readonly PolicyRule[]][] = [[undefined, cluster]];
    for (const [ns, rules] of node.namespaceRules ?? []) scopes.push([ns, [...cluster, ...rules]]);
    this.goalEdges(node, scopes);
    for (const [ns, rules] of scopes) this.scopeEdges(node, ns, rules, cluster);
  }

  private goalEdges(node: NodeData, scopes: [string | undefined, readonly PolicyRule[]][]): void {
    const goal = this.goal;
    if (goal.kind === 'cluster-admin') {
      if (coversEverything(node.clusterRules ?? []))
        node.edges.push({
          to: this.goalNode(),
          weight: 1,
          primitive: 'holds-goal',
          requests: [{ verb: '*', apiGroup: '*', resource: '*', namespace: '' }],
          description: 'holds every verb on every resource cluster-wide',
        });
      return;
    }
    const request = goal.request;
    const ns = request.path === undefined ? (request.namespace ?? '') : '';
    for (const [scope, rules] of scopes) {
      if (scope !== undefined && scope !== ns) continue;
      if (rulesAllow(rules, request) >= 0) {
        node.edges.push({
          to: this.goalNode(),
          weight: 1,
          primitive: 'holds-goal',
          requests: [request],
          description: 'holds the permission',
        });
        return;
      }
    }
  }

  private scopeEdges(
    node: NodeData,
    ns: string | undefined,
    rules: readonly PolicyRule[],
    clusterRules: readonly PolicyRule[],
  ): void {
    const allNs = ns === undefined;
    const here = ns ?? '';
    const req = (
      verb: string,
      apiGroup: string,
      resource: string,
      extra: Partial<AccessRequest> = {},
    ): AccessRequest => ({
      verb,
      apiGroup,
      resource,
      namespace: here,
      ...extra,
    });
    // Requests without a namespace are only ever authorised by cluster-wide grants (RoleBindings are not visited).
    const can = (r: AccessRequest) => rulesAllow(r.namespace ? rules : clusterRules, r) >= 0;
    const edge = (to: number, primitive: Primitive, requests: AccessRequest[], description: string) =>
      node.edges.push({
        to,
        weight: 1,
        primitive,
        requests,
        description,
        namespaceFromTarget: allNs && to !== this.goalNode(),
      });
    const saHub = allNs ? this.hub('hub:sa:*') : this.hub(`hub:sa:${here}`);
    const podHub = allNs ? this.hub('hub:pod-sa:*') : this.hub(`hub:pod-sa:${here}`);
    const nsText = allNs ? ANY_NAMESPACE : `namespace ${here}`;

    // Workload creation: run a pod as any ServiceAccount of the namespace (RBAC-WL-020/021).
    const createPods = req('create', '', 'pods');
    let podCreation: AccessRequest | undefined;
    if (can(createPods)) {
      podCreation = createPods;
      edge(saHub, 'create-pods', [createPods], `create a pod in ${nsText} running as the ServiceAccount`);
    } else {
      for (const [g, r, kind] of WORKLOAD_CONTROLLERS) {
        const c = req('create', g, r);
        if (!can(c)) continue;
        podCreation = c;
        edge(
          saHub,
          'create-workloads',
          [c],
          `create a ${kind} in ${nsText} whose pods run as the ServiceAccount`,
        );
        break;
      }
    }
    // Privileged pod ⇒ node (RBAC-WL-023), only where the namespace's labels are known not to enforce PSS.
    // (A cluster-wide pod creator already reaches every ServiceAccount: the node adds nothing.)
    if (podCreation && !allNs) {
      const level = this.context.podSecurityEnforce?.get(here);
      if (level !== undefined && !ENFORCING_LEVELS.has(level)) {
        edge(
          this.hub('hub:node'),
          'privileged-pod',
          [podCreation],
          `run a privileged pod in ${nsText} (no Pod Security enforcement) and take its node`,
        );
      } else if (level !== undefined) {
        const relabel = ['patch', 'update'].map((v) => req(v, '', 'namespaces', { name: here })).find(can);
        if (relabel)
          edge(
            this.hub('hub:node'),
            'namespace-relabel',
            [relabel, podCreation],
            `relabel namespace ${here} to drop Pod Security enforcement, then run a privileged pod`,
          );
      }
    }
    // Pod takeover of running pods (RBAC-WL-022, EXEC-030/031/032).
    for (const verbs of podStreamVerbSets(this.context.k8sVersion)) {
      const exec = verbs.map((v) => req(v, '', 'pods', { subresource: 'exec' }));
      if (exec.every(can)) {
        edge(podHub, 'exec', exec, `exec into a running pod in ${nsText}`);
        break;
      }
      const attach = verbs.map((v) => req(v, '', 'pods', { subresource: 'attach' }));
      if (attach.every(can)) {
        edge(podHub, 'attach', attach, `attach to a running pod in ${nsText}`);
        break;
      }
    }
    const ephemeral = ['patch', 'update']
      .map((v) => req(v, '', 'pods', { subresource: 'ephemeralcontainers' }))
      .find(can);
    if (ephemeral)
      edge(
        podHub,
        'ephemeral-containers',
        [ephemeral],
        `add an ephemeral container to a running pod in ${nsText}`,
      );
    const patchPods = ['patch', 'update'].map((v) => req(v, '', 'pods')).find(can);
    if (patchPods)
      edge(podHub, 'update-pods', [patchPods], `replace the image of a running pod in ${nsText}`);

    // Tokens (RBAC-SEC-040/041/042).
    const readable = allowedNames(rules, req('get', '', 'secrets'));
    if (readable === 'all' || readable.size > 0) {
      const secretsInScope = allNs
        ? [...this.tokenSecrets.values()].flat()
        : (this.tokenSecrets.get(here) ?? []);
      for (const t of secretsInScope) {
        if (readable !== 'all' && !readable.has(t.secret)) continue;
        const get = { ...req('get', '', 'secrets', { name: t.secret }), namespace: t.namespace };
        edge(
          this.identityNode('ServiceAccount', t.name, t.namespace),
          'read-secrets',
          [get],
          `read the token Secret ${t.namespace}/${t.secret}`,
        );
      }
    }
    const createSecret = req('create', '', 'secrets');
    const readSecrets = req('get', '', 'secrets');
    if (can(createSecret) && can(readSecrets))
      edge(
        saHub,
        'mint-token-secret',
        [createSecret, readSecrets],
        `create a service-account-token Secret in ${nsText} and read it`,
      );
    const tokenNames = allowedNames(rules, req('create', '', 'serviceaccounts', { subresource: 'token' }));
    if (tokenNames === 'all')
      edge(
        saHub,
        'token-request',
        [req('create', '', 'serviceaccounts', { subresource: 'token' })],
        `request a token for a ServiceAccount in ${nsText}`,
      );
    else if (!allNs) {
      for (const name of tokenNames)
        edge(
          this.identityNode('ServiceAccount', name, here),
          'token-request',
          [req('create', '', 'serviceaccounts', { subresource: 'token', name })],
          `request a token for ServiceAccount ${here}/${name}`,
        );
    }

    // Impersonation (RBAC-IMP-014): ServiceAccounts are namespaced; users and groups cluster-scoped.
    const impSA = allowedNames(rules, req('impersonate', '', 'serviceaccounts'));
    if (impSA === 'all')
      edge(
        saHub,
        'impersonate',
        [req('impersonate', '', 'serviceaccounts')],
        `impersonate a ServiceAccount in ${nsText}`,
      );
    else if (!allNs)
      for (const name of impSA)
        edge(
          this.identityNode('ServiceAccount', name, here),
          'impersonate',
          [req('impersonate', '', 'serviceaccounts', { name })],
          `impersonate ServiceAccount ${here}/${name}`,
        );
    if (allNs) this.impersonationEdges(rules, edge);

    // Kubelet (RBAC-NODE-035): any verb on nodes/proxy reaches every pod of every node.
    if (
      allNs &&
      ['get', 'create', 'update', 'patch', 'delete'].some((v) =>
        can(req(v, '', 'nodes', { subresource: 'proxy' })),
      )
    ) {
      const verb = ['get', 'create', 'update', 'patch', 'delete'].find((v) =>
        can(req(v, '', 'nodes', { subresource: 'proxy' })),
      )!;
      edge(
        this.hub('hub:pod-sa:*'),
        'nodes-proxy',
        [req(verb, '', 'nodes', { subresource: 'proxy' })],
        'run commands in any pod through the kubelet API (nodes/proxy)',
      );
    }
    if (allNs) {
      const hook = ['create', 'update', 'patch']
        .map((v) => req(v, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations'))
        .find(can);
      if (hook)
        edge(
          this.hub('hub:sa:*'),
          'mutating-webhook',
          [hook],
          'register a mutating webhook that rewrites any pod (ServiceAccount, privileges)',
        );
      const csr = [
        req('create', 'certificates.k8s.io', 'certificatesigningrequests'),
        req('update', 'certificates.k8s.io', 'certificatesigningrequests', { subresource: 'approval' }),
        req('approve', 'certificates.k8s.io', 'signers', { name: 'kubernetes.io/kube-apiserver-client' }),
      ];
      if (csr.every(can))
        edge(
          this.hub('hub:masters'),
          'csr-approval',
          csr,
          'issue and approve a client certificate for group system:masters',
        );
    }
    this.bindEdges(node, ns, rules, can, edge, req);
  }

  private impersonationEdges(
    rules: readonly PolicyRule[],
    edge: (to: number, p: Primitive, r: AccessRequest[], d: string) => void,
  ): void {
    const users = allowedNames(rules, {
      verb: 'impersonate',
      apiGroup: '',
      resource: 'users',
      namespace: '',
    });
    const groups = allowedNames(rules, {
      verb: 'impersonate',
      apiGroup: '',
      resource: 'groups',
      namespace: '',
    });
    const someUser = users === 'all' ? 'any-user' : [...users][0];
    if (someUser !== undefined && (groups === 'all' || groups.has('system:masters'))) {
      const userReq: AccessRequest = {
        verb: 'impersonate',
        apiGroup: '',
        resource: 'users',
        namespace: '',
        name: someUser,
      };
      edge(
        this.hub('hub:masters'),
        'impersonate',
        [
          userReq,
          { verb: 'impersonate', apiGroup: '', resource: 'groups', namespace: '', name: 'system:masters' },
        ],
        'impersonate group system:masters',
      );
    }
    const userTargets = users === 'all' ? [...this.users] : [...users];
    for (const name of userTargets) {
      const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
      if (sa) continue; // SA usernames are authorised on `serviceaccounts`, not `users`.
      edge(
        this.identityNode('User', name),
        'impersonate',
        [{ verb: 'impersonate', apiGroup: '', resource: 'users', namespace: '', name }],
        `impersonate user ${name}`,
      );
    }
    if (someUser !== undefined && groups !== 'all') {
      for (const g of groups) {
        if (g === 'system:masters') continue;
        edge(
          this.identityNode('Group', g),
          'impersonate',
          [{ verb: 'impersonate', apiGroup: '', resource: 'groups', namespace: '', name: g }],
          `impersonate group ${g}`,
        );
      }
    }
    if (hasConstrainedImpersonation(this.context.k8sVersion)) {
      // KEP-5284 verbs: `impersonate:serviceaccount` also needs `impersonate-on:<verb>`; modelled as the SA hub.
      const constrained = {
        verb: 'impersonate:serviceaccount',
        apiGroup: '',
        resource: 'serviceaccounts',
        namespace: '',
      };
      if (allowedNames(rules, constrained) === 'all')
        edge(
          this.hub('hub:sa:*'),
          'impersonate',
          [constrained],
          'impersonate any ServiceAccount (constrained impersonation)',
        );
    }
  }

  private bindEdges(
    node: NodeData,
    ns: string | undefined,
    rules: readonly PolicyRule[],
    can: (r: AccessRequest) => boolean,
    edge: (to: number, p: Primitive, r: AccessRequest[], d: string) => void,
    req: (verb: string, apiGroup: string, resource: string, extra?: Partial<AccessRequest>) => AccessRequest,
  ): void {
    const allNs = ns === undefined;
    // Cluster-wide grants: a ClusterRoleBinding; namespace grants: a RoleBinding in that namespace.
    const targets: (string | undefined)[] = allNs ? [undefined] : [ns];
    for (const target of targets) {
      const bindingResource = target === undefined ? 'clusterrolebindings' : 'rolebindings';
      const createBinding = { ...req('create', RBAC_GROUP, bindingResource), namespace: target ?? '' };
      if (!can(createBinding)) continue;
      const bindReq = { ...req('bind', RBAC_GROUP, 'clusterroles'), namespace: target ?? '' };
      const names = allowedNames(rules, bindReq);
      if (names === 'all') {
        const escalateAll = allowedNames(rules, {
          ...req('escalate', RBAC_GROUP, 'clusterroles'),
          namespace: '',
        });
        const createRole = can({ ...req('create', RBAC_GROUP, 'clusterroles'), namespace: '' });
        if (escalateAll === 'all' && createRole) {
          edge(
            this.grantNode('any', [FULL_RULE], target),
            'escalate',
            [
              { ...req('create', RBAC_GROUP, 'clusterroles'), namespace: '' },
              { ...req('escalate', RBAC_GROUP, 'clusterroles'), namespace: '' },
              { ...bindReq, name: 'any' },
              createBinding,
            ],
            `create a ClusterRole with any rule (escalate) and bind it ${target === undefined ? 'cluster-wide' : `in ${target}`}`,
          );
        } else {
          edge(
            this.grantNode('all-clusterroles', this.allClusterRoleUnion(), target),
            'bind',
            [{ ...bindReq, name: 'any' }, createBinding],
            `bind any ClusterRole ${target === undefined ? 'cluster-wide' : `in ${target}`}`,
          );
        }
      } else {
        for (const name of names) {
          const role = this.engine.getRole('ClusterRole', name);
          if (!role) continue;
          edge(
            this.grantNode(`ClusterRole:${name}`, role.rules, target),
            'bind',
            [{ ...bindReq, name }, createBinding],
            `bind ClusterRole ${name} ${target === undefined ? 'cluster-wide' : `in ${target}`}`,
          );
        }
      }
      if (target !== undefined) {
        const roleNames = allowedNames(rules, { ...req('bind', RBAC_GROUP, 'roles'), namespace: target });
        const roles =
          roleNames === 'all'
            ? this.engine.rolesIn(target)
            : [...roleNames]
                .map((n) => this.engine.getRole('Role', n, target))
                .filter((r) => r !== undefined);
        for (const role of roles)
          edge(
            this.grantNode(`Role:${target}/${role.name}`, role.rules, target),
            'bind',
            [{ ...req('bind', RBAC_GROUP, 'roles', { name: role.name }), namespace: target }, createBinding],
            `bind Role ${target}/${role.name}`,
          );
      }
    }
    // `escalate` + update on a role the identity is already bound to: add any rule to it.
    if (node.actor?.kind !== 'identity') return;
    const user = node.actor.user;
    const mayEscalate = (resource: string, namespace: string) => {
      const names = allowedNames(rules, { ...req('escalate', RBAC_GROUP, resource), namespace });
      return names === 'all' || names.size > 0;
    };
    if (!mayEscalate('clusterroles', '') && (allNs || !mayEscalate('roles', ns))) return;
    const applied = allNs ? this.engine.clusterBindingsFor(user) : this.engine.namespaceBindingsFor(user, ns);
    for (const { binding } of applied) {
      const role = this.engine.resolve(binding).role;
      if (!role) continue;
      const resource = role.kind === 'ClusterRole' ? 'clusterroles' : 'roles';
      const roleNs = role.namespace ?? '';
      const esc = { ...req('escalate', RBAC_GROUP, resource, { name: role.name }), namespace: roleNs };
      const upd = ['update', 'patch']
        .map((v) => ({ ...req(v, RBAC_GROUP, resource, { name: role.name }), namespace: roleNs }))
        .find(can);
      if (upd && can(esc)) {
        edge(
          this.grantNode(
            'any',
            [FULL_RULE],
            binding.kind === 'ClusterRoleBinding' ? undefined : binding.namespace,
          ),
          'escalate',
          [esc, upd],
          `add any rule to ${role.kind} ${role.name} (escalate), which it is bound to`,
        );
        return;
      }
    }
  }

  private expandHub(node: NodeData): void {
    const id = node.id;
    const to = (kind: string, name: string, ns?: string) => this.identityNode(kind, name, ns);
    const zero = (target: number, description: string) =>
      node.edges.push({ to: target, weight: 0, primitive: 'create-pods', requests: [], description });
    if (id === 'hub:masters') {
      node.edges.push({
        to: this.identityNode('Group', 'system:masters'),
        weight: 0,
        primitive: 'impersonate',
        requests: [],
        description: '',
      });
      return;
    }
    if (id === 'hub:node') {
      node.edges.push({
        to: this.hub('hub:pod-sa:*'),
        weight: 0,
        primitive: 'node-credentials',
        requests: [],
        description: 'steal the tokens of the pods on the node',
      });
      return;
    }
    const m = /^hub:(sa|pod-sa):(.*)$/.exec(id)!;
    const source = m[1] === 'sa' ? this.serviceAccounts : this.workloadSAs;
    const namespaces = m[2] === '*' ? [...source.keys()] : [m[2]!];
    for (const ns of namespaces)
      for (const sa of source.get(ns) ?? []) zero(to('ServiceAccount', sa.name, ns), '');
  }

  /**
   * Shortest escalation path of every subject to the goal (one reverse 0-1 BFS from the goal over the whole
   * graph). Returns the number of steps for every subject that reaches it; `pathOf` then gives each path.
   */
  analyse(goal: Goal = { kind: 'cluster-admin' }): Map<string, number> {
    this.reset(goal);
    if (this.engine.bindings.length === 0 && !this.anyPrivilegedServiceAccount()) {
      // No binding: no identity holds a rule, the subjects are the ServiceAccounts, and none of them is in a
      // privileged group, so nothing reaches the goal (the full analysis finds no edge either).
      this.dist = [];
      this.next = [];
      return new Map();
    }
    const starts = this.subjects().map((s) => this.indexOfSubject(s));
    this.solve();
    const out = new Map<string, number>();
    for (const s of starts) if (Number.isFinite(this.dist[s]!)) out.set(this.nodes[s]!.id, this.dist[s]!);
    return out;
  }

  private anyPrivilegedServiceAccount(): boolean {
    for (const list of this.serviceAccounts.values())
      for (const sa of list)
        if (this.engine.isPrivileged(identityOf('ServiceAccount', sa.name, sa.namespace))) return true;
    return false;
  }

  /** The shortest path from `subject` (`User:alice`, `Group:g`, `ServiceAccount:ns:name`) to the goal. */
  paths(subject: string, goal: Goal = { kind: 'cluster-admin' }): EscalationPath | undefined {
    this.reset(goal);
    this.indexOfSubject(subject);
    this.solve();
    return this.pathOf(subject);
  }

  private next: (Edge | undefined)[] = [];
  private dist: number[] = [];

  private reset(goal: Goal): void {
    this.goal = goal;
    // Goal edges depend on the goal: drop every expansion.
    this.nodes.length = 0;
    this.index.clear();
  }

  private indexOfSubject(id: string): number {
    const existing = this.index.get(id);
    if (existing !== undefined) return existing;
    const m = /^(User|Group|ServiceAccount):(.*)$/.exec(id);
    if (!m)
      throw new Error(
        `unknown subject "${id}" (expected User:NAME, Group:NAME or ServiceAccount:NAMESPACE:NAME)`,
      );
    if (m[1] === 'ServiceAccount') {
      const [ns, ...rest] = m[2]!.split(':');
      return this.identityNode('ServiceAccount', rest.join(':'), ns);
    }
    return this.identityNode(m[1]!, m[2]!);
  }

  /** Expands every node reachable from those created so far, then runs the reverse 0-1 BFS from the goal. */
  private solve(): void {
    const stack = this.nodes.map((_, i) => i);
    stack.push(this.goalNode());
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (this.nodes[i]!.expanded) continue;
      this.expand(i);
      for (const e of this.nodes[i]!.edges) if (!this.nodes[e.to]!.expanded) stack.push(e.to);
    }
    const reverse: { from: number; edge: Edge }[][] = this.nodes.map(() => []);
    this.nodes.forEach((n, from) => {
      for (const edge of n.edges) reverse[edge.to]!.push({ from, edge });
    });
    const dist = new Array<number>(this.nodes.length).fill(Number.POSITIVE_INFINITY);
    this.next = new Array(this.nodes.length);
    const g = this.goalNode();
    dist[g] = 0;
    // Deque: weight-0 edges go to the front (a stack), weight-1 edges to the back (a queue).
    const back: number[] = [g];
    const front: number[] = [];
    let head = 0;
    while (front.length > 0 || head < back.length) {
      const v = front.length > 0 ? front.pop()! : back[head++]!;
      for (const { from, edge } of reverse[v]!) {
        const d = dist[v]! + edge.weight;
        if (d < dist[from]!) {
          dist[from] = d;
          this.next[from] = edge;
          if (edge.weight === 0) front.push(from);
          else back.push(from);
        }
      }
    }
    this.dist = dist;
  }

  /** After `analyse`/`paths`: the path of one subject, hubs folded into the step that entered them. */
  pathOf(subject: string): EscalationPath | undefined {
    const start = this.index.get(subject);
    if (start === undefined || !Number.isFinite(this.dist[start] ?? Number.POSITIVE_INFINITY))
      return undefined;
    return this.pathFrom(subject, start, this.next[start]!);
  }

  /**
   * After `analyse`/`paths`: up to `limit` shortest paths of one subject that differ in their first step (each
   * first edge that lies on a shortest path, then the shortest continuation).
   */
  alternativesOf(subject: string, limit = 3): EscalationPath[] {
    const start = this.index.get(subject);
    const best =
      start === undefined ? Number.POSITIVE_INFINITY : (this.dist[start] ?? Number.POSITIVE_INFINITY);
    if (start === undefined || !Number.isFinite(best)) return [];
    const out: EscalationPath[] = [];
    const seen = new Set<string>();
    for (const edge of this.nodes[start]!.edges) {
      if (out.length >= limit) break;
      if ((this.dist[edge.to] ?? Number.POSITIVE_INFINITY) + edge.weight !== best) continue;
      const path = this.pathFrom(subject, start, edge);
      const key = path.steps.map((s) => `${s.primitive}>${s.to}`).join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(path);
    }
    return out;
  }

  private pathFrom(subject: string, start: number, first: Edge): EscalationPath {
    const steps: PathStep[] = [];
    let v = start;
    let edge: Edge = first;
    let guard = this.nodes.length + 1;
    while (this.nodes[v]!.id !== this.goalId && guard-- > 0) {
      const node = this.nodes[v]!;
      let target = edge.to;
      const via: string[] = [];
      while (this.nodes[target]!.id.startsWith('hub:')) {
        const hubEdge = this.next[target]!;
        if (hubEdge.description) via.push(hubEdge.description);
        target = hubEdge.to;
      }
      const targetId = this.nodes[target]!.id;
      const saNs = /^ServiceAccount:([^:]*):/.exec(targetId)?.[1];
      const scoped = edge.namespaceFromTarget && saNs !== undefined;
      const requests = edge.requests.map((r) =>
        edge.namespaceFromTarget &&
        saNs !== undefined &&
        r.namespace === '' &&
        r.path === undefined &&
        !isClusterScoped(r)
          ? { ...r, namespace: saNs }
          : r,
      );
      steps.push({
        primitive: edge.primitive,
        from: node.id,
        to: targetId,
        actor: node.actor!,
        requests,
        description: [
          scoped
            ? edge.description.replaceAll(`in ${ANY_NAMESPACE}`, `in namespace ${saNs}`)
            : edge.description,
          ...via,
        ]
          .filter(Boolean)
          .join('; '),
      });
      v = target;
      if (this.nodes[v]!.id !== this.goalId) edge = this.next[v]!;
    }
    return {
      start: subject,
      goal: this.goal.kind === 'cluster-admin' ? 'cluster-admin' : describeRequest(this.goal.request),
      steps,
    };
  }
}

const CLUSTER_SCOPED = new Set([
  'nodes',
  'namespaces',
  'users',
  'groups',
  'clusterroles',
  'clusterrolebindings',
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
  'certificatesigningrequests',
  'signers',
  'persistentvolumes',
  'customresourcedefinitions',
]);

function isClusterScoped(r: AccessRequest): boolean {
  return CLUSTER_SCOPED.has(r.resource ?? '');
}

export function describeRequest(r: AccessRequest): string {
  if (r.path !== undefined) return `${r.verb} ${r.path}`;
  const res = r.subresource ? `${r.resource}/${r.subresource}` : (r.resource ?? '');
  const group = r.apiGroup ? `.${r.apiGroup}` : '';
  const name = r.name ? `/${r.name}` : '';
  const ns = r.namespace ? ` in ${r.namespace}` : '';
  return `${r.verb} ${res}${group}${name}${ns}`;
}

/** Checks one step the way the API server would: identities with `authorize`, self-granted roles on their rules. */
export function verifyStep<O>(engine: RbacEngine<O>, step: PathStep): boolean {
  const actor = step.actor;
  return step.requests.every((r) => {
    if (actor.kind === 'identity')
      return engine.authorize({ ...r, user: actor.user.name, groups: actor.user.groups ?? [] }).allowed;
    const ns = r.path === undefined ? (r.namespace ?? '') : '';
    if (actor.namespace !== undefined && ns !== actor.namespace) return false;
    return rulesAllow(actor.rules, r) >= 0;
  });
}
