import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NS-defaultNamespace.js';

ruleTester(rule, {
  valid: [
    {
      name: 'what Kubernetes itself keeps in default (a live read or kubectl get -A shows them)',
      yaml: `apiVersion: v1
kind: Service
metadata: { name: kubernetes, namespace: default, labels: { component: apiserver, provider: kubernetes } }
spec: { ports: [{ name: https, port: 443, targetPort: 443 }] }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: default }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: kube-root-ca.crt, namespace: default }
data: { ca.crt: "-----BEGIN CERTIFICATE-----" }
`,
    },
    {
      name: 'own namespace, or none named (kubectl -n decides)',
      yaml: `apiVersion: v1
kind: Service
metadata: { name: a, namespace: shop }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: b }
`,
    },
    {
      // kube-prometheus: Prometheus may read the targets of the default namespace.
      name: 'a Role and RoleBinding that govern the default namespace live there',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: prometheus-k8s, namespace: default }
rules: [{ apiGroups: [""], resources: [pods, services, endpoints], verbs: [get, list, watch] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: prometheus-k8s, namespace: default }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: prometheus-k8s }
subjects: [{ kind: ServiceAccount, name: prometheus-k8s, namespace: monitoring }]
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: default
`,
      errors: [{ line: 5, resource: 'ServiceAccount default/app' }],
    },
  ],
});
