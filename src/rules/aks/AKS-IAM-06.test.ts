import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-06.js';
import { armCluster, azCluster, lineOf, tfCluster } from './testFixtures.js';

const sp = armCluster(
  { servicePrincipalProfile: { clientId: '11111111-2222-3333-4444-555555555555' } },
  { identity: undefined },
);
const tfSp = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  service_principal {
    client_id     = var.client_id
    client_secret = var.client_secret
  }
}
variable "client_id" {
  default = "11111111-2222-3333-4444-555555555555"
}
variable "client_secret" {}
`;
const none = azCluster({ identity: { type: 'None' } });

ruleTester(rule, {
  valid: [
    { name: 'system-assigned identity', files: { 'main.tf': tfCluster() } },
    {
      name: 'clientId msi (Kubescape ClusterDescribe shape)',
      files: {
        'c.json': azCluster({
          identity: { type: 'SystemAssigned' },
          servicePrincipalProfile: { clientId: 'msi' },
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'ARM service principal',
      files: { 'c.json': sp },
      errors: [{ line: lineOf(sp, '"clientId"'), resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'Terraform service_principal, client id from a variable default',
      files: { 'main.tf': tfSp },
      errors: [{ line: lineOf(tfSp, 'client_id     =') }],
    },
    {
      name: 'live document with identity None',
      files: { 'c.json': none },
      errors: [{ line: lineOf(none, '"type": "None"') }],
    },
  ],
});
