import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-059.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['delete'] }],
});
const good = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get'] }],
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
          message: /change network exposure or isolation in namespace shop/,
        },
      ],
    },
  ],
});
