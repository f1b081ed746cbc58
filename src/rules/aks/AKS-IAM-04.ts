import { entraIntegration, localAccountsDisabled } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-IAM-04',
  title: 'Local accounts enabled',
  description:
    'Local accounts are enabled by default: even with RBAC and Entra ID, `az aks get-credentials --admin` hands out a cluster-admin certificate that is not tied to any identity and cannot be audited. Disabling them requires Entra ID integration.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Checkov CKV_AZURE_141', 'Azure Policy 993c2fcd', 'PSRule Azure.AKS.LocalAccounts'],
  fix: {
    az: 'az aks update -g RG -n NAME --disable-local-accounts (requires Entra ID integration)',
    terraform: 'local_account_disabled = true',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const disabled = localAccountsDisabled(cluster);
      const entra = entraIntegration(cluster);
      if (anyUnknown(context, cluster, [disabled])) continue;
      if (disabled.value !== true) {
        reportAt(
          context,
          cluster,
          disabled,
          `cluster ${cluster.name} keeps local (certificate) accounts enabled`,
          {
            evidence: {
              disableLocalAccounts: disabled.value ?? false,
              defaulted: disabled.defaulted === true,
            },
          },
        );
        continue;
      }
      if (anyUnknown(context, cluster, [entra])) continue;
      if (entra.value !== true) {
        reportAt(
          context,
          cluster,
          disabled,
          `cluster ${cluster.name} disables local accounts without Entra ID integration: the setting is rejected (it is only valid on Entra-integrated clusters)`,
          { evidence: { disableLocalAccounts: true, entraIntegration: false } },
        );
      }
    }
  },
});
