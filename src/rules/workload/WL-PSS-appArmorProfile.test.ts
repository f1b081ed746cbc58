import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-PSS-appArmorProfile.js';

ruleTester(rule, {
  valid: [
    {
      name: 'compliant workload',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
`,
    },
    {
      name: 'namespace enforcing privileged, no warn policy',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: privileged
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
            appArmorProfile: { type: Unconfined }
`,
    },
  ],
  invalid: [
    {
      name: 'reported at the offending field',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
            appArmorProfile: { type: Unconfined }
`,
      errors: [
        {
          line: 22,
          resource: 'Deployment shop/web',
          message:
            /Pod Security restricted:latest \(evaluated as v1\.37\) refuses it \(the scan's level for namespace shop, which has no enforce label\)$/,
        },
      ],
    },
  ],
});
