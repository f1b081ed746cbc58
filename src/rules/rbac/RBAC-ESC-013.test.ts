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
          message:
            'ClusterRole widgets-edit adds 1 rule(s) to ClusterRole admin, ClusterRole edit (0 binding(s) in the input)',
        },
      ],
    },
  ],
});
