import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-EXEC-034.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({ rules: [{ apiGroups: [''], resources: ['services/proxy'], verbs: ['get'] }] });
const good = grantYaml({ rules: [{ apiGroups: [''], resources: ['services'], verbs: ['get'] }] });

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [
        { line: bad.line, resource: bad.resource, message: /proxy HTTP to pods or services cluster-wide/ },
      ],
    },
  ],
});
