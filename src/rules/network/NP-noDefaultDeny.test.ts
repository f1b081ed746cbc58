import { ruleTester } from '../testing/ruleTester.js';
import rule from './NP-noDefaultDeny.js';

const app = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web }] }
---
`;

ruleTester(rule, {
  valid: [
    {
      name: 'default deny for both directions',
      yaml: `${app}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
    },
  ],
  invalid: [
    {
      name: 'no policy at all: both directions, at the Namespace object',
      yaml: app,
      errors: [
        { line: 1, resource: 'Namespace shop', message: /no default-deny NetworkPolicy for Ingress/ },
        { line: 1, resource: 'Namespace shop', message: /no default-deny NetworkPolicy for Egress/ },
      ],
    },
    {
      name: 'ingress only; an allow-all policy is no deny',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-in, namespace: shop }
spec:
  podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-all-out, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{}]
`,
      errors: [
        {
          line: 1,
          resource: 'Namespace shop',
          message: /for Egress: pods not selected by another policy may connect to any pod and address/,
        },
      ],
    },
  ],
});
