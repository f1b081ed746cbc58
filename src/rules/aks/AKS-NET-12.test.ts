import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-12.js';
import { armCluster, azCluster } from './testFixtures.js';

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
const other = blockImds.replace('except: [169.254.169.254/32]', 'except: [10.0.0.0/8]');

ruleTester(rule, {
  valid: [
    {
      name: 'IMDS restriction on the cluster',
      files: { 'c.json': armCluster({ networkProfile: { podLinkLocalAccess: 'None' } }), 'np.yaml': other },
    },
    { name: 'egress policy excluding IMDS', files: { 'c.json': azCluster(), 'np.yaml': blockImds } },
  ],
  invalid: [
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
  ],
});
