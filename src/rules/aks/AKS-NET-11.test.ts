import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-11.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const tf = tfCluster('  http_application_routing_enabled = true');
const tf2 = tfCluster('  addon_profile {\n    http_application_routing {\n      enabled = true\n    }\n  }');
const arm = armCluster({ addonProfiles: { HttpApplicationRouting: { enabled: 'true' } } });

ruleTester(rule, {
  valid: [
    { name: 'absent', files: { 'main.tf': tfCluster() } },
    { name: 'false', files: { 'main.tf': tfCluster('  http_application_routing_enabled = false') } },
  ],
  invalid: [
    {
      name: 'azurerm 3+',
      files: { 'main.tf': tf },
      errors: [{ line: lineOf(tf, 'http_application_routing_enabled') }],
    },
    {
      name: 'azurerm 2.x addon_profile',
      files: { 'main.tf': tf2 },
      errors: [{ line: lineOf(tf2, 'enabled = true') }],
    },
    {
      name: 'ARM, add-on key casing and string boolean',
      files: { 'c.json': arm },
      errors: [{ line: lineOf(arm, '"enabled": "true"'), resource: 'ManagedCluster aks1' }],
    },
  ],
});
