import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-056.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['services/status'], verbs: ['update'] }],
});
const good = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/status'], verbs: ['get'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [
        {
          line: bad.line,
          resource: bad.resource,
          message: /rewrite pod or service status in namespace shop/,
        },
      ],
    },
  ],
});
