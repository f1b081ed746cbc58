import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SEC-042.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'kube-system',
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }],
});
const good = grantYaml({
  namespace: 'kube-system',
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [
        { line: bad.line, resource: bad.resource, message: /create Secrets .* in namespace kube-system/ },
      ],
    },
  ],
});
