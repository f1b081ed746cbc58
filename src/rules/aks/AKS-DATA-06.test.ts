import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ruleTester, runRuleOnCase } from '../testing/ruleTester.js';
import rule from './AKS-DATA-06.js';
import { lineOf, tfCluster } from './testFixtures.js';

const literal = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  service_principal {
    client_id     = "11111111-2222-3333-4444-555555555555"
    client_secret = "Sup3rS3cret!"
  }
  windows_profile {
    admin_username = "azureuser"
    admin_password = "P@ssw0rd1234"
  }
}
`;
const fromVariable = `${literal.replace('"Sup3rS3cret!"', 'var.sp_secret').replace('"P@ssw0rd1234"', 'var.admin_password')}
variable "sp_secret" {
  sensitive = true
}
variable "admin_password" {
  sensitive = true
}
`;

ruleTester(rule, {
  valid: [
    { name: 'sensitive variables without default', files: { 'main.tf': fromVariable } },
    { name: 'managed identity', files: { 'main.tf': tfCluster() } },
  ],
  invalid: [
    {
      name: 'literal secret and password',
      files: { 'main.tf': literal },
      errors: [
        { line: lineOf(literal, 'client_secret'), message: /service principal secret/ },
        { line: lineOf(literal, 'admin_password'), message: /Windows administrator password/ },
      ],
    },
  ],
});

it('AKS-DATA-06 never shows the secret value', async () => {
  const result = await runRuleOnCase(rule, { files: { 'main.tf': literal } });
  const text = JSON.stringify(result);
  assert.ok(!text.includes('Sup3rS3cret!'));
  assert.ok(!text.includes('P@ssw0rd1234'));
  assert.equal(result.findings.length, 2);
});
