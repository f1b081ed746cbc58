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
  ],
  invalid: [
    {
      name: 'none is no engine',
      files: { 'c.json': none },
      errors: [{ line: lineOf(none, '"networkPolicy"'), resource: 'ManagedCluster aks1' }],
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
