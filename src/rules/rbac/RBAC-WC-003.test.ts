import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-WC-003.js';
import { lineOf, roleYaml } from './testFixtures.js';

const cluster = roleYaml('ClusterRole', 'ops', [
  { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
  { apiGroups: ['apps'], resources: ['*'], verbs: ['get'] },
]);
const ns = roleYaml(
  'Role',
  'anything',
  [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }],
  'shop',
);
const metrics = roleYaml('ClusterRole', 'custom-metrics-server-resources', [
  { apiGroups: ['custom.metrics.k8s.io'], resources: ['*'], verbs: ['*'] },
]);
const bootstrapAdmin = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cluster-admin
  labels:
    kubernetes.io/bootstrapping: rbac-defaults
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
  - nonResourceURLs: ["*"]
    verbs: ["*"]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'explicit lists',
      yaml: roleYaml('ClusterRole', 'x', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]),
    },
    { name: 'the unchanged bootstrap cluster-admin role', yaml: bootstrapAdmin },
  ],
  invalid: [
    {
      name: 'resources * in a ClusterRole',
      yaml: cluster,
      errors: [
        {
          line: lineOf(cluster, 'resources: ["*"]'),
          resource: 'ClusterRole ops',
          message:
            'ClusterRole ops rules[1] uses "*" in resources, in group apps (Deployments, StatefulSets, DaemonSets, ReplicaSets)',
        },
      ],
    },
    {
      name: 'verbs * in a Role',
      yaml: ns,
      errors: [{ line: lineOf(ns, 'verbs: ["*"]'), resource: 'Role shop/anything' }],
    },
    {
      name: 'a changed bootstrap role is reported',
      yaml: bootstrapAdmin
        .replace('  name: cluster-admin', '  name: cluster-admin\n  annotations: {}')
        .replace(
          'verbs: ["*"]\n  - nonResourceURLs',
          'verbs: ["*"]\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["*"]\n  - nonResourceURLs',
        ),
      errors: [{ line: 11 }, { line: 14 }, { line: 16 }],
    },
    {
      // prometheus-adapter (kube-prometheus): the custom metrics API serves get and list only.
      name: 'a wildcard on a read-only metrics API is low and says what it grants',
      yaml: metrics,
      errors: [
        {
          line: lineOf(metrics, 'verbs: ["*"]'),
          message:
            'ClusterRole custom-metrics-server-resources rules[0] uses "*" in verbs, resources, in group custom.metrics.k8s.io (custom metrics, read-only): those APIs serve reads only',
          severity: 'low',
        },
      ],
    },
  ],
});
