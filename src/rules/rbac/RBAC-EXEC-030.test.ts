import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-EXEC-030.js';
import { bindingYaml, grantYaml, USER_ALICE } from './testFixtures.js';

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
      name: 'bootstrap edit in an application namespace (reported once, as RBAC-WL-020 and RBAC-SEC-040)',
      yaml: bindingYaml('RoleBinding', 'team-edit', 'ClusterRole', 'edit', USER_ALICE, 'shop'),
    },
    {
      name: 'pods does not cover pods/exec',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create', 'get'] }] }).yaml,
    },
    { name: 'get pods/exec from 1.35', yaml: getOnly.yaml, settings: { k8sVersion: '1.35' } },
    { name: 'get pods/exec at the latest version', yaml: getOnly.yaml },
  ],
  invalid: [
    {
      name: 'bootstrap edit in kube-system',
      yaml: bindingYaml('RoleBinding', 'ops-edit', 'ClusterRole', 'edit', USER_ALICE, 'kube-system'),
      errors: [{ line: 6, message: /exec into pods in namespace kube-system \(ClusterRole edit/ }],
    },
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
