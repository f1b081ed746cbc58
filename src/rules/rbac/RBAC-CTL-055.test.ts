import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-055.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({ rules: [{ apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] }] });
const good = grantYaml({ rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }] });

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [{ line: bad.line, resource: bad.resource, message: /modify nodes/ }],
    },
  ],
});
