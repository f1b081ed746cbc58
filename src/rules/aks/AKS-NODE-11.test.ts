import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-11.js';
import { tfCluster } from './testFixtures.js';

const kata = `${tfCluster()}
resource "azurerm_kubernetes_cluster_node_pool" "sandbox" {
  name                  = "sandbox"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
  os_sku                = "AzureLinux"
  workload_runtime      = "KataMshvVmIsolation"
}
`;

ruleTester(rule, {
  valid: [{ name: 'a Kata pool', files: { 'main.tf': kata } }],
  invalid: [
    {
      name: 'none',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
  ],
});
