import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-03.js';
import { armCluster, azCluster, lineOf, tfCluster } from './testFixtures.js';

const empty = tfCluster('  api_server_access_profile {\n    authorized_ip_ranges = []\n  }');
const az = azCluster({ apiServerAccessProfile: { authorizedIpRanges: null, enablePrivateCluster: false } });
const unknownPrivate = `${tfCluster('  private_cluster_enabled = var.private')}
variable "private" {
  type = bool
}
`;
const variableRanges = `${tfCluster('  api_server_access_profile {\n    authorized_ip_ranges = var.ranges\n  }')}
variable "ranges" {
  type = list(string)
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'azurerm >= 3.39 access profile',
      files: {
        'main.tf': tfCluster(
          '  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }',
        ),
      },
    },
    {
      name: 'azurerm < 3.39 attribute',
      files: { 'main.tf': tfCluster('  api_server_authorized_ip_ranges = ["203.0.113.0/24"]') },
    },
    {
      name: 'private cluster: not applicable',
      files: { 'main.tf': tfCluster('  private_cluster_enabled = true') },
    },
    {
      name: 'public network access disabled',
      files: { 'c.json': armCluster({ publicNetworkAccess: 'Disabled' }) },
    },
    {
      name: 'az casing authorizedIpRanges',
      files: { 'c.json': azCluster({ apiServerAccessProfile: { authorizedIpRanges: ['203.0.113.7/32'] } }) },
    },
  ],
  invalid: [
    {
      name: 'no ranges',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, resource: 'ManagedCluster aks1', message: /any address/ }],
    },
    {
      name: 'empty list',
      files: { 'main.tf': empty },
      errors: [{ line: lineOf(empty, 'authorized_ip_ranges') }],
    },
    {
      name: 'az null ranges',
      files: { 'c.json': az },
      errors: [{ line: lineOf(az, '"authorizedIpRanges"') }],
    },
    {
      name: 'private flag unknown',
      files: { 'main.tf': unknownPrivate },
      errors: [],
      notEvaluated: [{ reason: 'depends on var.private' }],
    },
    {
      name: 'ranges unknown',
      files: { 'main.tf': variableRanges },
      errors: [],
      notEvaluated: [{ reason: 'depends on var.ranges' }],
    },
  ],
});
