import { azCluster, lineOf, tfCluster } from '../aks/testFixtures.js';
import { ruleTester } from '../testing/ruleTester.js';
import rule from './X-NET-policiesNotEnforced.js';

const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: store
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
const windowsApp = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy
  namespace: store
spec:
  selector:
    matchLabels: { app: legacy }
  template:
    metadata:
      labels: { app: legacy }
    spec:
      nodeSelector:
        kubernetes.io/os: windows
      containers:
        - name: app
          image: mcr.microsoft.com/windows/servercore:ltsc2022
`;
const ciliumWithWindows = `${tfCluster('  network_profile {\n    network_plugin     = "azure"\n    network_policy     = "cilium"\n    network_data_plane = "cilium"\n  }')}
resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
  os_type               = "Windows"
}
`;
const noEngine = azCluster({ networkProfile: { networkPlugin: 'azure', networkPolicy: 'none' } });

ruleTester(rule, {
  valid: [
    {
      name: 'policies with an engine',
      files: {
        'c.json': azCluster({ networkProfile: { networkPlugin: 'azure', networkPolicy: 'calico' } }),
        'np.yaml': policy,
      },
    },
    { name: 'no policies: nothing promised', files: { 'c.json': noEngine } },
    {
      name: 'Cilium dataplane without networkPolicy: Cilium enforces the policies',
      files: {
        'main.tf': tfCluster(
          '  network_profile {\n    network_plugin     = "azure"\n    network_data_plane = "cilium"\n  }',
        ),
        'np.yaml': policy,
      },
    },
    {
      name: 'Linux workloads on a Cilium cluster with a Windows pool',
      files: { 'main.tf': ciliumWithWindows, 'np.yaml': policy },
    },
  ],
  invalid: [
    {
      name: 'policies but networkPolicy none',
      files: { 'c.json': noEngine, 'np.yaml': policy },
      errors: [
        {
          line: lineOf(noEngine, '"networkPolicy"'),
          resource: 'ManagedCluster aks1',
          message: /none of them is enforced/,
        },
      ],
    },
    {
      name: 'policies, no engine at all (Terraform)',
      files: { 'main.tf': tfCluster(), 'np.yaml': policy },
      errors: [{ line: 1, file: 'main.tf' }],
    },
    {
      name: 'Windows workload on a Cilium cluster',
      files: { 'main.tf': ciliumWithWindows, 'np.yaml': policy, 'app.yaml': windowsApp },
      errors: [
        {
          line: lineOf(windowsApp, '    spec:'),
          resource: 'Deployment store/legacy',
          message: /Cilium does not enforce/,
        },
      ],
    },
  ],
});
