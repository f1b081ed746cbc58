import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-06.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const azureOnKubenet = armCluster({ networkProfile: { networkPlugin: 'kubenet', networkPolicy: 'azure' } });
const ciliumNoDataplane = tfCluster(
  '  network_profile {\n    network_plugin = "azure"\n    network_policy = "cilium"\n  }',
);
const windowsCilium = `${tfCluster('  network_profile {\n    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    network_policy      = "cilium"\n    network_data_plane  = "cilium"\n  }')}
resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
  os_type               = "Windows"
  os_sku                = "Windows2022"
}
`;
const windowsCalico = windowsCilium
  .replace('network_policy      = "cilium"', 'network_policy      = "calico"')
  .replace('    network_data_plane  = "cilium"\n', '');

ruleTester(rule, {
  valid: [
    { name: 'Calico with Azure CNI covers Windows pools', files: { 'main.tf': windowsCalico } },
    { name: 'no engine: AKS-NET-05 reports it', files: { 'main.tf': tfCluster() } },
  ],
  invalid: [
    {
      name: 'Azure NPM needs Azure CNI',
      files: { 'c.json': azureOnKubenet },
      errors: [{ line: lineOf(azureOnKubenet, '"networkPolicy"'), message: /requires the Azure CNI/ }],
    },
    {
      name: 'Cilium policy needs the Cilium dataplane',
      files: { 'main.tf': ciliumNoDataplane },
      errors: [{ line: lineOf(ciliumNoDataplane, 'network_policy'), message: /networkDataplane/ }],
    },
    {
      name: 'Cilium does not cover a Windows pool declared as its own resource',
      files: { 'main.tf': windowsCilium },
      errors: [
        {
          line: lineOf(windowsCilium, 'os_type'),
          resource: 'AgentPool win',
          message: /Cilium does not enforce/,
        },
      ],
    },
  ],
});
