import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-01.js';
import { armCluster, azCluster, lineOf, tfCluster } from './testFixtures.js';

const none = tfCluster('  node_os_upgrade_channel = "None"');
const unmanaged = azCluster({ autoUpgradeProfile: { nodeOsUpgradeChannel: 'Unmanaged' } });
const v3 = `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.90"
    }
  }
}
${tfCluster()}`;
const spec = `{
  "parameters": {
    "api-version": "2025-05-01",
    "resourceName": "aks1",
    "parameters": {
      "location": "westeurope",
      "properties": { "kubernetesVersion": "1.33", "dnsPrefix": "aks1", "agentPoolProfiles": [{ "name": "nodepool1", "count": 3 }] }
    }
  },
  "responses": {}
}
`;

ruleTester(rule, {
  valid: [
    { name: 'SecurityPatch', files: { 'main.tf': tfCluster('  node_os_upgrade_channel = "SecurityPatch"') } },
    { name: 'azurerm 3 name', files: { 'main.tf': tfCluster('  node_os_channel_upgrade = "NodeImage"') } },
    { name: 'azurerm 4 default NodeImage', files: { 'main.tf': tfCluster() } },
    { name: 'API 2025-05-01 request without the field: default NodeImage', files: { 'c.json': spec } },
    {
      name: 'cluster channel node-image',
      files: { 'c.json': armCluster({ autoUpgradeProfile: { upgradeChannel: 'node-image' } }) },
    },
  ],
  invalid: [
    {
      name: 'None',
      files: { 'main.tf': none },
      errors: [
        { line: lineOf(none, 'node_os_upgrade_channel'), resource: 'ManagedCluster aks1', message: /None/ },
      ],
    },
    {
      name: 'Unmanaged (az casing)',
      files: { 'c.json': unmanaged },
      errors: [{ line: lineOf(unmanaged, '"nodeOsUpgradeChannel"'), message: /Unmanaged/ }],
    },
    {
      name: 'azurerm 3 without the attribute: default depends on the API',
      files: { 'main.tf': v3 },
      errors: [],
      notEvaluated: [{ reason: /depends on the API version/ }],
    },
  ],
});
