import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-AKS-008.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [
    { apiGroups: ['aadpodidentity.k8s.io'], resources: ['azurepodidentityexceptions'], verbs: ['create'] },
  ],
});

ruleTester(rule, {
  valid: [
    {
      name: 'read only',
      yaml: grantYaml({
        rules: [
          {
            apiGroups: ['aadpodidentity.k8s.io'],
            resources: ['azurepodidentityexceptions'],
            verbs: ['get', 'list'],
          },
        ],
      }).yaml,
    },
    {
      name: 'another group',
      yaml: grantYaml({
        rules: [{ apiGroups: ['example.com'], resources: ['azurepodidentityexceptions'], verbs: ['create'] }],
      }).yaml,
    },
  ],
  invalid: [
    {
      name: 'create exceptions',
      yaml: bad.yaml,
      errors: [
        {
          line: bad.line,
          resource: bad.resource,
          message: /write AzurePodIdentityExceptions .* in namespace shop/,
        },
      ],
    },
  ],
});
