import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-IMG-untrustedRegistry.js';

const pod = (image: string) => `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: shop }
spec:
  containers:
    - name: c
      image: ${image}
`;

ruleTester(rule, {
  valid: [
    { name: 'ACR', yaml: pod('contoso.azurecr.io/shop/api:1.2.3') },
    { name: 'MCR', yaml: pod('mcr.microsoft.com/azure-cli:2.60.0') },
    {
      name: 'custom allow-list with a path',
      params: { allowedRegistries: ['ghcr.io/azure-samples'] },
      yaml: pod('ghcr.io/azure-samples/aks-store-demo/order-service:2.2.0'),
    },
  ],
  invalid: [
    {
      name: 'Docker Hub short name',
      yaml: pod('nginx:1.27'),
      errors: [{ line: 7, resource: 'Pod shop/p', message: /comes from docker\.io/ }],
    },
    {
      name: 'ghcr',
      yaml: pod('ghcr.io/azure-samples/aks-store-demo/order-service:2.2.0'),
      errors: [{ line: 7, message: /comes from ghcr\.io/ }],
    },
    { name: 'look-alike domain', yaml: pod('contoso.azurecr.io.evil.com/api:1'), errors: [{ line: 7 }] },
    {
      name: 'path-restricted allow-list rejects other orgs',
      params: { allowedRegistries: ['ghcr.io/azure-samples'] },
      yaml: pod('ghcr.io/someone-else/tool:1'),
      errors: [{ line: 7 }],
    },
  ],
});
