import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-SEC-committedSecret.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a Secret without values and a SecretProviderClass',
      yaml: `apiVersion: v1
kind: Secret
metadata: { name: sa-token, annotations: { kubernetes.io/service-account.name: app } }
type: kubernetes.io/service-account-token
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: { name: kv, namespace: shop }
spec:
  provider: azure
  parameters: { keyvaultName: shop-kv }
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: rabbitmq-secrets
data:
  RABBITMQ_DEFAULT_USER: dXNlcm5hbWU=
  RABBITMQ_DEFAULT_PASS: cGFzc3dvcmQ=
---
apiVersion: v1
kind: Secret
metadata: { name: api, namespace: shop }
stringData:
  token: abc
`,
      errors: [
        {
          line: 5,
          resource: 'Secret default/rabbitmq-secrets',
          message:
            'Secret default/rabbitmq-secrets commits 2 value(s) to the repository (keys: RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS)',
        },
        { line: 12, resource: 'Secret shop/api' },
      ],
    },
    {
      name: 'items of a List',
      yaml: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: { name: one, namespace: a }
    data: { k: dg== }
`,
      errors: [{ line: 7, resource: 'Secret a/one' }],
    },
  ],
});
