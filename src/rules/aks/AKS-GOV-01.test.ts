import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-GOV-01.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const off = tfCluster('  azure_policy_enabled = false');

ruleTester(rule, {
  valid: [
    { name: 'azurerm 3+', files: { 'main.tf': tfCluster('  azure_policy_enabled = true') } },
    {
      name: 'azurerm 2 addon_profile',
      files: {
        'main.tf': tfCluster('  addon_profile {\n    azure_policy {\n      enabled = true\n    }\n  }'),
      },
    },
    {
      name: 'ARM azurepolicy',
      files: { 'c.json': armCluster({ addonProfiles: { azurepolicy: { enabled: true } } }) },
    },
  ],
  invalid: [
    {
      name: 'false',
      files: { 'main.tf': off },
      errors: [{ line: lineOf(off, 'azure_policy_enabled'), resource: 'ManagedCluster aks1' }],
    },
    { name: 'absent', files: { 'c.json': armCluster() }, errors: [{ line: 1 }] },
  ],
});
