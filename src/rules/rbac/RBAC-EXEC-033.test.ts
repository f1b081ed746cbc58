import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-EXEC-033.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] }],
});
const good = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [{ line: bad.line, resource: bad.resource, message: /port-forward to pods in namespace shop/ }],
    },
  ],
});
