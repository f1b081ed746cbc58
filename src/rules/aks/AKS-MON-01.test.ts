import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-MON-01.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const off = armCluster({ securityProfile: { defender: { securityMonitoring: { enabled: false } } } });

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform microsoft_defender',
      files: {
        'main.tf': tfCluster(
          '  microsoft_defender {\n    log_analytics_workspace_id = "/subscriptions/0/la"\n  }',
        ),
      },
    },
    {
      name: 'ARM',
      files: {
        'c.json': armCluster({ securityProfile: { defender: { securityMonitoring: { enabled: true } } } }),
      },
    },
  ],
  invalid: [
    {
      name: 'disabled',
      files: { 'c.json': off },
      errors: [{ line: lineOf(off, '"enabled": false'), resource: 'ManagedCluster aks1' }],
    },
    { name: 'absent', files: { 'main.tf': tfCluster() }, errors: [{ line: 1 }] },
  ],
});
