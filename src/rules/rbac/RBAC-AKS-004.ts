import { adminGroupObjectIds } from '../../engines/rbac/fromInventory.js';
import { clusterField, entraAdminGroups, isUnknown } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER, inputsOf, RBAC } from '../inputs.js';

export default defineRule({
  id: 'RBAC-AKS-004',
  title: 'Entra admin groups are cluster-admin',
  description:
    'AKS binds every group of aadProfile.adminGroupObjectIDs to cluster-admin (ClusterRoleBinding aks-cluster-admin-binding-aad). Every member — including nested groups and guests — is cluster-admin; keep the groups small, use Privileged Identity Management for just-in-time membership, and review them. Inventory finding.',
  severity: 'info',
  family: 'rbac',
  inputs: inputsOf(CLUSTER, RBAC),
  refs: ['AKS: Microsoft Entra integration', 'IceKube AZURE_POD_IDENTITY_EXCEPTION'],
  fix: { az: 'az aks update -g <rg> -n <cluster> --aad-admin-group-object-ids <small-pim-group-id>' },
  check(ctx) {
    for (const cluster of ctx.inventory.clusters) {
      const declared = entraAdminGroups(cluster);
      if (isUnknown(declared.value)) {
        ctx.notEvaluated({
          resource: cluster.resource,
          location: declared.location ?? cluster.location,
          reason: `adminGroupObjectIDs ${declared.value.reason}`,
        });
        continue;
      }
      const groups = adminGroupObjectIds(cluster);
      if (groups.length === 0) continue;
      const field = clusterField(cluster, 'aadProfile.adminGroupObjectIDs');
      ctx.report({
        resource: cluster.resource,
        location: field.location ?? cluster.location,
        message: `members of Entra group${groups.length === 1 ? '' : 's'} ${groups.join(', ')} are cluster-admin on ${cluster.name} (aks-cluster-admin-binding-aad)`,
        evidence: {
          adminGroupObjectIDs: groups,
          binding: 'aks-cluster-admin-binding-aad',
          role: 'cluster-admin',
        },
      });
    }
  },
});
