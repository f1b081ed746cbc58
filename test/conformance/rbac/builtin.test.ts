import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBaselineBinding, isBaselineRole } from '../../../src/engines/rbac/baseline.js';
import { BOOTSTRAP_ROLE_NAMES, bootstrapBindings } from '../../../src/engines/rbac/bootstrapBindings.js';
import { BOOTSTRAP_CLUSTER_ROLES } from '../../../src/engines/rbac/bootstrapClusterRoles.js';
import { BOOTSTRAP_ROLES } from '../../../src/engines/rbac/bootstrapRoles.js';
import { bootstrapEngine, bootstrapObjects } from './bootstrap.js';

test('the embedded bootstrap ClusterRoles equal the vendored cluster-roles.yaml', () => {
  const fromYaml = bootstrapObjects(['cluster-roles.yaml'])
    .filter((o) => o.kind === 'ClusterRole')
    .map((o) => {
      const meta = o.metadata as { name: string; labels?: Record<string, string> };
      const labels = Object.fromEntries(
        Object.entries(meta.labels ?? {}).filter(([k]) => k !== 'kubernetes.io/bootstrapping'),
      );
      return {
        name: meta.name,
        ...(Object.keys(labels).length ? { labels } : {}),
        ...(o.aggregationRule ? { aggregationRule: o.aggregationRule } : {}),
        rules: o.rules,
      };
    });
  assert.equal(fromYaml.length, 31);
  assert.deepEqual(JSON.parse(JSON.stringify(BOOTSTRAP_CLUSTER_ROLES)), fromYaml);
});

test('the embedded controller ClusterRoles and namespace Roles equal the vendored YAML', () => {
  const fromYaml = bootstrapObjects(['controller-roles.yaml', 'namespace-roles.yaml']).map((o) => {
    const meta = o.metadata as { name: string; namespace?: string };
    return {
      kind: o.kind,
      name: meta.name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      rules: o.rules,
    };
  });
  assert.equal(fromYaml.length, 45);
  assert.deepEqual(JSON.parse(JSON.stringify(BOOTSTRAP_ROLES)), fromYaml);
});

test('the embedded bootstrap bindings equal the vendored binding files', () => {
  const files = [
    'cluster-role-bindings.yaml',
    'controller-role-bindings.yaml',
    'namespace-role-bindings.yaml',
  ];
  const fromYaml = bootstrapObjects(files).map((o) => {
    const meta = o.metadata as { name: string; namespace?: string };
    const ref = o.roleRef as { kind: string; name: string };
    const subjects = ((o.subjects ?? []) as { kind: string; name: string; namespace?: string }[]).map(
      (s) => ({
        kind: s.kind,
        name: s.name,
        ...(s.namespace ? { namespace: s.namespace } : {}),
      }),
    );
    return {
      kind: o.kind,
      name: meta.name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      roleRef: { kind: ref.kind, name: ref.name },
      subjects,
    };
  });
  assert.deepEqual(JSON.parse(JSON.stringify(bootstrapBindings())), fromYaml);
  const roles = bootstrapObjects(['controller-roles.yaml', 'namespace-roles.yaml']).map((o) => {
    const meta = o.metadata as { name: string; namespace?: string };
    return [o.kind, meta.namespace ?? '', meta.name];
  });
  assert.deepEqual(JSON.parse(JSON.stringify(BOOTSTRAP_ROLE_NAMES)), roles);
});

test('every bootstrap object is recognised as baseline, and a changed one is not', () => {
  const engine = bootstrapEngine();
  assert.deepEqual(
    engine.bindings.filter((b) => !isBaselineBinding(b)).map((b) => b.name),
    [],
  );
  assert.deepEqual(
    engine.roles.filter((r) => !isBaselineRole(r)).map((r) => r.name),
    [],
  );
  const changed = bootstrapEngine().bindings.find((b) => b.name === 'cluster-admin')!;
  changed.subjects = [...changed.subjects, { kind: 'User', name: 'mallory' }];
  assert.equal(isBaselineBinding(changed), false);
});
