import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NET-ingressNoTLS.js';

ruleTester(rule, {
  valid: [
    {
      name: 'every host covered, including by a wildcard',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  tls:
    - hosts: ["shop.example.com", "*.api.example.com"]
      secretName: shop-tls
  rules:
    - host: shop.example.com
    - host: v1.api.example.com
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: store-front
spec:
  ingressClassName: webapprouting.kubernetes.azure.com
  rules:
    - http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: store-front, port: { number: 80 } } } }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  tls:
    - hosts: ["*.example.com"]
  rules:
    - host: shop.example.com
    - host: a.b.example.com
`,
      errors: [
        { line: 5, resource: 'Ingress default/store-front', message: /has no tls section/ },
        { line: 19, resource: 'Ingress shop/web', message: /host a\.b\.example\.com is not listed/ },
      ],
    },
    {
      name: 'Azure Policy mode also requires allow-http false',
      params: { requireAllowHttpFalse: true },
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    team: shop
spec:
  tls: [{ hosts: [shop.example.com], secretName: t }]
  rules: [{ host: shop.example.com }]
`,
      errors: [{ line: 5, message: /does not set kubernetes\.io\/ingress\.allow-http: "false"/ }],
    },
  ],
});
