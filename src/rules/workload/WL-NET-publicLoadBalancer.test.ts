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
    {
      name: 'an internal application routing NGINX controller',
      yaml: `apiVersion: approuting.kubernetes.azure.com/v1alpha1
kind: NginxIngressController
metadata: { name: nginx-internal }
spec:
  ingressClassName: nginx-internal
  controllerNamePrefix: nginx-internal
  loadBalancerAnnotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "true"
`,
    },
  ],
  invalid: [
    {
      name: 'an application routing NGINX controller without the internal annotation is public',
      yaml: `apiVersion: approuting.kubernetes.azure.com/v1alpha1
kind: NginxIngressController
metadata: { name: nginx-public }
spec:
  ingressClassName: nginx-public
  controllerNamePrefix: nginx-public
`,
      errors: [
        {
          line: 4,
          resource: 'NginxIngressController nginx-public',
          message:
            'NginxIngressController nginx-public (ingress class nginx-public) has no azure-load-balancer-internal: "true" in spec.loadBalancerAnnotations: the application routing add-on gives it a public IP reachable from the whole Internet',
        },
      ],
    },
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
