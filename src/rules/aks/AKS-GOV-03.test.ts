import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-GOV-03.js';
import { lineOf, tfCluster } from './testFixtures.js';

const off = tfCluster('  image_cleaner_enabled = false');

ruleTester(rule, {
  valid: [
    {
      name: 'enabled',
      files: {
        'main.tf': tfCluster('  image_cleaner_enabled        = true\n  image_cleaner_interval_hours = 48'),
      },
    },
  ],
  invalid: [
    {
      name: 'false',
      files: { 'main.tf': off },
      errors: [{ line: lineOf(off, 'image_cleaner_enabled'), resource: 'ManagedCluster aks1' }],
    },
    { name: 'absent', files: { 'main.tf': tfCluster() }, errors: [{ line: 1 }] },
  ],
});
