import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-08.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

const v4 = `${tfCluster('', '    node_public_ip_enabled = true')}
resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
  enable_node_public_ip = true
}
`;
const az = azCluster({}, { enableNodePublicIp: true });

ruleTester(rule, {
  valid: [
    { name: 'no public IPs', files: { 'main.tf': tfCluster('', '    node_public_ip_enabled = false') } },
    { name: 'default', files: { 'c.json': azCluster() } },
  ],
  invalid: [
    {
      name: 'default pool (azurerm 4) and a separate pool (azurerm 3 name)',
      files: { 'main.tf': v4 },
      errors: [
        { line: lineOf(v4, 'node_public_ip_enabled'), resource: 'AgentPool system' },
        { line: lineOf(v4, 'enable_node_public_ip'), resource: 'AgentPool user' },
      ],
    },
    {
      name: 'az casing',
      files: { 'c.json': az },
      errors: [{ line: lineOf(az, '"enableNodePublicIp"'), resource: 'AgentPool system' }],
    },
  ],
});
