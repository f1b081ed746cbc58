import { ruleTester } from '../testing/ruleTester.js';
import rule from './NP-unprotected.js';

const workloads = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: shop }
spec:
  template:
    metadata: { labels: { app: agent } }
    spec: { hostNetwork: true, containers: [{ name: agent, image: agent }] }
---
`;

ruleTester(rule, {
  valid: [
    {
      name: 'selected for both directions; host-network pods are node traffic',
      yaml: `${workloads}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress, Egress]
`,
    },
  ],
  invalid: [
    {
      name: 'selected for ingress only',
      yaml: `${workloads}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
`,
      errors: [
        {
          line: 1,
          resource: 'Deployment shop/web',
          message: /not protected for Egress: no NetworkPolicy selects it/,
        },
      ],
    },
    {
      name: 'Windows pods on Cilium are outside policy',
      settings: { netpolEngine: 'cilium' },
      yaml: `apiVersion: v1
kind: Pod
metadata: { name: win, namespace: shop, labels: { app: win } }
spec:
  nodeSelector: { kubernetes.io/os: windows }
  containers: [{ name: iis, image: iis }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
      errors: [
        {
          line: 1,
          resource: 'Pod shop/win',
          message: /not protected for Ingress: policies select it but cilium does not enforce them/,
        },
        { line: 1, resource: 'Pod shop/win', message: /not protected for Egress/ },
      ],
    },
  ],
});
