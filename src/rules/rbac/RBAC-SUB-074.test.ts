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
    {
      // metrics-server, prometheus-adapter and every aggregated API server bind this Role in kube-system.
      name: 'the bootstrap Role extension-apiserver-authentication-reader exists in kube-system',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: metrics-server-auth-reader
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: extension-apiserver-authentication-reader
subjects:
  - kind: ServiceAccount
    name: metrics-server
    namespace: kube-system
`,
    },
    {
      name: 'a bootstrap controller ClusterRole exists',
      yaml: bindingYaml(
        'ClusterRoleBinding',
        'x',
        'ClusterRole',
        'system:controller:job-controller',
        USER_ALICE,
      ),
    },
  ],
  invalid: [
    {
      name: 'the bootstrap Role exists in kube-system only, not in another namespace',
      yaml: bindingYaml(
        'RoleBinding',
        'reader',
        'Role',
        'extension-apiserver-authentication-reader',
        USER_ALICE,
        'shop',
      ),
      errors: [{ line: 9, message: /not defined/ }],
    },
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
