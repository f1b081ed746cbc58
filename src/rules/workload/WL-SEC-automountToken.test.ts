import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-SEC-automountToken.js';

ruleTester(rule, {
  valid: [
    {
      name: 'pod-level false, and ServiceAccount-level false',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: { name: quiet, namespace: shop }
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: a, namespace: shop }
spec:
  template:
    spec:
      serviceAccountName: quiet
      containers: [{ name: a, image: x.azurecr.io/a:1 }]
---
apiVersion: v1
kind: Pod
metadata: { name: b, namespace: other }
spec:
  automountServiceAccountToken: false
  containers: [{ name: b, image: x.azurecr.io/b:1 }]
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: { name: quiet, namespace: shop }
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: loud, namespace: shop }
spec:
  template:
    spec:
      serviceAccountName: quiet
      automountServiceAccountToken: true
      containers: [{ name: a, image: x.azurecr.io/a:1 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: other, namespace: other }
spec:
  template:
    spec:
      serviceAccountName: quiet
      containers: [{ name: a, image: x.azurecr.io/a:1 }]
`,
      errors: [
        {
          line: 13,
          resource: 'Deployment shop/loud',
          message: /explicitly mounts the token of ServiceAccount quiet/,
        },
        {
          line: 21,
          resource: 'Deployment other/other',
          message: /token of ServiceAccount quiet mounted: the pod does not set .*not among the inputs/,
        },
      ],
    },
  ],
});
