import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-053.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({ rules: [{ apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create'] }] });
const good = grantYaml({
  rules: [{ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [{ line: bad.line, resource: bad.resource, message: /create PersistentVolumes/ }],
    },
  ],
});
