import { ruleTester } from '../testing/ruleTester.js';
import rule from './NP-splitRule.js';

ruleTester(rule, {
  valid: [
    {
      name: 'peers and ports in one rule',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend, namespace: shop }
spec:
  podSelector: { matchLabels: { app: backend } }
  ingress:
    - from:
        - podSelector: { matchLabels: { app: frontend } }
      ports:
        - port: 9090
`,
    },
    {
      name: 'a ports-only rule alone is a deliberate choice',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress:
    - ports: [{ port: 443 }]
`,
    },
  ],
  invalid: [
    {
      name: 'netpol-analyzer diff example: the dash before ports',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend-netpol, namespace: default }
spec:
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
  - ports:
    - port: 9090
      protocol: TCP
  podSelector:
    matchLabels:
      app: backendservice
  policyTypes:
  - Ingress
`,
      errors: [
        {
          line: 10,
          resource: 'NetworkPolicy default/backend-netpol',
          message:
            'Ingress rule #2 of NetworkPolicy default/backend-netpol has ports (TCP 9090) but no `from`, so they are open to every source; rule #1 names peers without ports — were they meant to be one rule?',
        },
      ],
    },
  ],
});
