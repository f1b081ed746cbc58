import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EscalationGraph, verifyStep } from '../../../src/engines/rbac/escalation.js';
import { whoCan } from '../../../src/engines/rbac/whoCan.js';
import { bootstrapEngine } from './bootstrap.js';

// Conformance on the upstream bootstrap policy (data/bootstrap, Apache-2.0, see PROVENANCE.md).

const engine = bootstrapEngine();
const holder = (role: string) =>
  bootstrapEngine([
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'probe', namespace: 'team' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'probe' }],
    },
  ]);
const can = (
  e: ReturnType<typeof bootstrapEngine>,
  verb: string,
  resource: string,
  subresource?: string,
  apiGroup = '',
) =>
  e.authorize({
    user: 'probe',
    groups: ['system:authenticated'],
    verb,
    apiGroup,
    resource,
    namespace: 'team',
    ...(subresource ? { subresource } : {}),
  }).allowed;

describe('bootstrap policy: aggregation', () => {
  test('admin, edit and view are aggregated from rules: null', () => {
    assert.equal(engine.getRole('ClusterRole', 'view')!.declaredRules.length, 0);
    assert.ok(engine.getRole('ClusterRole', 'view')!.rules.length > 0);
    assert.deepEqual(engine.getRole('ClusterRole', 'edit')!.aggregatedFrom, [
      'system:aggregate-to-edit',
      'view',
    ]);
    assert.deepEqual(engine.getRole('ClusterRole', 'admin')!.aggregatedFrom, [
      'edit',
      'system:aggregate-to-admin',
    ]);
  });
  test('edit covers create pods/exec but not get roles', () => {
    const e = holder('edit');
    assert.equal(can(e, 'create', 'pods', 'exec'), true);
    assert.equal(can(e, 'get', 'roles', undefined, 'rbac.authorization.k8s.io'), false);
  });
  test('admin covers roles and rolebindings in its namespace', () => {
    const e = holder('admin');
    assert.equal(can(e, 'create', 'rolebindings', undefined, 'rbac.authorization.k8s.io'), true);
    assert.equal(can(e, 'get', 'roles', undefined, 'rbac.authorization.k8s.io'), true);
  });
  test('view covers none of the escalating namespace resources (bootstrappolicy policy_test.go)', () => {
    const e = holder('view');
    const escalating = [
      'pods/attach',
      'pods/proxy',
      'pods/exec',
      'pods/portforward',
      'secrets',
      'services/proxy',
    ];
    const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
    for (const combined of escalating) {
      const [resource, sub] = combined.split('/') as [string, string | undefined];
      for (const verb of verbs) assert.equal(can(e, verb, resource, sub), false, `${verb} ${combined}`);
    }
    assert.equal(can(e, 'get', 'pods'), true);
    assert.equal(can(e, 'list', 'configmaps'), true);
  });
});

// Expected who-can lists. Derived by hand from the YAML (not from the engine): the subjects of every
// ClusterRoleBinding whose ClusterRole has a rule with verb get|list (or *), group "" (or *) and resource
// secrets (or *), after aggregation; plus, in kube-system, the kube-system RoleBindings to Roles with such
// rules; Group system:masters first (privileged). The system:node ClusterRoleBinding has no subjects.
// Cross-check: `grep -B2 -A2 secrets data/bootstrap/*.yaml` and the `'*'` resource rules of
// generic-garbage-collector, namespace-controller, resourcequota-controller and system:kube-controller-manager.
const expected: Record<string, string[]> = {
  'get secrets': [
    'Group system:masters',
    'User system:kube-controller-manager',
    'ServiceAccount kube-system/generic-garbage-collector',
    'ServiceAccount kube-system/namespace-controller',
  ],
  'get secrets in kube-system': [
    'Group system:masters',
    'User system:kube-controller-manager',
    'ServiceAccount kube-system/generic-garbage-collector',
    'ServiceAccount kube-system/namespace-controller',
    'ServiceAccount kube-system/bootstrap-signer',
    'ServiceAccount kube-system/token-cleaner',
  ],
  'list secrets': [
    'Group system:masters',
    'User system:kube-controller-manager',
    'ServiceAccount kube-system/generic-garbage-collector',
    'ServiceAccount kube-system/namespace-controller',
    'ServiceAccount kube-system/resourcequota-controller',
  ],
  'list secrets in kube-system': [
    'Group system:masters',
    'User system:kube-controller-manager',
    'ServiceAccount kube-system/generic-garbage-collector',
    'ServiceAccount kube-system/namespace-controller',
    'ServiceAccount kube-system/resourcequota-controller',
    'ServiceAccount kube-system/bootstrap-signer',
    'ServiceAccount kube-system/token-cleaner',
  ],
  // Modern data: the clusterrole-aggregation-controller no longer holds */*/* (CIS lists still show it).
  'create pods': [
    'Group system:masters',
    'ServiceAccount kube-system/daemon-set-controller',
    'ServiceAccount kube-system/job-controller',
    'ServiceAccount kube-system/persistent-volume-binder',
    'ServiceAccount kube-system/replicaset-controller',
    'ServiceAccount kube-system/replication-controller',
    'ServiceAccount kube-system/statefulset-controller',
  ],
};
expected['create pods in kube-system'] = expected['create pods']!;

describe('bootstrap policy: who-can', () => {
  for (const [query, subjects] of Object.entries(expected)) {
    test(query, () => {
      const [verb, resource, , namespace] = query.split(' ') as [string, string, string?, string?];
      const found = whoCan(engine, { verb, resource, apiGroup: '', namespace: namespace ?? '' }).map(
        (s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`,
      );
      assert.deepEqual(found, subjects);
    });
  }
});

describe('bootstrap policy: escalation to cluster-admin', () => {
  const graph = new EscalationGraph(engine);
  const distances = graph.analyse();
  test('the subjects that can reach cluster-admin, with their shortest number of steps', () => {
    const pinned = Object.fromEntries([...distances.entries()].sort());
    assert.deepEqual(pinned, {
      'Group:system:masters': 1,
      'ServiceAccount:kube-system:clusterrole-aggregation-controller': 2,
      'ServiceAccount:kube-system:cronjob-controller': 3,
      'ServiceAccount:kube-system:daemon-set-controller': 3,
      'ServiceAccount:kube-system:deployment-controller': 3,
      'ServiceAccount:kube-system:generic-garbage-collector': 3,
      'ServiceAccount:kube-system:job-controller': 3,
      'ServiceAccount:kube-system:persistent-volume-binder': 3,
      'ServiceAccount:kube-system:replicaset-controller': 3,
      'ServiceAccount:kube-system:replication-controller': 3,
      'ServiceAccount:kube-system:statefulset-controller': 3,
      'User:system:kube-controller-manager': 3,
    });
  });
  test('the aggregation controller escalates through a ClusterRole it is bound to', () => {
    const path = graph.pathOf('ServiceAccount:kube-system:clusterrole-aggregation-controller')!;
    assert.deepEqual(
      path.steps.map((s) => s.primitive),
      ['escalate', 'holds-goal'],
    );
  });
  test('every step of every path is allowed by authorize', () => {
    for (const subject of distances.keys()) {
      const path = graph.pathOf(subject)!;
      assert.equal(path.steps.length, distances.get(subject));
      for (const step of path.steps) assert.ok(verifyStep(engine, step), `${subject}: ${step.description}`);
    }
  });
});
