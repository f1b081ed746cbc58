import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-HARD-readOnlyRootFs.js';

ruleTester(rule, {
  valid: [
    {
      // readOnlyRootFilesystem "cannot be set when spec.os.name is windows" (Kubernetes API reference).
      name: 'a Windows pod: the setting does not exist there',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: legacy, namespace: shop }
spec:
  template:
    spec:
      nodeSelector: { kubernetes.io/os: windows }
      containers:
        - name: web
          image: shop.azurecr.io/legacy:4.8
          ports: [{ containerPort: 80 }]
`,
    },
    {
      name: 'read-only root',
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
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          ports: [{ containerPort: 8080 }]
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
`,
    },
  ],
  invalid: [
    {
      name: 'explicitly writable',
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
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          ports: [{ containerPort: 8080 }]
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: false
            capabilities: { drop: [ALL] }
`,
      errors: [{ line: 30, resource: 'Deployment shop/web' }],
    },
    {
      name: 'unset, and an init container',
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
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          ports: [{ containerPort: 8080 }]
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
      initContainers:
        - name: migrate
          image: contoso.azurecr.io/migrate:1.0
`,
      errors: [
        { line: 28, resource: 'Deployment shop/web' },
        { line: 32, resource: 'Deployment shop/web' },
      ],
    },
  ],
});
