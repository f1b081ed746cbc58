import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-IMP-014.js';
import { grantYaml } from './testFixtures.js';

const groups = grantYaml({
  rules: [{ apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] }],
});
const sas = grantYaml({
  namespace: 'ci',
  rules: [
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'], resourceNames: ['deployer'] },
  ],
});

ruleTester(rule, {
  valid: [
    {
      name: 'impersonating users through a RoleBinding cannot apply (cluster-scoped)',
      yaml: grantYaml({
        namespace: 'ci',
        rules: [{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }],
      }).yaml,
    },
    {
      name: 'get on serviceaccounts',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] }] }).yaml,
    },
  ],
  invalid: [
    {
      name: 'impersonate users and groups',
      yaml: groups.yaml,
      errors: [
        {
          line: groups.line,
          resource: groups.resource,
          message: /impersonate other identities cluster-wide/,
        },
      ],
    },
    {
      name: 'impersonate a named ServiceAccount',
      yaml: sas.yaml,
      errors: [{ line: sas.line, message: /impersonate other identities \(only deployer\) in namespace ci/ }],
    },
  ],
});
