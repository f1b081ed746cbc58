import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-WL-022.js';
import { grantYaml } from './testFixtures.js';

const patch = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['patch'] }],
});

ruleTester(rule, {
  valid: [
    {
      name: 'patch pods/status only',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] }] }).yaml,
    },
    {
      name: 'read pods',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }).yaml,
    },
  ],
  invalid: [
    {
      name: 'patch pods',
      yaml: patch.yaml,
      errors: [
        { line: patch.line, resource: patch.resource, message: /modify running pods in namespace shop/ },
      ],
    },
  ],
});
