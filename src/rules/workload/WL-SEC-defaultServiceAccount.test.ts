import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-SEC-defaultServiceAccount.js';

ruleTester(rule, {
  valid: [
    {
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop }
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: report
          containers: [{ name: r, image: x.azurecr.io/r:1 }]
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop }
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{ name: r, image: x.azurecr.io/r:1 }]
---
apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  serviceAccountName: default
  containers: [{ name: p, image: x.azurecr.io/p:1 }]
`,
      errors: [
        { line: 9, resource: 'CronJob shop/report', message: /sets no serviceAccountName/ },
        { line: 16, resource: 'Pod default/p', message: /runs as the namespace's default ServiceAccount/ },
      ],
    },
  ],
});
