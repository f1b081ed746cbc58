import { defineRule } from '../defineRule.js';
import { deleteCommand, reportAzureFindings } from './azureSupport.js';

export default defineRule({
  id: 'RBAC-AKS-003',
  title: 'Azure principals can download the cluster-admin kubeconfig',
  description:
    'With local accounts enabled (disableLocalAccounts false, the default), listClusterAdminCredential returns a certificate kubeconfig bound to cluster-admin that bypasses Entra ID, Conditional Access and Azure RBAC and cannot be revoked short of rotating the cluster certificates. Every principal holding the Azure Kubernetes Service Cluster Admin Role, Owner or Contributor at the cluster or above it (resource group, subscription, management group) can fetch it. Read from the role assignments given with --azure-role-assignments (the JSON of `az role assignment list --all`).',
  severity: 'critical',
  family: 'rbac',
  inputs: { azure: ['ManagedCluster', 'RoleAssignments'] },
  refs: [
    'AKS: manage local accounts with Microsoft Entra integration',
    'AKS: control access to cluster configuration files (listClusterAdminCredential)',
    'rbac.md §4.4 AKS-003',
  ],
  fix: {
    az:
      'az aks update -g <rg> -n <cluster> --disable-local-accounts (then rotate certificates: az aks rotate-certs); ' +
      'or az role assignment delete --assignee <principal> --role "<role>" --scope <scope>',
  },
  check(ctx) {
    reportAzureFindings(ctx, {
      id: 'RBAC-AKS-003',
      evidence: () => ({ disableLocalAccounts: false, credential: 'listClusterAdminCredential' }),
      fix: ({ finding, cluster }) => {
        const a = finding.assignment;
        const name = cluster?.name ?? '<cluster>';
        return [
          `Disable local accounts (then rotate the certificates): az aks update -g <rg> -n ${name} --disable-local-accounts && az aks rotate-certs -g <rg> -n ${name}`,
          `or remove the grant: ${deleteCommand(a)}`,
          `and give cluster access without the admin credential: az role assignment create --assignee ${a.principalId} --role "Azure Kubernetes Service Cluster User Role" --scope "${cluster?.id ?? '<cluster resource id>'}"`,
        ].join('\n');
      },
    });
  },
});
