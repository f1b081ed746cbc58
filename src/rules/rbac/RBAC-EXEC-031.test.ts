import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-EXEC-031.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] }],
});
const good = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [
        { line: bad.line, resource: bad.resource, message: /attach to running containers in namespace shop/ },
      ],
    },
  ],
});
