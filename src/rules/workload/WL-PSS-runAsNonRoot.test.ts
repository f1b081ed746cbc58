import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-PSS-runAsNonRoot.js';

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
      name: 'user namespace (v1.35)',
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
      hostUsers: false
      securityContext:
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
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
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
`,
      errors: [
        {
          line: 18,
          resource: 'Deployment shop/web',
          message:
            /Pod Security restricted:latest \(evaluated as v1\.37\) refuses it \(the scan's level for namespace shop, which has no enforce label\)$/,
        },
      ],
    },
    {
      name: 'warn policy: finding one step lower',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/warn: restricted
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
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
`,
      errors: [
        {
          line: 26,
          resource: 'Deployment shop/web',
          message: /warn policy of namespace shop, warns about it/,
        },
      ],
    },
  ],
});
