import { clusterField } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, lower, reportAt, str } from './support.js';

export default defineRule({
  id: 'AKS-IAM-06',
  title: 'Cluster identity is a service principal, not a managed identity',
  description:
    'A service principal has a password that someone must create, store, rotate and can leak; it expires silently and breaks the cluster. A managed identity has no credential to handle.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['Azure Policy da6e2401', 'PSRule Azure.AKS.ManagedIdentity'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-managed-identity',
    terraform: 'replace service_principal { ... } with identity { type = "SystemAssigned" }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const clientId = str(cluster, 'servicePrincipalProfile.clientId');
      const identityType = str(cluster, 'identity.type');
      if (anyUnknown(context, cluster, [clientId])) continue;
      const usesServicePrincipal = clientId.value !== undefined && lower(clientId) !== 'msi';
      if (usesServicePrincipal) {
        reportAt(
          context,
          cluster,
          clientId,
          `cluster ${cluster.name} authenticates to Azure with a service principal`,
          {
            evidence: { servicePrincipalProfile: { clientId: clientId.value } },
          },
        );
        continue;
      }
      if (anyUnknown(context, cluster, [identityType])) continue;
      const type = lower(identityType);
      if (type === 'systemassigned' || type === 'userassigned') continue;
      if (clientId.value !== undefined) continue; // clientId "msi": a managed identity cluster.
      if (!cluster.materialized && type === undefined) {
        // A template without identity or service principal gets a system-assigned identity on current APIs.
        continue;
      }
      const where = identityType.present ? identityType : clusterField(cluster, 'identity');
      reportAt(
        context,
        cluster,
        where,
        `cluster ${cluster.name} has no managed identity (identity type ${identityType.value ?? 'absent'})`,
        {
          evidence: { identityType: identityType.value ?? null },
        },
      );
    }
  },
});
