import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-GOV-06.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const free = tfCluster('  sku_tier = "Free"');

ruleTester(rule, {
  valid: [
    { name: 'Standard', files: { 'main.tf': tfCluster('  sku_tier = "Standard"') } },
    {
      name: 'Premium is valid (unlike Checkov CKV_AZURE_170)',
      files: { 'main.tf': tfCluster('  sku_tier = "Premium"') },
    },
    {
      name: 'Paid (API before 2023-02-01)',
      files: { 'c.json': armCluster({}, { sku: { name: 'Basic', tier: 'Paid' } }) },
    },
  ],
  invalid: [
    {
      name: 'Free',
      files: { 'main.tf': free },
      errors: [{ line: lineOf(free, 'sku_tier'), resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'default Free',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, message: /Free \(default\)/ }],
    },
  ],
});
