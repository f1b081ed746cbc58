import { ruleTester } from '../testing/ruleTester.js';
import rule from './NP-dbWideOpen.js';

const db = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: pg, namespace: data }
spec:
  template:
    metadata: { labels: { app: pg } }
    spec:
      containers:
        - name: pg
          image: postgres
          ports:
            - containerPort: 5432
---
`;

ruleTester(rule, {
  valid: [
    {
      name: 'only its client may connect',
      yaml: `${db}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: pg, namespace: data }
spec:
  podSelector: { matchLabels: { app: pg } }
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: shop } }
          podSelector: { matchLabels: { app: api } }
      ports: [{ port: 5432 }]
`,
    },
  ],
  invalid: [
    {
      name: 'no ingress policy',
      yaml: db,
      errors: [
        {
          line: 12,
          resource: 'StatefulSet data/pg',
          message: /exposes database port TCP 5432 to any source/,
        },
      ],
    },
    {
      name: 'open to all namespaces and to the Internet',
      yaml: `${db}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: pg, namespace: data }
spec:
  podSelector: { matchLabels: { app: pg } }
  ingress:
    - from: [{ namespaceSelector: {} }, { ipBlock: { cidr: 0.0.0.0/0 } }]
      ports: [{ port: 5432 }]
`,
      errors: [
        {
          line: 12,
          message:
            'StatefulSet data/pg exposes database port TCP 5432 to all pods in all namespaces, the Internet, all pods (the ipBlock covers the pod CIDR) (NetworkPolicy data/pg)',
        },
      ],
    },
  ],
});
