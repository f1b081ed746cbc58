import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-DATA-03.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

const empty = azCluster({ diskEncryptionSetId: '' });

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform',
      files: {
        'main.tf': tfCluster(
          '  disk_encryption_set_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des"',
        ),
      },
    },
    { name: 'az casing', files: { 'c.json': azCluster({ diskEncryptionSetId: '/subscriptions/0/des' }) } },
  ],
  invalid: [
    {
      name: 'absent',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
    { name: 'empty', files: { 'c.json': empty }, errors: [{ line: lineOf(empty, '"diskEncryptionSetId"') }] },
  ],
});
