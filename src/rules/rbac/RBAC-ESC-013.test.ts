import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-ESC-013.js';
import { lineOf, roleYaml } from './testFixtures.js';

const aggregated = roleYaml(
  'ClusterRole',
  'widgets-edit',
  [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['*'] }],
  undefined,
  {
    'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
  },
);

const metricsReader = roleYaml(
  'ClusterRole',
  'system:aggregated-metrics-reader',
  [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
  undefined,
  {
    'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
    'rbac.authorization.k8s.io/aggregate-to-view': 'true',
  },
);

ruleTester(rule, {
  valid: [
    {
      name: 'no aggregation label',
      yaml: roleYaml('ClusterRole', 'widgets', [
        { apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] },
      ]),
    },
    {
      name: 'a label no aggregationRule selects',
      yaml: roleYaml(
        'ClusterRole',
        'x',
        [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
        undefined,
        { team: 'a' },
      ),
    },
  ],
  invalid: [
    {
      name: 'aggregated into edit (and so admin)',
      yaml: aggregated,
      errors: [
        {
          line: lineOf(aggregated, 'labels:'),
          resource: 'ClusterRole widgets-edit',
          severity: 'medium',
          message:
            'ClusterRole widgets-edit adds 1 rule(s) to ClusterRole admin, ClusterRole edit (0 binding(s) in the input)',
        },
      ],
    },
    {
      // metrics-server's system:aggregated-metrics-reader.
      name: 'read-only rules on metrics are info',
      yaml: metricsReader,
      errors: [
        {
          line: lineOf(metricsReader, 'labels:'),
          severity: 'info',
          message:
            'ClusterRole system:aggregated-metrics-reader adds 1 read-only rule(s) to ClusterRole admin, ClusterRole edit, ClusterRole view (0 binding(s) in the input)',
        },
      ],
    },
  ],
});
