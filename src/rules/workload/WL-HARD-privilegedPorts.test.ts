import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-HARD-privilegedPorts.js';

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
      name: 'high port',
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
      name: 'port 80',
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
          ports:
            - containerPort: 8080
            - containerPort: 80
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
      errors: [{ line: 24, resource: 'Deployment shop/web' }],
    },
  ],
});
