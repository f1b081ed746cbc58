import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, bool, clustersOf, lower, reportAt, str } from './support.js';

export default defineRule({
  id: 'AKS-DATA-01',
  title: 'Secrets in etcd not encrypted with a Key Vault key (KMS)',
  description:
    'Kubernetes Secrets are stored in etcd; KMS encryption wraps them with a key you own in Key Vault, which you can rotate, audit and revoke. Encryption at host does not encrypt etcd. With private Key Vault network access the Key Vault resource id is also required.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['CIS AKS 5.3.1', 'Azure Policy dbbdc317', 'kubescape C-0066'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-azure-keyvault-kms --azure-keyvault-kms-key-id KEY_ID --azure-keyvault-kms-key-vault-network-access Private --azure-keyvault-kms-key-vault-resource-id KV_ID',
    terraform: 'key_management_service { key_vault_key_id = ...  key_vault_network_access = "Private" }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const enabled = bool(cluster, 'securityProfile.azureKeyVaultKms.enabled');
      if (anyUnknown(context, cluster, [enabled])) continue;
      if (enabled.value !== true) {
        reportAt(
          context,
          cluster,
          enabled,
          `cluster ${cluster.name} does not encrypt Secrets in etcd with a Key Vault key (KMS)`,
          {
            evidence: { azureKeyVaultKms: { enabled: enabled.value ?? false } },
          },
        );
        continue;
      }
      const access = str(cluster, 'securityProfile.azureKeyVaultKms.keyVaultNetworkAccess');
      const vault = str(cluster, 'securityProfile.azureKeyVaultKms.keyVaultResourceId');
      if (anyUnknown(context, cluster, [access, vault])) continue;
      if (lower(access) === 'private' && !vault.value && cluster.dialect !== 'terraform') {
        reportAt(
          context,
          cluster,
          access,
          `cluster ${cluster.name} uses KMS with private Key Vault access but no keyVaultResourceId`,
          {
            key: 'vault',
            evidence: { keyVaultNetworkAccess: 'Private', keyVaultResourceId: null },
          },
        );
      }
    }
  },
});
