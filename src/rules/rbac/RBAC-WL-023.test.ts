import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-WL-023.js';
import { grantYaml } from './testFixtures.js';

const ns = (labels: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {${labels}}\n---\n`;
const pods = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }],
});
const open = ns('team: shop') + pods.yaml;

ruleTester(rule, {
  valid: [
    {
      name: 'the namespace enforces baseline',
      yaml: ns('pod-security.kubernetes.io/enforce: baseline') + pods.yaml,
    },
    { name: 'namespace labels unknown (not in the input): not evaluated', yaml: pods.yaml },
  ],
  invalid: [
    {
      name: 'no enforcement',
      yaml: open,
      errors: [
        {
          line: pods.line + 6,
          resource: pods.resource,
          message: /create privileged pods \(namespace shop enforces no Pod Security level\)/,
        },
      ],
    },
  ],
});
