import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SUB-072.js';
import { bindingYaml, lineOf } from './testFixtures.js';

const all = bindingYaml(
  'ClusterRoleBinding',
  'sa-view',
  'ClusterRole',
  'view',
  '  - kind: Group\n    name: system:serviceaccounts:shop\n',
);

ruleTester(rule, {
  valid: [
    {
      name: 'one ServiceAccount',
      yaml: bindingYaml(
        'ClusterRoleBinding',
        'x',
        'ClusterRole',
        'view',
        '  - kind: ServiceAccount\n    name: web\n    namespace: shop\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'every ServiceAccount of a namespace',
      yaml: all,
      errors: [{ line: lineOf(all, '- kind: Group'), resource: 'ClusterRoleBinding sa-view' }],
    },
  ],
});
