import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-ADM-002.js';
import { bindingYaml, lineOf, USER_ALICE } from './testFixtures.js';

const admin = bindingYaml('RoleBinding', 'team-admin', 'ClusterRole', 'admin', USER_ALICE, 'shop');
const systemAdmin = bindingYaml(
  'RoleBinding',
  'ops',
  'ClusterRole',
  'cluster-admin',
  USER_ALICE,
  'kube-system',
);

ruleTester(rule, {
  valid: [
    {
      name: 'edit cannot manage RBAC',
      yaml: bindingYaml('RoleBinding', 'team-edit', 'ClusterRole', 'edit', USER_ALICE, 'shop'),
    },
    {
      name: 'cluster-wide is RBAC-ADM-001',
      yaml: bindingYaml('ClusterRoleBinding', 'x', 'ClusterRole', 'cluster-admin', USER_ALICE),
    },
  ],
  invalid: [
    {
      name: 'admin in a namespace',
      yaml: admin,
      errors: [
        {
          line: lineOf(admin, 'roleRef:'),
          resource: 'RoleBinding shop/team-admin',
          message: /administer the namespace .* in namespace shop \(ClusterRole admin/,
        },
      ],
    },
    {
      name: 'cluster-admin in kube-system',
      yaml: systemAdmin,
      errors: [{ line: lineOf(systemAdmin, 'roleRef:') }],
    },
  ],
});
