import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NS-psaLabels.js';

ruleTester(rule, {
  valid: [
    {
      name: 'restricted namespace',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
`,
    },
    {
      name: 'baseline namespace',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
`,
    },
    {
      name: 'kube-system is exempt by default',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: kube-system
`,
    },
    {
      name: 'namespaces only referenced by workloads are not judged',
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
    {
      name: 'configured exemption',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: ops
`,
      params: { exemptNamespaces: ['shop'] },
    },
  ],
  invalid: [
    {
      name: 'no labels at all',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`,
      errors: [{ line: 3, resource: 'Namespace shop' }],
    },
    {
      name: 'labels without enforce',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/warn: restricted
`,
      errors: [{ line: 5, resource: 'Namespace shop' }],
    },
    {
      name: 'enforce privileged',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: privileged
`,
      errors: [{ line: 6, resource: 'Namespace shop' }],
    },
    {
      name: 'misspelt level',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: Restricted
`,
      errors: [{ line: 6, resource: 'Namespace shop', message: /not a level/ }],
    },
    {
      name: 'invalid warn level and enforce version',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: 1.30
    pod-security.kubernetes.io/warn: strict
`,
      errors: [
        {
          line: 7,
          resource: 'Namespace shop',
          message: /is invalid .*; the admission plugin uses (latest|privileged) instead/,
        },
        {
          line: 8,
          resource: 'Namespace shop',
          message: /is invalid .*; the admission plugin uses (latest|privileged) instead/,
        },
      ],
    },
    {
      name: 'kube-system when exemptions are cleared',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: kube-system
`,
      params: { exemptNamespaces: [] },
      errors: [{ line: 3, resource: 'Namespace kube-system' }],
    },
  ],
});
