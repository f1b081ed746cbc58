import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NS-defaultNamespace.js';

ruleTester(rule, {
  valid: [
    {
      name: 'own namespace, or none named (kubectl -n decides)',
      yaml: `apiVersion: v1
kind: Service
metadata: { name: a, namespace: shop }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: b }
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: default
`,
      errors: [{ line: 5, resource: 'ServiceAccount default/app' }],
    },
  ],
});
