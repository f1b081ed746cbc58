import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-DATA-02.js';
import { lineOf, tfCluster } from './testFixtures.js';

const template = (pool: string, child: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-05-01",
      "name": "aks1",
      "properties": {
        "agentPoolProfiles": [
          { "name": "system", "mode": "System"${pool} },
          { "name": "apps", "mode": "User", "enableEncryptionAtHost": true }
        ]
      }
    },
    {
      "type": "Microsoft.ContainerService/managedClusters/agentPools",
      "apiVersion": "2024-05-01",
      "name": "aks1/batch",
      "properties": { "mode": "User"${child} }
    }
  ]
}
`;
const bad = template(', "enableEncryptionAtHost": false', '');
const tfOld = tfCluster('', '    enable_host_encryption = false');

ruleTester(rule, {
  valid: [
    {
      name: 'every pool, including the child resource',
      files: { 'c.json': template(', "enableEncryptionAtHost": true', ', "enableEncryptionAtHost": "true"') },
    },
    { name: 'azurerm 4 name', files: { 'main.tf': tfCluster('', '    host_encryption_enabled = true') } },
  ],
  invalid: [
    {
      name: 'the first pool and a pool declared as a child resource (not just pool[0])',
      files: { 'c.json': bad },
      errors: [
        { line: lineOf(bad, '"enableEncryptionAtHost": false'), resource: 'AgentPool system' },
        {
          line: lineOf(bad, '"type": "Microsoft.ContainerService/managedClusters/agentPools"') - 1,
          resource: 'AgentPool batch',
        },
      ],
    },
    {
      name: 'azurerm 3 name',
      files: { 'main.tf': tfOld },
      errors: [{ line: lineOf(tfOld, 'enable_host_encryption'), resource: 'AgentPool system' }],
    },
  ],
});
