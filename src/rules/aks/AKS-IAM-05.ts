import { azureRbacEnabled, clusterField, entraIntegration, isUnknown } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-IAM-05',
  title: 'No Entra admin group, or legacy Entra application credentials',
  description:
    'An Entra admin group is the break-glass path once local accounts are disabled, and it keeps cluster-admin membership in one audited place. With Azure RBAC for Kubernetes authorization, Azure role assignments are that place, so no admin group is needed. The legacy integration stores a server application secret in the cluster definition.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Azure Policy 36a27de4'],
  fix: {
    az: 'az aks update -g RG -n NAME --aad-admin-group-object-ids GROUP_ID',
    terraform: 'azure_active_directory_role_based_access_control { admin_group_object_ids = [GROUP_ID] }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const secret = clusterField(cluster, 'aadProfile.serverAppSecret');
      if (secret.present && !isUnknown(secret.value) && secret.value) {
        reportAt(
          context,
          cluster,
          secret,
          `cluster ${cluster.name} uses legacy Entra applications with a server application secret`,
          {
            key: 'legacy',
            evidence: { serverAppSecret: '(redacted)' },
          },
        );
      }
      const entra = entraIntegration(cluster);
      const groups = clusterField(cluster, 'aadProfile.adminGroupObjectIDs');
      const azureRbac = azureRbacEnabled(cluster);
      if (anyUnknown(context, cluster, [entra, groups, azureRbac])) continue;
      // Azure RBAC: cluster administrators are Azure role assignments (AKS docs entra-id-authorization.md).
      if (entra.value !== true || azureRbac.value === true) continue;
      const list = Array.isArray(groups.value) ? groups.value : [];
      if (list.length > 0) continue;
      reportAt(
        context,
        cluster,
        groups,
        `cluster ${cluster.name} has no Entra admin group (adminGroupObjectIDs is empty)`,
        {
          key: 'admins',
          evidence: { adminGroupObjectIDs: [] },
        },
      );
    }
  },
});
