import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, bool, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-DATA-05',
  title: 'Key Vault secrets provider missing or without rotation',
  description:
    'The Secrets Store CSI driver mounts secrets from Key Vault into pods, so they are kept, audited and rotated outside the cluster; without rotation, a rotated Key Vault secret is not picked up until pods restart.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['Checkov CKV_AZURE_172', 'PSRule Azure.AKS.SecretStore', 'PSRule Azure.AKS.SecretStoreRotation'],
  fix: {
    az: 'az aks enable-addons -g RG -n NAME --addons azure-keyvault-secrets-provider; az aks update -g RG -n NAME --enable-secret-rotation',
    terraform: 'key_vault_secrets_provider { secret_rotation_enabled = true }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const enabled = bool(cluster, 'addonProfiles.azureKeyvaultSecretsProvider.enabled');
      const rotation = bool(
        cluster,
        'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
      );
      if (anyUnknown(context, cluster, [enabled])) continue;
      if (enabled.value !== true) {
        reportAt(
          context,
          cluster,
          enabled,
          `cluster ${cluster.name} does not enable the Key Vault secrets provider add-on`,
          {
            evidence: { azureKeyvaultSecretsProvider: { enabled: enabled.value ?? false } },
          },
        );
        continue;
      }
      if (anyUnknown(context, cluster, [rotation])) continue;
      if (rotation.value === true) continue;
      reportAt(
        context,
        cluster,
        rotation,
        `cluster ${cluster.name} enables the Key Vault secrets provider without secret rotation`,
        {
          evidence: { enableSecretRotation: rotation.value ?? false },
        },
      );
    }
  },
});
