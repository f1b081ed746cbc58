import { ruleTester } from '../testing/ruleTester.js';
import rule from './NP-imdsReachable.js';

const web = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: web }]
---
`;

const blockImds = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: block-imds, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] }
`;

ruleTester(rule, {
  valid: [
    { name: 'egress blocks IMDS', yaml: web + blockImds },
    {
      name: 'host-network pods are left out',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: kube-system }
spec:
  template:
    metadata: { labels: { app: agent } }
    spec: { hostNetwork: true, containers: [{ name: agent, image: agent }] }
`,
    },
  ],
  invalid: [
    {
      name: 'no egress policy',
      yaml: web,
      errors: [
        {
          line: 7,
          resource: 'Deployment shop/web',
          message: /can reach IMDS 169\.254\.169\.254 \(All Connections\)/,
        },
      ],
    },
    {
      name: 'an egress policy allowing 0.0.0.0/0 on 80 includes IMDS',
      yaml: `${web}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-out, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }]
      ports: [{ port: 80 }]
`,
      errors: [{ line: 7, message: /\(TCP 80\)/ }],
    },
    {
      name: 'the AKS docs example is invalid, so it blocks nothing',
      yaml:
        web +
        blockImds.replace(
          'cidr: 0.0.0.0/0, except: [169.254.169.254/32]',
          'cidr: 10.10.0.0/0#example, except: [169.254.169.254/32]',
        ),
      errors: [{ line: 7 }],
    },
  ],
});
