import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SUB-075.js';
import { bindingYaml, lineOf, USER_ALICE } from './testFixtures.js';

const many = ['a', 'b', 'c']
  .map((n) => bindingYaml('RoleBinding', `alice-${n}`, 'ClusterRole', 'view', USER_ALICE, n))
  .join('---\n');

ruleTester(rule, {
  valid: [{ name: 'under the threshold', yaml: many }],
  invalid: [
    {
      name: 'over a lowered threshold',
      yaml: many,
      params: { maxBindings: 2 },
      errors: [
        {
          line: lineOf(many, 'subjects:', lineOf(many, 'alice-c')),
          message: /User alice@contoso.com is named in 3 bindings/,
        },
      ],
    },
  ],
});
