import { defineRule } from '../defineRule.js';
import { deleteCommand, reportAzureFindings } from './azureSupport.js';

const WRITER = 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb';
const roleGuid = (id: string) => id.split('/').pop()!.toLowerCase();

export default defineRule({
  id: 'RBAC-AKS-005',
  title: 'Azure RBAC grants Kubernetes admin or write access across the cluster',
  description:
    'With Azure RBAC for Kubernetes authorization, the Azure Kubernetes Service RBAC Cluster Admin, Admin and Writer roles authorise Kubernetes requests by data action. Assigned at the cluster, its resource group or subscription they apply to every namespace of every cluster below that scope (Writer reads every Secret and runs pods as any ServiceAccount; Admin and Cluster Admin manage RBAC itself), and in kube-system they reach the control-plane add-ons. Such grants are invisible to kubectl and to Kubernetes RBAC reviews. Read from the role assignments given with --azure-role-assignments; only clusters with Azure RBAC enabled are affected.',
  severity: 'high',
  family: 'rbac',
  inputs: { azure: ['ManagedCluster', 'RoleAssignments'] },
  refs: [
    'AKS: use Azure RBAC for Kubernetes authorization',
    'AKS: access and identity concepts',
    'rbac.md §4.4 AKS-005',
  ],
  fix: {
    az: 'az role assignment delete --assignee <principal> --role "<role>" --scope <scope>; az role assignment create --assignee <principal> --role "Azure Kubernetes Service RBAC Reader" --scope <cluster-id>/namespaces/<namespace>',
  },
  check(ctx) {
    reportAzureFindings(ctx, {
      id: 'RBAC-AKS-005',
      fix: ({ finding, cluster }) => {
        const a = finding.assignment;
        const role =
          roleGuid(a.roleDefinitionId) === WRITER
            ? 'Azure Kubernetes Service RBAC Writer'
            : 'Azure Kubernetes Service RBAC Reader';
        return [
          `Remove the broad grant: ${deleteCommand(a)}`,
          `and grant the narrowest role in the namespaces needed: az role assignment create --assignee ${a.principalId} --role "${role}" --scope "${cluster?.id ?? '<cluster resource id>'}/namespaces/<namespace>"`,
        ].join('\n');
      },
    });
  },
});
