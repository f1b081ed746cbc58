import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-ESC-010.js';
import { grantYaml } from './testFixtures.js';

const esc = (resources: string[], namespace?: string) =>
  grantYaml({
    namespace,
    rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources, verbs: ['escalate', 'update'] }],
  });
const cluster = esc(['clusterroles']);
const ns = esc(['roles'], 'shop');
const wildcard = grantYaml({ rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });

ruleTester(rule, {
  valid: [
    {
      name: 'update without escalate',
      yaml: grantYaml({
        rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['update'] }],
      }).yaml,
    },
    {
      name: 'escalate on clusterroles through a RoleBinding cannot apply (cluster-scoped)',
      yaml: esc(['clusterroles'], 'shop').yaml,
    },
    {
      name: 'escalate in the wrong API group',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['clusterroles'], verbs: ['escalate'] }] })
        .yaml,
    },
  ],
  invalid: [
    {
      name: 'escalate on clusterroles',
      yaml: cluster.yaml,
      errors: [
        {
          line: cluster.line,
          resource: cluster.resource,
          message: /lets User alice@contoso.com escalate .* cluster-wide \(ClusterRole custom, rules\[0\]\)/,
        },
      ],
    },
    {
      name: 'escalate on roles in a namespace',
      yaml: ns.yaml,
      errors: [{ line: ns.line, resource: ns.resource, message: /in namespace shop/ }],
    },
    { name: 'a wildcard role', yaml: wildcard.yaml, errors: [{ line: wildcard.line }] },
  ],
});
