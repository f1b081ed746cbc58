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

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: store-admin
  namespace: store
spec:
  ingressClassName: webapprouting.kubernetes.azure.com
  rules:
    - http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: store-admin, port: { number: 80 } } } }
`;
const appRouting = (nginx: Record<string, unknown> = {}) =>
  azCluster({ ingressProfile: { webAppRouting: { enabled: true, ...nginx } } });
const internalController = `apiVersion: approuting.kubernetes.azure.com/v1alpha1
kind: NginxIngressController
metadata:
  name: nginx-internal
spec:
  ingressClassName: nginx-internal
  controllerNamePrefix: nginx-internal
  loadBalancerAnnotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "true"
`;

ruleTester(rule, {
  valid: [
    { name: 'internal load balancer', files: { 'c.json': azCluster(), 'app.yaml': internal } },
    {
      name: 'application routing with an internal default controller',
      files: {
        'c.json': appRouting({ nginx: { defaultIngressControllerType: 'Internal' } }),
        'app.yaml': ingress,
      },
    },
    {
      name: 'an Ingress on an internal NginxIngressController',
      files: {
        'c.json': appRouting(),
        'app.yaml': `${internalController}---\n${ingress.replace('webapprouting.kubernetes.azure.com', 'nginx-internal')}`,
      },
    },
    { name: 'an app routing Ingress, add-on off', files: { 'c.json': azCluster(), 'app.yaml': ingress } },
  ],
  invalid: [
    {
      name: "an Ingress on the application routing add-on's default (public) NGINX controller",
      files: { 'c.json': appRouting(), 'app.yaml': ingress },
      errors: [
        {
          line: 1,
          resource: 'ManagedCluster aks1',
          message:
            "cluster aks1 exposes Ingress store/store-admin through the application routing add-on's public NGINX on public load balancers with no WAF in front",
        },
      ],
    },
    {
      name: 'AKS Automatic preconfigures application routing',
      files: {
        'c.json': azCluster().replace(
          '"name": "aks1",',
          '"name": "aks1",\n  "sku": { "name": "Automatic", "tier": "Standard" },',
        ),
        'app.yaml': ingress,
      },
      errors: [{ line: 1, message: /Ingress store\/store-admin through the application routing/ }],
    },
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
      notEvaluated: [{ reason: /no manifests in the input/ }],
    },
  ],
});
