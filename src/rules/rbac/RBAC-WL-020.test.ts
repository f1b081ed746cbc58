import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-WL-020.js';
import { grantYaml } from './testFixtures.js';

const shop = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }],
});
const system = grantYaml({
  namespace: 'kube-system',
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }],
});
const viaEdit = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: team-edit
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
  - kind: Group
    name: 0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11
    apiGroup: rbac.authorization.k8s.io
`;

ruleTester(rule, {
  valid: [
    {
      name: 'read-only on pods',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] }).yaml,
    },
    {
      name: 'create on pods/exec is not pod creation',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }] }).yaml,
    },
    {
      name: 'a pinned exception',
      yaml: shop.yaml,
      params: {
        exceptions: [
          {
            name: 'grant',
            namespace: 'shop',
            roleRef: { kind: 'ClusterRole', name: 'custom' },
            subjects: [{ kind: 'User', name: 'alice@contoso.com' }],
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'create pods in a namespace',
      yaml: shop.yaml,
      errors: [{ line: shop.line, resource: shop.resource, message: /create pods .* in namespace shop/ }],
    },
    { name: 'in kube-system', yaml: system.yaml, errors: [{ line: system.line }] },
    {
      name: 'through the bootstrap edit role (aggregated)',
      yaml: viaEdit,
      errors: [{ line: 6, message: /ClusterRole edit, rules\[\d+\]/ }],
    },
    {
      name: 'an exception whose subjects changed re-opens the finding',
      yaml: shop.yaml,
      params: {
        exceptions: [
          {
            name: 'grant',
            namespace: 'shop',
            roleRef: { kind: 'ClusterRole', name: 'custom' },
            subjects: [{ kind: 'User', name: 'bob' }],
          },
        ],
      },
      errors: [{ line: shop.line }],
    },
  ],
});
