import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-01.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const publicArm = armCluster({ apiServerAccessProfile: { enablePrivateCluster: 'false' } });
const legacy = tfCluster('  private_link_enabled = false');

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform private cluster',
      files: { 'main.tf': tfCluster('  private_cluster_enabled = true') },
    },
    {
      name: 'ARM private cluster',
      files: { 'c.json': armCluster({ apiServerAccessProfile: { enablePrivateCluster: true } }) },
    },
  ],
  invalid: [
    {
      name: 'absent (public by default)',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'string "false" read as a boolean',
      files: { 'c.json': publicArm },
      errors: [{ line: lineOf(publicArm, '"enablePrivateCluster"') }],
    },
    {
      name: 'azurerm 2.x private_link_enabled',
      files: { 'main.tf': legacy },
      errors: [{ line: lineOf(legacy, 'private_link_enabled') }],
    },
  ],
});
