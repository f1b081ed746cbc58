import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-05.js';
import { armCluster, azCluster, lineOf, tfCluster } from './testFixtures.js';

const none = armCluster({ networkProfile: { networkPlugin: 'azure', networkPolicy: 'none' } });
const tfNone = tfCluster('  network_profile {\n    network_plugin = "azure"\n  }');

ruleTester(rule, {
  valid: [
    {
      name: 'cilium is a valid engine',
      files: {
        'c.json': azCluster({
          networkProfile: { networkPlugin: 'azure', networkPolicy: 'cilium', networkDataplane: 'cilium' },
        }),
      },
    },
    {
      name: 'calico',
      files: {
        'main.tf': tfCluster(
          '  network_profile {\n    network_plugin = "kubenet"\n    network_policy = "calico"\n  }',
        ),
      },
    },
    {
      name: 'azure',
      files: { 'c.json': armCluster({ networkProfile: { networkPlugin: 'azure', networkPolicy: 'azure' } }) },
    },
    {
      // The Cilium dataplane enforces NetworkPolicy itself; the resource provider sets networkPolicy: cilium.
      name: 'Cilium dataplane without networkPolicy (ARM)',
      files: {
        'c.json': armCluster({ networkProfile: { networkPlugin: 'azure', networkDataplane: 'cilium' } }),
      },
    },
    {
      name: 'Cilium dataplane without network_policy (Terraform network_data_plane)',
      files: {
        'main.tf': tfCluster(
          '  network_profile {\n    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    network_data_plane  = "cilium"\n  }',
        ),
      },
    },
    {
      name: 'Cilium dataplane without network_policy (Terraform ebpf_data_plane, azurerm 3.x)',
      files: {
        'main.tf': tfCluster(
          '  network_profile {\n    network_plugin  = "azure"\n    ebpf_data_plane = "cilium"\n  }',
        ),
      },
    },
    {
      name: 'AKS Automatic: Cilium is preconfigured',
      files: { 'c.json': armCluster({}, { sku: { name: 'Automatic', tier: 'Standard' } }) },
    },
  ],
  invalid: [
    {
      name: 'none is no engine',
      files: { 'c.json': none },
      errors: [
        {
          line: lineOf(none, '"networkPolicy"'),
          resource: 'ManagedCluster aks1',
          message: /has no network policy engine/,
        },
      ],
    },
    {
      name: 'bring-your-own CNI: no AKS engine to turn on (the fix says so, not calico)',
      files: { 'c.json': armCluster({ networkProfile: { networkPlugin: 'none' } }) },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'absent network_policy',
      files: { 'main.tf': tfNone },
      errors: [{ line: 1, message: /not enforced/ }],
    },
    {
      name: 'empty string',
      files: { 'c.json': azCluster({ networkProfile: { networkPolicy: '' } }) },
      errors: [{ line: lineOf(azCluster({ networkProfile: { networkPolicy: '' } }), '"networkPolicy"') }],
    },
  ],
});
