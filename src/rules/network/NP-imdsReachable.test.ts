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

/** An ARM ManagedCluster resource, as `az aks show` or a template gives it. */
function armCluster(networkProfile: Record<string, unknown>): string {
  return `${JSON.stringify(
    {
      id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1',
      name: 'aks1',
      type: 'Microsoft.ContainerService/ManagedClusters',
      location: 'westeurope',
      properties: {
        kubernetesVersion: '1.33.2',
        dnsPrefix: 'aks1',
        networkProfile,
        agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux', count: 3 }],
      },
    },
    null,
    2,
  )}\n`;
}

ruleTester(rule, {
  valid: [
    {
      name: 'the cluster restricts IMDS (podLinkLocalAccess None)',
      files: {
        'cluster.json': armCluster({ networkPlugin: 'azure', podLinkLocalAccess: 'None' }),
        'app.yaml': web,
      },
    },
    {
      name: 'on Cilium (auto, from the cluster) the IMDS-except rule still blocks IMDS',
      files: {
        'cluster.json': armCluster({
          networkPlugin: 'azure',
          networkPolicy: 'cilium',
          networkDataplane: 'cilium',
        }),
        'app.yaml': web + blockImds,
      },
    },
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
      name: 'a cluster without network policy engine enforces nothing',
      files: {
        'cluster.json': armCluster({ networkPlugin: 'azure' }),
        'app.yaml': web + blockImds,
      },
      errors: [{ line: 7, file: 'app.yaml', message: /\(All Connections\)/ }],
    },
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
