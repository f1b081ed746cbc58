import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NET-publicLoadBalancer.js';

ruleTester(rule, {
  valid: [
    {
      name: 'internal load balancer and ClusterIP',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "true"
spec:
  type: LoadBalancer
  ports: [{ port: 443 }]
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: shop }
spec:
  ports: [{ port: 5432 }]
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: store-front
spec:
  ports:
    - port: 80
  type: LoadBalancer
---
apiVersion: v1
kind: Service
metadata:
  name: admin
  namespace: shop
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "false"
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [203.0.113.0/24]
`,
      errors: [
        {
          line: 8,
          resource: 'Service default/store-front',
          message:
            'Service default/store-front has type LoadBalancer without the azure-load-balancer-internal annotation: it gets a public IP reachable from the whole Internet',
        },
        {
          line: 18,
          resource: 'Service shop/admin',
          message: /only "true" makes it internal.*reachable from 203\.0\.113\.0\/24/,
        },
      ],
    },
  ],
});
