import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-12.js';
import { armCluster, azCluster, lineOf } from './testFixtures.js';

const blockImds = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-imds
  namespace: store
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
`;
const windows = `${JSON.stringify(
  {
    name: 'aks1',
    kubernetesVersion: '1.33.2',
    dnsPrefix: 'aks1',
    networkProfile: { networkPlugin: 'azure', podLinkLocalAccess: 'None' },
    agentPoolProfiles: [
      { name: 'system', mode: 'System', osType: 'Linux' },
      { name: 'win', mode: 'User', osType: 'Windows' },
    ],
  },
  null,
  2,
)}\n`;
const other = blockImds.replace('except: [169.254.169.254/32]', 'except: [10.0.0.0/8]');

const app = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: shop.azurecr.io/api:1 }]
`;
const defaultDeny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
const cilium = azCluster({ networkProfile: { networkPlugin: 'azure', networkDataplane: 'cilium' } });

ruleTester(rule, {
  valid: [
    {
      // The engine, on the cluster's Cilium dataplane: default-deny egress keeps every workload from IMDS.
      name: 'every workload of the input is held back from IMDS by its egress policies',
      files: { 'c.json': cilium, 'app.yaml': app, 'np.yaml': defaultDeny },
    },
    {
      name: 'IMDS restriction on the cluster',
      files: { 'c.json': armCluster({ networkProfile: { podLinkLocalAccess: 'None' } }), 'np.yaml': other },
    },
    { name: 'egress policy excluding IMDS', files: { 'c.json': azCluster(), 'np.yaml': blockImds } },
  ],
  invalid: [
    {
      name: 'a workload with no egress policy reaches IMDS, named',
      files: { 'c.json': cilium, 'app.yaml': app },
      errors: [
        {
          line: 1,
          message: /1 workload\(s\) of cluster aks1 can reach IMDS \(169\.254\.169\.254\), e\.g\. shop\/api/,
        },
      ],
    },
    {
      name: 'policies that do not exclude IMDS',
      files: { 'c.json': azCluster(), 'np.yaml': other },
      errors: [{ line: 1, message: /169\.254\.169\.254/ }],
    },
    {
      name: 'cluster alone',
      files: { 'c.json': azCluster() },
      errors: [],
      notEvaluated: [{ reason: /no manifests/ }],
    },
    {
      name: 'a kubescape ClusterDescribe is cluster data, not manifests',
      files: {
        'describe.yaml':
          'apiVersion: management.azure.com/v1\nkind: ClusterDescribe\nmetadata:\n  name: aks1\ndata:\n  name: aks1\n  properties:\n    kubernetesVersion: 1.33.2\n    agentPoolProfiles: [{ name: system }]\n',
      },
      errors: [],
      notEvaluated: [{ reason: /no manifests/ }],
    },
    {
      name: 'IMDS restriction does not cover a Windows pool',
      files: { 'c.json': windows },
      errors: [
        { line: lineOf(windows, '"name": "win"') - 1, resource: 'AgentPool win', message: /Windows nodes/ },
      ],
    },
  ],
});
