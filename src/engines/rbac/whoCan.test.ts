import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accessMatrix, permissions } from './permissions.js';
import {
  clusterRole,
  clusterRoleBinding,
  engineOf,
  group,
  role,
  roleBinding,
  sa,
  user,
} from './testFixtures.js';
import { podStreamVerbSets } from './version.js';
import { whoCan } from './whoCan.js';

const objects = [
  clusterRole('reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] }]),
  clusterRole('urls', [{ verbs: ['get'], nonResourceURLs: ['/metrics*'] }]),
  role('ns1', 'local', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] }]),
  clusterRoleBinding('crb', 'reader', [group('auditors'), sa(undefined, 'nobody')]),
  clusterRoleBinding('metrics', 'urls', [user('prom')]),
  roleBinding('ns1', 'rb1', { kind: 'ClusterRole', name: 'reader' }, [sa(undefined, 'app'), user('alice')]),
  roleBinding('ns1', 'rb2', { kind: 'Role', name: 'local' }, [user('alice'), user('bob')]),
  roleBinding('ns2', 'rb3', { kind: 'ClusterRole', name: 'reader' }, [user('carol')]),
];
const engine = engineOf(objects);
const names = (list: ReturnType<typeof whoCan>) =>
  list.map((s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`);

describe('who-can (subject_locator.go)', () => {
  test('cluster-wide: privileged groups, then ClusterRoleBinding subjects; an SA without namespace in a CRB is dropped', () => {
    assert.deepEqual(names(whoCan(engine, { verb: 'get', resource: 'secrets' })), [
      'Group system:masters',
      'Group auditors',
    ]);
  });
  test('in a namespace: adds that namespace RoleBindings, SA namespace defaulted, subjects merged', () => {
    const found = whoCan(engine, { verb: 'get', resource: 'secrets', name: 'db', namespace: 'ns1' });
    assert.deepEqual(names(found), [
      'Group system:masters',
      'Group auditors',
      'ServiceAccount ns1/app',
      'User alice',
      'User bob',
    ]);
    const alice = found.find((s) => s.name === 'alice')!;
    assert.deepEqual(
      alice.via.map((v) => `${v.binding.name} ${v.role?.name} ${v.scope}`),
      ['rb1 reader ns1', 'rb2 local ns1'],
    );
  });
  test('resourceNames are honoured', () => {
    assert.deepEqual(
      names(whoCan(engine, { verb: 'get', resource: 'secrets', name: 'other', namespace: 'ns1' })),
      ['Group system:masters', 'Group auditors', 'ServiceAccount ns1/app', 'User alice'],
    );
  });
  test('all namespaces', () => {
    const found = whoCan(engine, { verb: 'list', resource: 'secrets' }, { allNamespaces: true });
    assert.deepEqual(names(found), [
      'Group system:masters',
      'Group auditors',
      'ServiceAccount ns1/app',
      'User alice',
      'User carol',
    ]);
    assert.equal(found.find((s) => s.name === 'carol')!.via[0]!.scope, 'ns2');
  });
  test('non-resource URLs use ClusterRoleBindings only', () => {
    assert.deepEqual(names(whoCan(engine, { verb: 'get', path: '/metrics/cadvisor' })), [
      'Group system:masters',
      'User prom',
    ]);
  });
});

describe('permissions and the access matrix', () => {
  test('effective rules per scope, each with its chain', () => {
    const p = permissions(engine, { name: 'alice', groups: ['system:authenticated'] });
    assert.deepEqual(
      p.scopes.map((s) => [
        s.namespace ?? '*',
        s.grants.map((g) => `${g.binding.name}→${g.role?.name}#${g.ruleIndex}`),
      ]),
      [
        ['*', []],
        ['ns1', ['rb1→reader#0', 'rb2→local#0']],
      ],
    );
  });
  test('the matrix cells are authorize decisions', () => {
    const rows = accessMatrix(engine, { name: 'alice' }, 'ns1');
    const secrets = rows.find((r) => r.resource === 'secrets' && r.apiGroup === '')!;
    assert.deepEqual(secrets.verbs, {
      create: false,
      get: true,
      list: true,
      watch: false,
      update: false,
      patch: false,
      delete: false,
      deletecollection: false,
    });
    assert.equal(
      accessMatrix(engine, { name: 'alice' }, 'ns2').find((r) => r.resource === 'secrets')!.verbs.get,
      false,
    );
  });
});

describe('version switches', () => {
  test('pods/exec over WebSocket needs get before 1.35, create from 1.35', () => {
    assert.deepEqual(podStreamVerbSets('1.34'), [['create'], ['get']]);
    assert.deepEqual(podStreamVerbSets('v1.35.0'), [['create']]);
    assert.deepEqual(podStreamVerbSets(undefined), [['create']]);
    assert.throws(() => podStreamVerbSets('banana'), /invalid Kubernetes version "banana"/);
  });
});
