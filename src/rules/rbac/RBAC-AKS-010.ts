import { defineRule } from '../defineRule.js';
import { deleteCommand, reportAzureFindings } from './azureSupport.js';

export default defineRule({
  id: 'RBAC-AKS-010',
  title: 'Azure principals can grant Azure resources in-cluster roles through Trusted Access',
  description:
    'AKS Trusted Access binds an Azure resource (its system-assigned managed identity) to roles of the cluster that map to predefined Kubernetes ClusterRoles, without Entra ID group membership, Kubernetes RBAC objects or Azure RBAC data actions: none of these reviews shows the grant. Whoever holds Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/write on the cluster can create such bindings. The built-in Defender Kubernetes API Access role (formerly Kubernetes Agentless Operator) and Kubernetes Agent Operator hold it, the latter also managedClusters/write; they are meant for Microsoft Defender for Cloud, not for people. Read from the role assignments given with --azure-role-assignments.',
  severity: 'medium',
  family: 'rbac',
  inputs: { azure: ['ManagedCluster', 'RoleAssignments'] },
  refs: ['AKS: Trusted Access', 'Azure built-in roles for Containers', 'rbac.md §4.4 AKS-010'],
  fix: {
    az: 'az role assignment delete --assignee <principal> --role "<role>" --scope <scope>; review az aks trustedaccess rolebinding list -g <rg> --cluster-name <cluster>',
  },
  params: {
    expectedPrincipals: {
      default: [],
      schema: { type: 'array', items: { type: 'string', minLength: 1 } },
      description:
        'Object IDs of principals expected to hold these roles (the Microsoft Defender for Cloud service principal); their assignments are not reported.',
    },
  },
  check(ctx) {
    const expected = new Set(
      (Array.isArray(ctx.params.expectedPrincipals) ? ctx.params.expectedPrincipals : [])
        .filter((id): id is string => typeof id === 'string')
        .map((id) => id.toLowerCase()),
    );
    reportAzureFindings(ctx, {
      id: 'RBAC-AKS-010',
      skip: ({ finding }) => expected.has(finding.assignment.principalId.toLowerCase()),
      evidence: () => ({
        action: 'Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/write',
      }),
      fix: ({ finding, cluster }) =>
        [
          `Remove the grant unless this is the Microsoft Defender for Cloud identity (then list it in the rule parameter expectedPrincipals): ${deleteCommand(finding.assignment)}`,
          `and review the existing bindings: az aks trustedaccess rolebinding list -g <rg> --cluster-name ${cluster?.name ?? '<cluster>'}`,
        ].join('\n'),
    });
  },
});
