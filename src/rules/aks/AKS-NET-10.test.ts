import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-10.js';
import { azCluster } from './testFixtures.js';

const service = (annotations: string) => `apiVersion: v1
kind: Service
metadata:
  name: store-front
  namespace: store
${annotations}spec:
  type: LoadBalancer
  ports:
    - port: 80
`;
const internal = service(
  '  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n',
);

ruleTester(rule, {
  valid: [{ name: 'internal load balancer', files: { 'c.json': azCluster(), 'app.yaml': internal } }],
  invalid: [
    {
      name: 'public load balancer, no WAF',
      files: { 'c.json': azCluster(), 'app.yaml': service('') },
      errors: [{ line: 1, resource: 'ManagedCluster aks1', message: /store\/store-front/ }],
    },
    {
      // cloud-provider-azure compares the annotation with exactly "true"; "True" leaves the IP public.
      name: 'annotation "True" does not make the load balancer internal',
      files: {
        'c.json': azCluster(),
        'app.yaml': service(
          '  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "True"\n',
        ),
      },
      errors: [{ line: 1, resource: 'ManagedCluster aks1', message: /store\/store-front/ }],
    },
    {
      name: 'no manifests',
      files: { 'c.json': azCluster() },
      errors: [],
      notEvaluated: [{ reason: /no Kubernetes manifests/ }],
    },
  ],
});
