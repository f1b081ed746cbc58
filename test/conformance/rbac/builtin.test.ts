import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOOTSTRAP_CLUSTER_ROLES } from '../../../src/engines/rbac/bootstrapClusterRoles.js';
import { bootstrapObjects } from './bootstrap.js';

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
