import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SUB-073.js';
import { bindingYaml, lineOf } from './testFixtures.js';

const dflt = bindingYaml(
  'RoleBinding',
  'default-view',
  'ClusterRole',
  'view',
  '  - kind: ServiceAccount\n    name: default\n',
  'shop',
);

ruleTester(rule, {
  valid: [
    {
      name: 'a dedicated ServiceAccount',
      yaml: bindingYaml(
        'RoleBinding',
        'x',
        'ClusterRole',
        'view',
        '  - kind: ServiceAccount\n    name: web\n',
        'shop',
      ),
    },
  ],
  invalid: [
    {
      name: 'the default ServiceAccount',
      yaml: dflt,
      errors: [
        {
          line: lineOf(dflt, '- kind: ServiceAccount'),
          message:
            'RoleBinding shop/default-view gives ClusterRole view to ServiceAccount shop/default (a default ServiceAccount) in namespace shop',
        },
      ],
    },
  ],
});
