import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-057.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['delete'] }],
});
const good = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['delete'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [{ line: bad.line, resource: bad.resource, message: /delete any resource in namespace shop/ }],
    },
  ],
});
