import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-04.js';
import { armCluster, azCluster, lineOf, tfCluster } from './testFixtures.js';

const good = armCluster({ disableLocalAccounts: true, aadProfile: { managed: true } });
const noEntra = armCluster({ disableLocalAccounts: true });
const explicitFalse = azCluster({ disableLocalAccounts: false });

ruleTester(rule, {
  valid: [
    { name: 'disabled with Entra integration', files: { 'c.json': good } },
    {
      name: 'Terraform local_account_disabled with Entra block',
      files: {
        'main.tf': tfCluster(
          '  local_account_disabled = true\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'explicitly enabled',
      files: { 'c.json': explicitFalse },
      errors: [{ line: lineOf(explicitFalse, '"disableLocalAccounts"'), message: /local/ }],
    },
    {
      name: 'absent (enabled by default)',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'disabled without Entra integration',
      files: { 'c.json': noEntra },
      errors: [{ line: lineOf(noEntra, '"disableLocalAccounts"'), message: /without Entra/ }],
    },
  ],
});
