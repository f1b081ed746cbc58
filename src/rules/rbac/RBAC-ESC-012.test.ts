import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-ESC-012.js';
import { grantYaml } from './testFixtures.js';

const RBAC = 'rbac.authorization.k8s.io';
const manage = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create', 'update'] }],
});
const crb = grantYaml({
  rules: [{ apiGroups: [RBAC], resources: ['clusterrolebindings'], verbs: ['patch'] }],
});

ruleTester(rule, {
  valid: [
    {
      name: 'read-only on bindings',
      yaml: grantYaml({ rules: [{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['get', 'list'] }] })
        .yaml,
    },
    {
      name: 'with bind it is RBAC-ESC-011',
      yaml: grantYaml({
        rules: [
          { apiGroups: [RBAC], resources: ['rolebindings', 'clusterroles'], verbs: ['create', 'bind'] },
        ],
      }).yaml,
    },
  ],
  invalid: [
    {
      name: 'write RoleBindings in a namespace',
      yaml: manage.yaml,
      errors: [{ line: manage.line, resource: manage.resource, message: /write role bindings/ }],
    },
    { name: 'patch ClusterRoleBindings', yaml: crb.yaml, errors: [{ line: crb.line }] },
  ],
});
