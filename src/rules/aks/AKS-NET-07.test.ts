import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-07.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const kubenet = tfCluster('  network_profile {\n    network_plugin = "kubenet"\n  }');

ruleTester(rule, {
  valid: [
    {
      name: 'Azure CNI overlay',
      files: {
        'main.tf': tfCluster(
          '  network_profile {\n    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n  }',
        ),
      },
    },
    {
      name: 'ARM Azure CNI, any case',
      files: { 'c.json': armCluster({ networkProfile: { networkPlugin: 'Azure' } }) },
    },
  ],
  invalid: [
    {
      name: 'explicit kubenet',
      files: { 'main.tf': kubenet },
      errors: [{ line: lineOf(kubenet, 'network_plugin'), resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'no plugin means kubenet',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, message: /default/ }],
    },
  ],
});
