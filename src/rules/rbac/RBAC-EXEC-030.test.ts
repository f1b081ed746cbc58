import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-EXEC-030.js';
import { grantYaml } from './testFixtures.js';

const create = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
});
const getOnly = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }],
});
const starExec = grantYaml({ rules: [{ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] }] });

ruleTester(rule, {
  valid: [
    {
      name: 'pods does not cover pods/exec',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create', 'get'] }] }).yaml,
    },
    { name: 'get pods/exec from 1.35', yaml: getOnly.yaml, settings: { k8sVersion: '1.35' } },
    { name: 'get pods/exec at the latest version', yaml: getOnly.yaml },
  ],
  invalid: [
    {
      name: 'create pods/exec',
      yaml: create.yaml,
      errors: [{ line: create.line, resource: create.resource, message: /exec into pods in namespace shop/ }],
    },
    {
      name: 'get pods/exec before 1.35',
      yaml: getOnly.yaml,
      settings: { k8sVersion: '1.34' },
      errors: [{ line: getOnly.line }],
    },
    { name: '*/exec', yaml: starExec.yaml, errors: [{ line: starExec.line }] },
  ],
});
