import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-13.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const off = armCluster({ apiServerAccessProfile: { enableVnetIntegration: false } });

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform',
      files: {
        'main.tf': tfCluster(
          '  api_server_access_profile {\n    virtual_network_integration_enabled = true\n  }',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'ARM false',
      files: { 'c.json': off },
      errors: [{ line: lineOf(off, '"enableVnetIntegration"'), resource: 'ManagedCluster aks1' }],
    },
    { name: 'absent', files: { 'main.tf': tfCluster() }, errors: [{ line: 1 }] },
  ],
});
