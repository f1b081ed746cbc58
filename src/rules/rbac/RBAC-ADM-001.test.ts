import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-ADM-001.js';
import { bindingYaml, grantYaml, lineOf, USER_ALICE } from './testFixtures.js';

const toClusterAdmin = bindingYaml(
  'ClusterRoleBinding',
  'alice-admin',
  'ClusterRole',
  'cluster-admin',
  USER_ALICE,
);
const custom = grantYaml({ rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });
const bootstrap = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: system:masters
`;

ruleTester(rule, {
  valid: [
    { name: 'the bootstrap system:masters binding is baseline', yaml: bootstrap },
    {
      name: 'cluster-admin through a RoleBinding is RBAC-ADM-002',
      yaml: bindingYaml('RoleBinding', 'x', 'ClusterRole', 'cluster-admin', USER_ALICE, 'shop'),
    },
    {
      name: 'a role without every verb',
      yaml: grantYaml({ rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list'] }] }).yaml,
    },
  ],
  invalid: [
    {
      name: 'the bootstrap cluster-admin role (defaulted) bound to a user',
      yaml: toClusterAdmin,
      errors: [
        {
          line: lineOf(toClusterAdmin, 'roleRef:'),
          resource: 'ClusterRoleBinding alice-admin',
          message:
            'ClusterRoleBinding alice-admin lets User alice@contoso.com do anything cluster-wide (ClusterRole cluster-admin, rules[0])',
        },
      ],
    },
    { name: 'a custom all-wildcard role', yaml: custom.yaml, errors: [{ line: custom.line }] },
    {
      name: 'the bootstrap binding with an extra subject',
      yaml: `${bootstrap}  - kind: User\n    name: mallory\n    apiGroup: rbac.authorization.k8s.io\n`,
      errors: [{ line: 5 }],
    },
  ],
});
