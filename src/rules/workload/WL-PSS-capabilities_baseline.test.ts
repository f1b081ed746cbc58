import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-PSS-capabilities_baseline.js';

ruleTester(rule, {
  valid: [
    {
      name: 'compliant workload',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
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
            capabilities: { add: [NET_BIND_SERVICE] }
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
            capabilities: { add: [NET_RAW] }
`,
    },
  ],
  invalid: [
    {
      name: 'reported at the offending field',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
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
            capabilities: { add: [NET_RAW] }
`,
      errors: [
        {
          line: 28,
          resource: 'Deployment shop/web',
          message:
            /Pod Security baseline:latest \(evaluated as v1\.37\), enforced for namespace shop, refuses it$/,
        },
      ],
    },
  ],
});
