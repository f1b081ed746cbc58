import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-GOV-04.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const tf = tfCluster('  addon_profile {\n    kube_dashboard {\n      enabled = true\n    }\n  }');
const arm = armCluster({ addonProfiles: { kubeDashboard: { enabled: true } } });

ruleTester(rule, {
  valid: [
    { name: 'absent means off (unlike Checkov ARM CKV_AZURE_8)', files: { 'c.json': armCluster() } },
    { name: 'explicitly off', files: { 'main.tf': tf.replace('enabled = true', 'enabled = false') } },
  ],
  invalid: [
    {
      name: 'Terraform 2.x',
      files: { 'main.tf': tf },
      errors: [{ line: lineOf(tf, 'enabled = true'), resource: 'ManagedCluster aks1' }],
    },
    { name: 'ARM', files: { 'c.json': arm }, errors: [{ line: lineOf(arm, '"enabled": true') }] },
  ],
});
