import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SEC-041.js';
import { grantYaml } from './testFixtures.js';

const token = grantYaml({
  namespace: 'ci',
  rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }],
});

ruleTester(rule, {
  valid: [
    {
      name: 'create serviceaccounts is not TokenRequest',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create'] }] })
        .yaml,
    },
  ],
  invalid: [
    {
      name: 'TokenRequest',
      yaml: token.yaml,
      errors: [
        {
          line: token.line,
          resource: token.resource,
          message: /request ServiceAccount tokens in namespace ci/,
        },
      ],
    },
  ],
});
