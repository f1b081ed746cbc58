import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EscalationContext, EscalationGraph, type Goal, verifyStep } from './escalation.js';
import {
  clusterRole,
  clusterRoleBinding,
  engineOf,
  group,
  type RuleSpec,
  roleBinding,
  sa,
  user,
} from './testFixtures.js';

// One case per escalation primitive (rbac.md §3.3), each checked for the exact chain and verified with authorize.

type Raw = Record<string, unknown>;
const admin = clusterRole('cluster-admin', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
const saAdmin = (ns: string) => clusterRoleBinding(`sa-admin-${ns}`, 'cluster-admin', [sa(ns, 'admin')]);
const power = (rules: RuleSpec[], bindingNamespace?: string): Raw[] => [
  clusterRole('power', rules),
  bindingNamespace
    ? roleBinding(bindingNamespace, 'alice-power', { kind: 'ClusterRole', name: 'power' }, [user('alice')])
    : clusterRoleBinding('alice-power', 'power', [user('alice')]),
];

function pathOf(objects: Raw[], context: EscalationContext = {}, goal: Goal = { kind: 'cluster-admin' }) {
  const engine = engineOf(objects, context.k8sVersion ? { k8sVersion: context.k8sVersion } : {});
  const graph = new EscalationGraph(engine, context);
  const path = graph.paths('User:alice', goal);
  if (path) for (const step of path.steps) assert.ok(verifyStep(engine, step), step.description);
  return path?.steps.map((s) => `${s.primitive} → ${s.to}`);
}

describe('escalation primitives', () => {
  test('create pods in a namespace ⇒ run as its ServiceAccounts (RBAC-WL-020)', () => {
    assert.deepEqual(
      pathOf([
        admin,
        saAdmin('ns1'),
        ...power([{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }], 'ns1'),
      ]),
      ['create-pods → ServiceAccount:ns1:admin', 'holds-goal → goal'],
    );
  });
  test('pod creation rights in another namespace do not reach the SA', () => {
    assert.equal(
      pathOf([
        admin,
        saAdmin('ns2'),
        ...power([{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }], 'ns1'),
      ]),
      undefined,
    );
  });
  test('create a workload controller (RBAC-WL-021)', () => {
    assert.deepEqual(
      pathOf([
        admin,
        saAdmin('ns1'),
        ...power([{ verbs: ['create'], apiGroups: ['batch'], resources: ['cronjobs'] }], 'ns1'),
      ]),
      ['create-workloads → ServiceAccount:ns1:admin', 'holds-goal → goal'],
    );
  });
  test('get pods/exec reaches running pods before 1.35 only (RBAC-EXEC-030)', () => {
    const objects = [
      admin,
      saAdmin('ns1'),
      ...power([{ verbs: ['get'], apiGroups: [''], resources: ['pods/exec'] }], 'ns1'),
    ];
    const workloads = { workloadServiceAccounts: [{ namespace: 'ns1', name: 'admin' }] };
    assert.deepEqual(pathOf(objects, { ...workloads, k8sVersion: '1.34' }), [
      'exec → ServiceAccount:ns1:admin',
      'holds-goal → goal',
    ]);
    assert.equal(pathOf(objects, { ...workloads, k8sVersion: '1.35' }), undefined);
    assert.equal(pathOf(objects, workloads), undefined);
  });
  test('create pods/exec only reaches ServiceAccounts that run in a pod', () => {
    const objects = [
      admin,
      saAdmin('ns1'),
      ...power([{ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }], 'ns1'),
    ];
    assert.equal(pathOf(objects), undefined);
    assert.deepEqual(pathOf(objects, { workloadServiceAccounts: [{ namespace: 'ns1', name: 'admin' }] }), [
      'exec → ServiceAccount:ns1:admin',
      'holds-goal → goal',
    ]);
  });
  test('read a token Secret (RBAC-SEC-040), honouring resourceNames', () => {
    const secret = { tokenSecrets: [{ namespace: 'ns1', name: 'admin', secret: 'admin-token' }] };
    const rule = (names: string[]) =>
      power([{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: names }], 'ns1');
    assert.deepEqual(pathOf([admin, saAdmin('ns1'), ...rule(['admin-token'])], secret), [
      'read-secrets → ServiceAccount:ns1:admin',
      'holds-goal → goal',
    ]);
    assert.equal(pathOf([admin, saAdmin('ns1'), ...rule(['other'])], secret), undefined);
  });
  test('create + get secrets mints a token for any SA of the namespace (RBAC-SEC-042)', () => {
    assert.deepEqual(
      pathOf([
        admin,
        saAdmin('ns1'),
        ...power([{ verbs: ['create', 'get'], apiGroups: [''], resources: ['secrets'] }], 'ns1'),
      ]),
      ['mint-token-secret → ServiceAccount:ns1:admin', 'holds-goal → goal'],
    );
  });
  test('TokenRequest for a named ServiceAccount (RBAC-SEC-041)', () => {
    const rule = (names: string[]) =>
      power(
        [{ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: names }],
        'ns1',
      );
    assert.deepEqual(pathOf([admin, saAdmin('ns1'), ...rule(['admin'])]), [
      'token-request → ServiceAccount:ns1:admin',
      'holds-goal → goal',
    ]);
    assert.equal(pathOf([admin, saAdmin('ns1'), ...rule(['*'])]), undefined);
  });
  test('impersonate group system:masters (RBAC-IMP-014)', () => {
    assert.deepEqual(
      pathOf(power([{ verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] }])),
      ['impersonate → Group:system:masters', 'holds-goal → goal'],
    );
  });
  test('impersonating groups without being able to impersonate a user is useless', () => {
    assert.equal(
      pathOf(power([{ verbs: ['impersonate'], apiGroups: [''], resources: ['groups'] }])),
      undefined,
    );
  });
  test('impersonate a named user', () => {
    const objects = [admin, clusterRoleBinding('bob-admin', 'cluster-admin', [user('bob')])];
    assert.deepEqual(
      pathOf([
        ...objects,
        ...power([{ verbs: ['impersonate'], apiGroups: [''], resources: ['users'], resourceNames: ['bob'] }]),
      ]),
      ['impersonate → User:bob', 'holds-goal → goal'],
    );
  });
  test('bind a named ClusterRole with create clusterrolebindings (RBAC-ESC-011)', () => {
    const rules = (names: string[]): RuleSpec[] => [
      {
        verbs: ['bind'],
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        resourceNames: names,
      },
      { verbs: ['create'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'] },
    ];
    assert.deepEqual(pathOf([admin, ...power(rules(['cluster-admin']))]), [
      'bind → grant:ClusterRole:cluster-admin@*',
      'holds-goal → goal',
    ]);
    // resourceNames ["*"] is a literal name, not a wildcard (KubeHound's ROLE_BIND fixture is not exploitable).
    assert.equal(pathOf([admin, ...power(rules(['*']))]), undefined);
  });
  test('creating bindings without bind grants nothing new (RBAC-ESC-012 is not escalation)', () => {
    assert.equal(
      pathOf([
        admin,
        ...power([
          { verbs: ['create'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'] },
        ]),
      ]),
      undefined,
    );
  });
  test('bind in a namespace gives the ClusterRole there only', () => {
    const rules: RuleSpec[] = [
      { verbs: ['bind'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] },
      { verbs: ['create'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'] },
    ];
    assert.equal(pathOf([admin, ...power(rules, 'ns1')]), undefined);
    assert.deepEqual(pathOf([admin, saAdmin('ns1'), ...power(rules, 'ns1')]), [
      'bind → grant:all-clusterroles@ns1',
      'create-pods → ServiceAccount:ns1:admin',
      'holds-goal → goal',
    ]);
  });
  test('escalate + update on a ClusterRole it is bound to (RBAC-ESC-010)', () => {
    const rules: RuleSpec[] = [
      {
        verbs: ['escalate', 'update'],
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        resourceNames: ['power'],
      },
    ];
    assert.deepEqual(pathOf(power(rules)), ['escalate → grant:any@*', 'holds-goal → goal']);
    assert.equal(
      pathOf(
        power([{ verbs: ['update'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] }]),
      ),
      undefined,
    );
  });
  test('any verb on nodes/proxy reaches every running pod (RBAC-NODE-035)', () => {
    assert.deepEqual(
      pathOf(
        [
          admin,
          saAdmin('kube-system'),
          ...power([{ verbs: ['get'], apiGroups: [''], resources: ['nodes/proxy'] }]),
        ],
        {
          workloadServiceAccounts: [{ namespace: 'kube-system', name: 'admin' }],
        },
      ),
      ['nodes-proxy → ServiceAccount:kube-system:admin', 'holds-goal → goal'],
    );
  });
  test('a privileged pod where Pod Security is not enforced takes the node (RBAC-WL-023)', () => {
    const objects = [
      admin,
      saAdmin('kube-system'),
      ...power([{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }], 'ns1'),
    ];
    const ctx = (level: string) => ({
      workloadServiceAccounts: [{ namespace: 'kube-system', name: 'admin' }],
      podSecurityEnforce: new Map([['ns1', level]]),
    });
    assert.deepEqual(pathOf(objects, ctx('privileged')), [
      'privileged-pod → ServiceAccount:kube-system:admin',
      'holds-goal → goal',
    ]);
    assert.equal(pathOf(objects, ctx('restricted')), undefined);
    // Unknown namespace labels: not evaluated, no edge.
    assert.equal(
      pathOf(objects, { workloadServiceAccounts: [{ namespace: 'kube-system', name: 'admin' }] }),
      undefined,
    );
  });
  test('relabelling an enforcing namespace then running a privileged pod (RBAC-WL-024)', () => {
    const objects = [
      admin,
      saAdmin('kube-system'),
      ...power(
        [
          { verbs: ['create'], apiGroups: [''], resources: ['pods'] },
          { verbs: ['patch'], apiGroups: [''], resources: ['namespaces'] },
        ],
        'ns1',
      ),
    ];
    assert.deepEqual(
      pathOf(objects, {
        workloadServiceAccounts: [{ namespace: 'kube-system', name: 'admin' }],
        podSecurityEnforce: new Map([['ns1', 'baseline']]),
      }),
      ['namespace-relabel → ServiceAccount:kube-system:admin', 'holds-goal → goal'],
    );
  });
  test('a mutating webhook rewrites pods to any ServiceAccount (RBAC-CTL-050)', () => {
    assert.deepEqual(
      pathOf([
        admin,
        saAdmin('kube-system'),
        ...power([
          {
            verbs: ['create'],
            apiGroups: ['admissionregistration.k8s.io'],
            resources: ['mutatingwebhookconfigurations'],
          },
        ]),
      ]),
      ['mutating-webhook → ServiceAccount:kube-system:admin', 'holds-goal → goal'],
    );
  });
  test('CSR create + approval + approve on the kube-apiserver-client signer (RBAC-CTL-052)', () => {
    const rules: RuleSpec[] = [
      { verbs: ['create'], apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'] },
      {
        verbs: ['update'],
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests/approval'],
      },
      {
        verbs: ['approve'],
        apiGroups: ['certificates.k8s.io'],
        resources: ['signers'],
        resourceNames: ['kubernetes.io/kube-apiserver-client'],
      },
    ];
    assert.deepEqual(pathOf(power(rules)), ['csr-approval → Group:system:masters', 'holds-goal → goal']);
    assert.equal(pathOf(power(rules.slice(0, 2))), undefined);
  });
  test('a named permission as the goal', () => {
    const objects = [
      clusterRole('secret-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }]),
      roleBinding('ns2', 'reader', { kind: 'ClusterRole', name: 'secret-reader' }, [sa('ns1', 'worker')]),
      ...power([{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }], 'ns1'),
    ];
    const goal: Goal = {
      kind: 'permission',
      request: { verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'ns2' },
    };
    assert.deepEqual(pathOf(objects, {}, goal), [
      'create-pods → ServiceAccount:ns1:worker',
      'holds-goal → goal',
    ]);
    const elsewhere: Goal = {
      kind: 'permission',
      request: { verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'ns3' },
    };
    assert.equal(pathOf(objects, {}, elsewhere), undefined);
  });
  test('alternatives: every shortest path that starts differently, each verifiable', () => {
    const objects = [
      admin,
      saAdmin('ns1'),
      ...power(
        [
          { verbs: ['create'], apiGroups: [''], resources: ['pods'] },
          {
            verbs: ['create'],
            apiGroups: [''],
            resources: ['serviceaccounts/token'],
            resourceNames: ['admin'],
          },
        ],
        'ns1',
      ),
    ];
    const engine = engineOf(objects);
    const graph = new EscalationGraph(engine);
    graph.paths('User:alice');
    const alternatives = graph.alternativesOf('User:alice', 5);
    assert.deepEqual(
      alternatives.map((p) => p.steps.map((s) => s.primitive)),
      [
        ['create-pods', 'holds-goal'],
        ['token-request', 'holds-goal'],
      ],
    );
    for (const p of alternatives) for (const step of p.steps) assert.ok(verifyStep(engine, step));
    assert.deepEqual(graph.alternativesOf('User:nobody'), []);
  });
  test('group members inherit the group power; analyse covers every subject at once', () => {
    const objects = [admin, clusterRoleBinding('g', 'cluster-admin', [group('ops')]), ...power([], 'ns1')];
    const graph = new EscalationGraph(engineOf(objects));
    assert.deepEqual(Object.fromEntries(graph.analyse()), { 'Group:ops': 1 });
  });

  test('without any binding, nothing reaches the goal unless a ServiceAccount is in a privileged group', () => {
    const context: EscalationContext = { serviceAccounts: [{ namespace: 'ns1', name: 'app' }] };
    const none = new EscalationGraph(engineOf([admin]), context);
    assert.deepEqual(Object.fromEntries(none.analyse()), {});
    assert.equal(none.pathOf('ServiceAccount:ns1:app'), undefined);
    assert.deepEqual(none.alternativesOf('ServiceAccount:ns1:app'), []);
    const privileged = new EscalationGraph(
      engineOf([admin], { privilegedGroups: ['system:serviceaccounts:ns1'] }),
      context,
    );
    assert.deepEqual(Object.fromEntries(privileged.analyse()), {
      'ServiceAccount:ns1:app': 1,
      'ServiceAccount:ns1:default': 1,
    });
  });
});
