import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-EXEC-032.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] }],
});
const good = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['get'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [{ line: bad.line, resource: bad.resource, message: /ephemeral containers/ }],
    },
  ],
});
