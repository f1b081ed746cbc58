import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NS-nakedPod.js';

ruleTester(rule, {
  valid: [
    {
      name: 'owned pod and a Deployment',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web-7d4b9
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4b9, uid: "1" }]
spec:
  containers: [{ name: c, image: x.azurecr.io/a:1 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers: [{ name: c, image: x.azurecr.io/a:1 }]
`,
    },
  ],
  invalid: [
    {
      yaml: `# a debugging pod left behind
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: ops }
spec:
  containers: [{ name: c, image: x.azurecr.io/a:1 }]
`,
      errors: [{ line: 2, resource: 'Pod ops/debug' }],
    },
  ],
});
