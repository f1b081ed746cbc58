import { ruleTester } from '../testing/ruleTester.js';
import rule from './NP-noEffect.js';

const web = `apiVersion: apps/v1
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
      name: 'the policy selects the workload',
      yaml: `${web}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
`,
    },
    {
      name: 'no workload of that namespace among the inputs: cannot be judged',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: elsewhere }
spec:
  podSelector: { matchLabels: { app: web } }
`,
    },
  ],
  invalid: [
    {
      name: 'a label typo',
      yaml: `${web}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: wbe, namespace: shop }
spec:
  podSelector: { matchLabels: { app: wbe } }
`,
      errors: [
        {
          line: 13,
          resource: 'NetworkPolicy shop/wbe',
          message: /selects no workload in namespace shop \(podSelector app=wbe\)/,
        },
      ],
    },
  ],
});
