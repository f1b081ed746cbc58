import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-03.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const none = armCluster({ autoUpgradeProfile: { upgradeChannel: 'none' } });
const v3none = tfCluster('  automatic_channel_upgrade = "none"');

ruleTester(rule, {
  valid: [
    {
      name: 'azurerm 4 automatic_upgrade_channel',
      files: { 'main.tf': tfCluster('  automatic_upgrade_channel = "patch"') },
    },
    {
      name: 'azurerm 3 automatic_channel_upgrade',
      files: { 'main.tf': tfCluster('  automatic_channel_upgrade = "stable"') },
    },
  ],
  invalid: [
    {
      name: 'absent (default none)',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, message: /default none/ }],
    },
    {
      name: 'ARM none',
      files: { 'c.json': none },
      errors: [{ line: lineOf(none, '"upgradeChannel"'), resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'azurerm 3 none',
      files: { 'main.tf': v3none },
      errors: [{ line: lineOf(v3none, 'automatic_channel_upgrade') }],
    },
  ],
});
