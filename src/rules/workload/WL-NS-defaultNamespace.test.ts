import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NS-defaultNamespace.js';

ruleTester(rule, {
  valid: [
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
