import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  clusterRole,
  clusterRoleBinding,
  engineOf,
  group,
  type RuleSpec,
  role,
  roleBinding,
  sa,
  user,
} from './testFixtures.js';
import type { AuthorizeRequest } from './types.js';

// Table-driven tests written from the upstream semantics (rbac.md §1). Each case: one rule bound to User "u"
// cluster-wide, a request, and the expected decision.

interface MatchCase {
  name: string;
  rule: RuleSpec;
  request: Omit<AuthorizeRequest, 'user'>;
  allowed: boolean;
}

const ruleCases: MatchCase[] = [
  {
    name: 'exact verb',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
    request: { verb: 'get', resource: 'pods' },
    allowed: true,
  },
  {
    name: 'verbs are case-sensitive',
    rule: { verbs: ['GET'], apiGroups: [''], resources: ['pods'] },
    request: { verb: 'get', resource: 'pods' },
    allowed: false,
  },
  {
    name: 'verb * covers any verb, including constrained impersonation verbs',
    rule: { verbs: ['*'], apiGroups: [''], resources: ['serviceaccounts'] },
    request: { verb: 'impersonate:serviceaccount', resource: 'serviceaccounts' },
    allowed: true,
  },
  {
    name: 'a list of verbs does not include others',
    rule: { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
    request: { verb: 'watch', resource: 'pods' },
    allowed: false,
  },
  {
    name: 'core group is the empty string',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['deployments'] },
    request: { verb: 'get', apiGroup: 'apps', resource: 'deployments' },
    allowed: false,
  },
  {
    name: 'apiGroup * covers every group',
    rule: { verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] },
    request: { verb: 'get', apiGroup: 'apps', resource: 'deployments' },
    allowed: true,
  },
  {
    name: 'apiGroups are exact (no prefix)',
    rule: { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] },
    request: { verb: 'get', apiGroup: 'apps.example.com', resource: 'deployments' },
    allowed: false,
  },
  {
    name: 'resources * covers subresources',
    rule: { verbs: ['create'], apiGroups: [''], resources: ['*'] },
    request: { verb: 'create', resource: 'pods', subresource: 'exec' },
    allowed: true,
  },
  {
    name: 'pods does not cover pods/exec',
    rule: { verbs: ['create'], apiGroups: [''], resources: ['pods'] },
    request: { verb: 'create', resource: 'pods', subresource: 'exec' },
    allowed: false,
  },
  {
    name: 'pods/exec covers pods/exec',
    rule: { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] },
    request: { verb: 'create', resource: 'pods', subresource: 'exec' },
    allowed: true,
  },
  {
    name: 'pods/exec does not cover pods',
    rule: { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] },
    request: { verb: 'create', resource: 'pods' },
    allowed: false,
  },
  {
    name: '*/exec covers the exec subresource of any resource',
    rule: { verbs: ['create'], apiGroups: [''], resources: ['*/exec'] },
    request: { verb: 'create', resource: 'pods', subresource: 'exec' },
    allowed: true,
  },
  {
    name: '*/exec does not cover the parent resource',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['*/exec'] },
    request: { verb: 'get', resource: 'pods' },
    allowed: false,
  },
  {
    name: '*/exec does not cover another subresource',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['*/exec'] },
    request: { verb: 'get', resource: 'pods', subresource: 'log' },
    allowed: false,
  },
  {
    name: 'pods/* is not a wildcard',
    rule: { verbs: ['create'], apiGroups: [''], resources: ['pods/*'] },
    request: { verb: 'create', resource: 'pods', subresource: 'exec' },
    allowed: false,
  },
  {
    name: 'resource names are case-sensitive',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['Pods'] },
    request: { verb: 'get', resource: 'pods' },
    allowed: false,
  },
  {
    name: 'resourceNames allow the named object',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
    request: { verb: 'get', resource: 'secrets', name: 'a' },
    allowed: true,
  },
  {
    name: 'resourceNames deny other objects',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
    request: { verb: 'get', resource: 'secrets', name: 'b' },
    allowed: false,
  },
  {
    name: 'resourceNames never allow an unnamed list',
    rule: { verbs: ['list'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
    request: { verb: 'list', resource: 'secrets' },
    allowed: false,
  },
  {
    name: 'resourceNames allow a list narrowed to the name (fieldSelector metadata.name)',
    rule: { verbs: ['list'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
    request: { verb: 'list', resource: 'secrets', name: 'a' },
    allowed: true,
  },
  {
    name: 'resourceNames never allow create',
    rule: { verbs: ['create'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
    request: { verb: 'create', resource: 'secrets' },
    allowed: false,
  },
  {
    name: 'resourceNames ["*"] is not a wildcard',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['*'] },
    request: { verb: 'get', resource: 'secrets', name: 'db' },
    allowed: false,
  },
  {
    name: 'resourceNames ["*"] matches an object literally named *',
    rule: { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['*'] },
    request: { verb: 'get', resource: 'secrets', name: '*' },
    allowed: true,
  },
  {
    name: 'exact URL',
    rule: { verbs: ['get'], nonResourceURLs: ['/healthz'] },
    request: { verb: 'get', path: '/healthz' },
    allowed: true,
  },
  {
    name: 'URL without glob is exact',
    rule: { verbs: ['get'], nonResourceURLs: ['/healthz'] },
    request: { verb: 'get', path: '/healthz/ready' },
    allowed: false,
  },
  {
    name: 'trailing * is a prefix glob',
    rule: { verbs: ['get'], nonResourceURLs: ['/healthz/*'] },
    request: { verb: 'get', path: '/healthz/etcd' },
    allowed: true,
  },
  {
    name: 'prefix glob needs the prefix (trailing slash)',
    rule: { verbs: ['get'], nonResourceURLs: ['/healthz/*'] },
    request: { verb: 'get', path: '/healthz' },
    allowed: false,
  },
  {
    name: 'prefix glob is a plain string prefix',
    rule: { verbs: ['get'], nonResourceURLs: ['/api*'] },
    request: { verb: 'get', path: '/apis/apps' },
    allowed: true,
  },
  {
    name: 'a * inside a URL is literal',
    rule: { verbs: ['get'], nonResourceURLs: ['/a*/b'] },
    request: { verb: 'get', path: '/ax/b' },
    allowed: false,
  },
  {
    name: 'URL * covers every path',
    rule: { verbs: ['get'], nonResourceURLs: ['*'] },
    request: { verb: 'get', path: '/metrics' },
    allowed: true,
  },
  {
    name: 'non-resource verbs are exact too',
    rule: { verbs: ['get'], nonResourceURLs: ['*'] },
    request: { verb: 'post', path: '/metrics' },
    allowed: false,
  },
  {
    name: 'a resource rule never allows a URL',
    rule: { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    request: { verb: 'get', path: '/metrics' },
    allowed: false,
  },
  {
    name: 'a URL rule never allows a resource',
    rule: { verbs: ['*'], nonResourceURLs: ['*'] },
    request: { verb: 'get', resource: 'pods' },
    allowed: false,
  },
  {
    name: 'empty apiGroups match nothing',
    rule: { verbs: ['get'], resources: ['pods'] },
    request: { verb: 'get', resource: 'pods' },
    allowed: false,
  },
];

describe('rule matching (evaluation_helpers.go)', () => {
  for (const c of ruleCases) {
    test(c.name, () => {
      const engine = engineOf([clusterRole('r', [c.rule]), clusterRoleBinding('b', 'r', [user('u')])]);
      const decision = engine.authorize({ user: 'u', ...c.request, namespace: c.request.namespace ?? 'ns1' });
      assert.equal(decision.allowed, c.allowed);
      assert.equal(
        decision.reason,
        c.allowed ? 'RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to User "u"' : '',
      );
    });
  }
});

describe('binding scope (rbac.go VisitRulesFor)', () => {
  const everything = clusterRole('all', [
    { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    { verbs: ['*'], nonResourceURLs: ['*'] },
  ]);
  const engine = engineOf([
    everything,
    roleBinding('ns1', 'rb', { kind: 'ClusterRole', name: 'all' }, [user('u')]),
  ]);
  const cases: [string, Omit<AuthorizeRequest, 'user'>, boolean, string][] = [
    [
      'RoleBinding → ClusterRole grants in the binding namespace',
      { verb: 'get', resource: 'pods', namespace: 'ns1' },
      true,
      'RBAC: allowed by RoleBinding "rb/ns1" of ClusterRole "all" to User "u"',
    ],
    ['... and not in another namespace', { verb: 'get', resource: 'pods', namespace: 'ns2' }, false, ''],
    ['... nor on cluster-scoped resources', { verb: 'get', resource: 'nodes' }, false, ''],
    ['... nor on non-resource URLs', { verb: 'get', path: '/metrics', namespace: 'ns1' }, false, ''],
    [
      'a namespace request names the namespace itself',
      { verb: 'get', resource: 'namespaces', name: 'ns1', namespace: 'ns1' },
      true,
      'RBAC: allowed by RoleBinding "rb/ns1" of ClusterRole "all" to User "u"',
    ],
  ];
  for (const [name, request, allowed, reason] of cases) {
    test(name, () => {
      const d = engine.authorize({ user: 'u', ...request });
      assert.equal(d.allowed, allowed);
      assert.equal(d.reason, reason);
    });
  }

  test('ClusterRoleBindings grant in every namespace and at cluster scope', () => {
    const e = engineOf([everything, clusterRoleBinding('crb', 'all', [user('u')])]);
    for (const namespace of ['ns1', 'ns2', ''])
      assert.equal(e.authorize({ user: 'u', verb: 'delete', resource: 'nodes', namespace }).allowed, true);
    assert.equal(e.authorize({ user: 'u', verb: 'get', path: '/metrics' }).allowed, true);
  });

  test('a RoleBinding to a Role uses the Role of its own namespace only', () => {
    const e = engineOf([
      role('ns2', 'reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
      roleBinding('ns1', 'rb', { kind: 'Role', name: 'reader' }, [user('u')]),
    ]);
    const d = e.authorize({ user: 'u', verb: 'get', resource: 'pods', namespace: 'ns1' });
    assert.equal(d.allowed, false);
    assert.equal(d.reason, 'RBAC: roles.rbac.authorization.k8s.io "reader" not found');
  });

  test('ClusterRoleBindings are visited before RoleBindings, and the first allowing rule wins', () => {
    const e = engineOf([
      clusterRole('r1', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
      clusterRole('r2', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
      roleBinding('ns1', 'rb-first-in-file', { kind: 'ClusterRole', name: 'r1' }, [user('u')]),
      clusterRoleBinding('crb-a', 'r2', [user('u')]),
      clusterRoleBinding('crb-b', 'r1', [user('u')]),
    ]);
    assert.equal(
      e.authorize({ user: 'u', verb: 'get', resource: 'pods', namespace: 'ns1' }).reason,
      'RBAC: allowed by ClusterRoleBinding "crb-a" of ClusterRole "r2" to User "u"',
    );
  });

  test('a dangling roleRef is an error for that binding only; evaluation continues', () => {
    const e = engineOf([
      clusterRoleBinding('dangling', 'missing', [user('u')]),
      clusterRole('r', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
      clusterRoleBinding('ok', 'r', [user('u')]),
    ]);
    const allowed = e.authorize({ user: 'u', verb: 'get', resource: 'pods' });
    assert.equal(allowed.reason, 'RBAC: allowed by ClusterRoleBinding "ok" of ClusterRole "r" to User "u"');
    assert.deepEqual(allowed.errors, ['clusterroles.rbac.authorization.k8s.io "missing" not found']);
    const denied = e.authorize({ user: 'u', verb: 'delete', resource: 'pods' });
    assert.equal(denied.reason, 'RBAC: clusterroles.rbac.authorization.k8s.io "missing" not found');
  });

  test('an unsupported roleRef kind is an error', () => {
    const e = engineOf([roleBinding('ns1', 'rb', { kind: 'Something' as 'Role', name: 'x' }, [user('u')])]);
    assert.equal(
      e.authorize({ user: 'u', verb: 'get', resource: 'pods', namespace: 'ns1' }).reason,
      'RBAC: unsupported role reference kind: "Something"',
    );
  });

  test('several errors are aggregated in brackets', () => {
    const e = engineOf([
      clusterRoleBinding('a', 'x', [user('u')]),
      clusterRoleBinding('b', 'y', [user('u')]),
    ]);
    assert.equal(
      e.authorize({ user: 'u', verb: 'get', resource: 'pods' }).reason,
      'RBAC: [clusterroles.rbac.authorization.k8s.io "x" not found, clusterroles.rbac.authorization.k8s.io "y" not found]',
    );
  });
});

describe('subjects (rule.go appliesTo)', () => {
  const reader = clusterRole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
  const get = { verb: 'get', resource: 'pods', namespace: 'ns1' };
  test('User subjects match the exact, case-sensitive username', () => {
    const e = engineOf([reader, clusterRoleBinding('b', 'reader', [user('Alice')])]);
    assert.equal(e.authorize({ user: 'alice', ...get }).allowed, false);
    assert.equal(e.authorize({ user: 'Alice', ...get }).allowed, true);
  });
  test('User "*" matches nobody', () => {
    const e = engineOf([reader, clusterRoleBinding('b', 'reader', [user('*')])]);
    assert.equal(e.authorize({ user: 'alice', ...get }).allowed, false);
  });
  test('Group subjects match group membership', () => {
    const e = engineOf([reader, clusterRoleBinding('b', 'reader', [group('devs')])]);
    assert.equal(
      e.authorize({ user: 'x', groups: ['devs'], ...get }).reason,
      'RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "reader" to Group "devs"',
    );
    assert.equal(e.authorize({ user: 'devs', ...get }).allowed, false);
  });
  test('a ServiceAccount subject without namespace in a RoleBinding defaults to the binding namespace', () => {
    const e = engineOf([
      reader,
      roleBinding('ns1', 'rb', { kind: 'ClusterRole', name: 'reader' }, [sa(undefined, 'app')]),
    ]);
    const d = e.authorize({ user: 'system:serviceaccount:ns1:app', ...get });
    assert.equal(
      d.reason,
      'RBAC: allowed by RoleBinding "rb/ns1" of ClusterRole "reader" to ServiceAccount "app/ns1"',
    );
    assert.equal(
      e.authorize({ user: 'system:serviceaccount:ns2:app', ...get, namespace: 'ns1' }).allowed,
      false,
    );
  });
  test('a ServiceAccount subject without namespace in a ClusterRoleBinding matches nobody (and is flagged)', () => {
    const e = engineOf([reader, clusterRoleBinding('b', 'reader', [sa(undefined, 'app')])]);
    assert.equal(e.authorize({ user: 'system:serviceaccount::app', ...get }).allowed, false);
    assert.equal(e.authorize({ user: 'system:serviceaccount:ns1:app', ...get }).allowed, false);
    assert.match(e.issues[0]!.message, /needs a namespace/);
  });
  test('a ServiceAccount subject in another namespace of a RoleBinding', () => {
    const e = engineOf([
      reader,
      roleBinding('ns1', 'rb', { kind: 'ClusterRole', name: 'reader' }, [sa('other', 'app')]),
    ]);
    assert.equal(
      e.authorize({ user: 'system:serviceaccount:other:app', ...get }).reason,
      'RBAC: allowed by RoleBinding "rb/ns1" of ClusterRole "reader" to ServiceAccount "app/other"',
    );
  });
  test('ServiceAccount groups (system:serviceaccounts[:ns]) are matched through the SA identity', () => {
    const e = engineOf([reader, clusterRoleBinding('b', 'reader', [group('system:serviceaccounts:ns1')])]);
    const saUser = {
      user: 'system:serviceaccount:ns1:app',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'],
    };
    assert.equal(e.authorize({ ...saUser, ...get }).allowed, true);
    assert.equal(
      e.authorize({ user: 'system:serviceaccount:ns2:app', groups: ['system:serviceaccounts:ns2'], ...get })
        .allowed,
      false,
    );
  });
  test('the first matching subject is named in the reason', () => {
    const e = engineOf([reader, clusterRoleBinding('b', 'reader', [group('g1'), user('u'), group('g2')])]);
    assert.equal(
      e.authorize({ user: 'u', groups: ['g2'], ...get }).reason,
      'RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "reader" to User "u"',
    );
  });
  test('a binding without subjects grants nothing (upstream system:node)', () => {
    const e = engineOf([reader, clusterRoleBinding('b', 'reader', [])]);
    assert.equal(e.authorize({ user: 'system:node:n1', groups: ['system:nodes'], ...get }).allowed, false);
  });
});

describe('system:masters', () => {
  test('members bypass RBAC even with no binding at all', () => {
    const e = engineOf([]);
    const d = e.authorize({ user: 'admin', groups: ['system:masters'], verb: 'delete', resource: 'nodes' });
    assert.equal(d.allowed, true);
    assert.equal(d.reason, 'allowed by privileged group "system:masters" (bypasses RBAC)');
  });
  test('a user named system:masters is not privileged', () => {
    assert.equal(
      engineOf([]).authorize({ user: 'system:masters', verb: 'get', resource: 'pods' }).allowed,
      false,
    );
  });
});

describe('ClusterRole aggregation (clusterroleaggregation controller)', () => {
  const agg = (name: string, labelKey: string, labels: Record<string, string> = {}) =>
    clusterRole(name, null, {
      labels,
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [labelKey]: 'true' } }] },
    });
  test('rules: null is replaced by the union of the selected roles, nested aggregation converges', () => {
    const e = engineOf([
      agg('admin', 'to-admin'),
      agg('edit', 'to-edit', { 'to-admin': 'true' }),
      clusterRole('b-part', [{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }], {
        labels: { 'to-edit': 'true' },
      }),
      clusterRole('a-part', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], {
        labels: { 'to-edit': 'true' },
      }),
      clusterRole('dup', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], {
        labels: { 'to-admin': 'true' },
      }),
      clusterRoleBinding('b', 'admin', [user('u')]),
    ]);
    assert.deepEqual(
      e.getRole('ClusterRole', 'edit')!.rules.map((r) => r.verbs[0]),
      ['get', 'create'],
    );
    assert.deepEqual(
      e.getRole('ClusterRole', 'admin')!.rules.map((r) => r.verbs[0]),
      ['get', 'create'],
    );
    assert.equal(e.authorize({ user: 'u', verb: 'create', resource: 'pods' }).allowed, true);
  });
  test('declared rules of an aggregated role are replaced, not kept', () => {
    const e = engineOf([
      clusterRole('x', [{ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }], {
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { k: 'v' } }] },
      }),
      clusterRoleBinding('b', 'x', [user('u')]),
    ]);
    assert.equal(e.authorize({ user: 'u', verb: 'delete', resource: 'pods' }).allowed, false);
  });
  test('matchExpressions are honoured and selectors are ORed', () => {
    const e = engineOf([
      clusterRole('x', null, {
        aggregationRule: {
          clusterRoleSelectors: [
            { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] },
            { matchLabels: { other: 'yes' } },
          ],
        },
      }),
      clusterRole('in', [{ verbs: ['get'], apiGroups: [''], resources: ['a'] }], { labels: { tier: 'a' } }),
      clusterRole('out', [{ verbs: ['get'], apiGroups: [''], resources: ['b'] }], { labels: { tier: 'b' } }),
      clusterRole('second', [{ verbs: ['get'], apiGroups: [''], resources: ['c'] }], {
        labels: { other: 'yes' },
      }),
    ]);
    assert.deepEqual(
      e.getRole('ClusterRole', 'x')!.rules.map((r) => r.resources[0]),
      ['a', 'c'],
    );
  });
  test('an aggregation cycle terminates', () => {
    const e = engineOf([
      clusterRole('a', null, {
        labels: { to: 'b' },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { to: 'a' } }] },
      }),
      clusterRole('b', null, {
        labels: { to: 'a' },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { to: 'b' } }] },
      }),
      clusterRole('leaf', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], {
        labels: { to: 'a' },
      }),
    ]);
    assert.equal(e.getRole('ClusterRole', 'a')!.rules.length, 1);
    assert.equal(e.getRole('ClusterRole', 'b')!.rules.length, 1);
  });
});
