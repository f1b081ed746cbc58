import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-IMP-015.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'ci',
  rules: [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate:serviceaccount'] }],
});
const good = grantYaml({
  namespace: 'ci',
  rules: [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [
        {
          line: bad.line,
          resource: bad.resource,
          message: /constrained verbs \(impersonate:serviceaccount\) in namespace ci/,
        },
      ],
    },
  ],
});
