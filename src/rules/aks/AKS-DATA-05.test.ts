import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-DATA-05.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const noRotation = tfCluster('  key_vault_secrets_provider {\n    secret_rotation_enabled = false\n  }');
const arm = armCluster({
  addonProfiles: {
    azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: 'false' } },
  },
});

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform with rotation',
      files: {
        'main.tf': tfCluster('  key_vault_secrets_provider {\n    secret_rotation_enabled = true\n  }'),
      },
    },
    {
      name: 'ARM config string "true"',
      files: {
        'c.json': armCluster({
          addonProfiles: {
            azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: 'true' } },
          },
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'add-on absent',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, message: /does not enable/ }],
    },
    {
      name: 'no rotation (Terraform)',
      files: { 'main.tf': noRotation },
      errors: [{ line: lineOf(noRotation, 'secret_rotation_enabled'), message: /without secret rotation/ }],
    },
    {
      name: 'no rotation (ARM string)',
      files: { 'c.json': arm },
      errors: [{ line: lineOf(arm, '"enableSecretRotation"') }],
    },
  ],
});
