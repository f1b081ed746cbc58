import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SUB-074.js';
import { bindingYaml, lineOf, USER_ALICE } from './testFixtures.js';

const dangling = bindingYaml('RoleBinding', 'future', 'Role', 'deployer', USER_ALICE, 'shop');

ruleTester(rule, {
  valid: [
    {
      name: 'a bootstrap ClusterRole exists even when not in the input',
      yaml: bindingYaml('RoleBinding', 'x', 'ClusterRole', 'view', USER_ALICE, 'shop'),
    },
  ],
  invalid: [
    {
      name: 'a Role that is not defined',
      yaml: dangling,
      errors: [
        {
          line: lineOf(dangling, '  name: deployer'),
          message:
            'RoleBinding shop/future refers to Role "deployer", which is not defined (roles.rbac.authorization.k8s.io "deployer" not found)',
        },
      ],
    },
  ],
});
