import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanAks } from '../support/aksScan.js';

/** Input-controlled names meet objects in the new readers: none may crash or change a result. */
describe('prototype names in Terraform, ARM templates and az scripts', () => {
  const names = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];
  for (const name of names) {
    it(name, async () => {
      const tf = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  dynamic "${name}" {
    for_each = var.${name} ? [1] : []
    content {}
  }
  tags = { for k, v in { ${name} = 1 } : k => v }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
}
variable "${name}" {
  default = true
}
locals {
  ${name} = "x"
}
module "${name}" {
  source = "./m"
  ${name} = local.${name}
}
`;
      const arm = JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { [name]: { type: 'string', defaultValue: 'calico' } },
        variables: { [name]: "[createObject('a', 1)]", copy: [{ name, count: 1, input: 'x' }] },
        resources: {
          [name]: {
            type: 'Microsoft.ContainerService/managedClusters',
            apiVersion: '2025-05-01',
            name: 'aks2',
            properties: {
              dnsPrefix: 'x',
              networkProfile: { networkPlugin: 'azure', networkPolicy: `[parameters('${name}')]` },
              agentPoolProfiles: [{ name: 'system', mode: 'System', count: 1 }],
            },
          },
        },
        languageVersion: '2.0',
      });
      const script = `az aks create -g ${name} -n ${name} --${name} x --network-policy azure --network-plugin azure\n`;
      const plan = JSON.stringify({
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [
              {
                address: 'azurerm_kubernetes_cluster.main',
                type: 'azurerm_kubernetes_cluster',
                name: 'main',
                values: { name: 'aks3', default_node_pool: [{ name: 'system' }] },
              },
            ],
          },
        },
        resource_changes: [
          { address: 'azurerm_kubernetes_cluster.main', change: { after_unknown: { [name]: true } } },
        ],
      });
      const result = await scanAks({
        'tf/main.tf': tf,
        'tf/m/main.tf': `variable "${name}" {}\n`,
        'arm.json': arm,
        'create.sh': script,
        'plan.json': plan,
      });
      assert.deepEqual(
        result.issues.filter((issue) => issue.startsWith('error')),
        [],
      );
      assert.ok(result.findings.some((finding) => finding.startsWith('AKS-IAM-02 tf/main.tf:')));
      assert.ok(result.findings.some((finding) => finding.startsWith('AKS-IAM-02 arm.json:')));
      assert.ok(result.findings.some((finding) => finding.startsWith('AKS-IAM-02 create.sh:')));
      assert.ok(result.findings.some((finding) => finding.startsWith('AKS-IAM-02 plan.json:')));
      assert.deepEqual(Object.getPrototypeOf({}), Object.prototype);
    });
  }
});
