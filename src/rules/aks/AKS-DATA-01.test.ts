import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-DATA-01.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const noVault = armCluster({
  securityProfile: {
    azureKeyVaultKms: {
      enabled: true,
      keyId: 'https://kv.vault.azure.net/keys/k/1',
      keyVaultNetworkAccess: 'Private',
    },
  },
});
const off = armCluster({ securityProfile: { azureKeyVaultKms: { enabled: false } } });

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform key_management_service',
      files: {
        'main.tf': tfCluster(
          '  key_management_service {\n    key_vault_key_id         = "https://kv.vault.azure.net/keys/k/1"\n    key_vault_network_access = "Public"\n  }',
        ),
      },
    },
    {
      name: 'ARM private access with vault id',
      files: {
        'c.json': armCluster({
          securityProfile: {
            azureKeyVaultKms: {
              enabled: true,
              keyVaultNetworkAccess: 'Private',
              keyVaultResourceId: '/subscriptions/0/kv',
            },
          },
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'absent',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
    { name: 'disabled', files: { 'c.json': off }, errors: [{ line: lineOf(off, '"enabled": false') }] },
    {
      name: 'private access without the Key Vault id',
      files: { 'c.json': noVault },
      errors: [{ line: lineOf(noVault, '"keyVaultNetworkAccess"'), message: /keyVaultResourceId/ }],
    },
  ],
});
