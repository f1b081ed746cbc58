import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-WL-024.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['patch'] }],
});
const good = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [
        { line: bad.line, resource: bad.resource, message: /relabel namespaces .* in namespace shop/ },
      ],
    },
  ],
});
