import { clusterField, isUnknown } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, bool, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-IAM-02',
  title: 'No AKS-managed Microsoft Entra ID integration',
  description:
    'Entra ID integration makes users authenticate with their organisational identity (MFA, conditional access, central offboarding) instead of certificates in kubeconfig files. The legacy integration with client and server applications is deprecated and carries an application secret.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['CIS AKS 5.5.1', 'Azure Policy 450d2877', 'PSRule Azure.AKS.ManagedAAD'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-aad --aad-admin-group-object-ids GROUP_ID',
    terraform:
      'azure_active_directory_role_based_access_control { azure_rbac_enabled = true  admin_group_object_ids = [...] } (azurerm 3.x: managed = true)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const profile = clusterField(cluster, 'aadProfile');
      const managed = bool(cluster, 'aadProfile.managed');
      if (anyUnknown(context, cluster, [profile, managed])) continue;
      if (profile.value === undefined || profile.value === null) {
        reportAt(
          context,
          cluster,
          profile,
          `cluster ${cluster.name} is not integrated with Microsoft Entra ID`,
          {
            evidence: { aadProfile: null },
          },
        );
        continue;
      }
      if (managed.value === true) continue;
      const legacy = ['clientAppID', 'serverAppID'].some((key) => {
        const value = clusterField(cluster, `aadProfile.${key}`).value;
        return value !== undefined && value !== null && !isUnknown(value);
      });
      reportAt(
        context,
        cluster,
        managed.present ? managed : profile,
        legacy
          ? `cluster ${cluster.name} uses the deprecated legacy Entra ID integration (client/server applications)`
          : `cluster ${cluster.name} has an aadProfile without AKS-managed Entra ID (managed is not true)`,
        { evidence: { managed: managed.value ?? null, legacyApplications: legacy } },
      );
    }
  },
});
