import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-SEC-automountToken.js';

ruleTester(rule, {
  valid: [
    {
      name: 'pod-level false, and ServiceAccount-level false',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: { name: quiet, namespace: shop }
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: a, namespace: shop }
spec:
  template:
    spec:
      serviceAccountName: quiet
      containers: [{ name: a, image: x.azurecr.io/a:1 }]
---
apiVersion: v1
kind: Pod
metadata: { name: b, namespace: other }
spec:
  automountServiceAccountToken: false
  containers: [{ name: b, image: x.azurecr.io/b:1 }]
`,
    },
    {
      // kube-state-metrics, the Prometheus operator, exporters behind kube-rbac-proxy: they call the API.
      name: 'a ServiceAccount granted permissions by a binding needs its token',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: kube-state-metrics, namespace: monitoring }
spec:
  template:
    spec:
      serviceAccountName: kube-state-metrics
      automountServiceAccountToken: true
      containers: [{ name: ksm, image: x.azurecr.io/ksm:2 }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: kube-state-metrics }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects: [{ kind: ServiceAccount, name: kube-state-metrics, namespace: monitoring }]
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: { name: quiet, namespace: shop }
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: loud, namespace: shop }
spec:
  template:
    spec:
      serviceAccountName: quiet
      automountServiceAccountToken: true
      containers: [{ name: a, image: x.azurecr.io/a:1 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: other, namespace: other }
spec:
  template:
    spec:
      serviceAccountName: quiet
      containers: [{ name: a, image: x.azurecr.io/a:1 }]
`,
      errors: [
        {
          line: 13,
          resource: 'Deployment shop/loud',
          severity: 'low',
          message:
            /explicitly mounts the token of ServiceAccount quiet, which no binding of the input grants anything/,
        },
        {
          line: 21,
          resource: 'Deployment other/other',
          severity: 'medium',
          message: /token of ServiceAccount quiet mounted: the pod does not set .*not among the inputs/,
        },
      ],
    },
  ],
});
