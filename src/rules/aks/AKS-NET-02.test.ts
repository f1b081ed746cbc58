import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-02.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const fqdn = tfCluster(
  '  private_cluster_enabled             = true\n  private_cluster_public_fqdn_enabled = true',
);
const arm = armCluster({
  apiServerAccessProfile: { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: true },
});

ruleTester(rule, {
  valid: [
    {
      name: 'private without public FQDN',
      files: { 'main.tf': tfCluster('  private_cluster_enabled = true') },
    },
    {
      name: 'public cluster: not applicable',
      files: { 'main.tf': tfCluster('  private_cluster_public_fqdn_enabled = true') },
    },
  ],
  invalid: [
    {
      name: 'Terraform',
      files: { 'main.tf': fqdn },
      errors: [
        { line: lineOf(fqdn, 'private_cluster_public_fqdn_enabled'), resource: 'ManagedCluster aks1' },
      ],
    },
    {
      name: 'ARM',
      files: { 'c.json': arm },
      errors: [{ line: lineOf(arm, '"enablePrivateClusterPublicFQDN"') }],
    },
  ],
});
