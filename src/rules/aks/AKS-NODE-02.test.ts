import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-02.js';
import { lineOf, tfCluster } from './testFixtures.js';

const cluster = (channel: string, sku: string) => `${tfCluster(channel)}
resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
  os_type               = "Windows"
  os_sku                = "${sku}"
}
`;
const unpatched = cluster('  node_os_upgrade_channel = "Unmanaged"', 'Windows2022');
const old = cluster('', 'Windows2019');

ruleTester(rule, {
  valid: [
    {
      name: 'NodeImage + Windows 2022',
      files: { 'main.tf': cluster('  node_os_upgrade_channel = "NodeImage"', 'Windows2022') },
    },
    { name: 'no Windows pool', files: { 'main.tf': tfCluster('  node_os_upgrade_channel = "None"') } },
  ],
  invalid: [
    {
      name: 'Unmanaged patches nothing on Windows',
      files: { 'main.tf': unpatched },
      errors: [
        {
          line: lineOf(unpatched, 'resource "azurerm_kubernetes_cluster_node_pool"'),
          resource: 'AgentPool win',
          message: /never patched/,
        },
      ],
    },
    {
      name: 'Windows Server 2019',
      files: { 'main.tf': old },
      errors: [{ line: lineOf(old, 'os_sku'), resource: 'AgentPool win', message: /2019/ }],
    },
  ],
});
