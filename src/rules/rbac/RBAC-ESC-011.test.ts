import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-ESC-011.js';
import { grantYaml } from './testFixtures.js';

const RBAC = 'rbac.authorization.k8s.io';
const bind = (names?: string[], namespace?: string) =>
  grantYaml({
    namespace,
    rules: [
      {
        apiGroups: [RBAC],
        resources: ['clusterroles'],
        verbs: ['bind'],
        ...(names ? { resourceNames: names } : {}),
      },
      { apiGroups: [RBAC], resources: ['clusterrolebindings', 'rolebindings'], verbs: ['create'] },
    ],
  });
const all = bind();
const named = bind(['cluster-admin']);
const literalStar = bind(['*']);
const inNamespace = bind(undefined, 'shop');

ruleTester(rule, {
  valid: [
    {
      name: 'create bindings without bind',
      yaml: grantYaml({ rules: [{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create'] }] })
        .yaml,
    },
    // resourceNames ["*"] names a role literally called "*" (exact semantics; KubeHound's ROLE_BIND treats it as a wildcard).
    { name: 'resourceNames ["*"] is a literal name', yaml: literalStar.yaml },
    {
      name: 'bind without the right to write bindings',
      yaml: grantYaml({ rules: [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'] }] }).yaml,
    },
  ],
  invalid: [
    {
      name: 'bind any ClusterRole',
      yaml: all.yaml,
      errors: [
        {
          line: all.line,
          resource: all.resource,
          message: /bind roles they do not hold \(any clusterroles\) cluster-wide/,
        },
      ],
    },
    {
      name: 'bind cluster-admin by name',
      yaml: named.yaml,
      errors: [{ line: named.line, message: /\(clusterroles\/cluster-admin\)/ }],
    },
    {
      name: 'bind in a namespace',
      yaml: inNamespace.yaml,
      errors: [{ line: inNamespace.line, message: /in namespace shop/ }],
    },
  ],
});
