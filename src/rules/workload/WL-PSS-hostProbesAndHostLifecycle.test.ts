import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-PSS-hostProbesAndHostLifecycle.js';

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
          readinessProbe:
            httpGet: { host: 169.254.169.254, path: /metadata, port: 80 }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
`,
    },
    {
      name: 'namespace pinned to v1.33, before the check',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.33
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
          readinessProbe:
            httpGet: { host: 169.254.169.254, path: /metadata, port: 80 }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
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
          readinessProbe:
            httpGet: { host: 169.254.169.254, path: /metadata, port: 80 }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
`,
      errors: [
        {
          line: 20,
          resource: 'Deployment shop/web',
          message:
            /Pod Security restricted:latest \(evaluated as v1\.37\) refuses it \(the scan's level for namespace shop, which has no enforce label\)$/,
        },
      ],
    },
  ],
});
