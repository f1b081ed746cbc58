import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-052.js';
import { grantYaml } from './testFixtures.js';

const G = 'certificates.k8s.io';
const csrRules = [
  { apiGroups: [G], resources: ['certificatesigningrequests'], verbs: ['create'] },
  { apiGroups: [G], resources: ['certificatesigningrequests/approval'], verbs: ['update'] },
];
const full = grantYaml({
  rules: [
    ...csrRules,
    {
      apiGroups: [G],
      resources: ['signers'],
      verbs: ['approve'],
      resourceNames: ['kubernetes.io/kube-apiserver-client'],
    },
  ],
});

ruleTester(rule, {
  valid: [
    { name: 'no approve on the signer', yaml: grantYaml({ rules: csrRules }).yaml },
    {
      name: 'approve on another signer',
      yaml: grantYaml({
        rules: [
          ...csrRules,
          {
            apiGroups: [G],
            resources: ['signers'],
            verbs: ['approve'],
            resourceNames: ['example.com/internal'],
          },
        ],
      }).yaml,
    },
  ],
  invalid: [
    {
      name: 'create, approve and sign API client certificates',
      yaml: full.yaml,
      errors: [{ line: full.line, resource: full.resource }],
    },
  ],
});
