import { azureRbacEnabled } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-IAM-03',
  title: 'Azure RBAC for Kubernetes authorization not enabled',
  description:
    'With Azure RBAC, access to the Kubernetes API is granted by Azure role assignments: audited in the Activity Log, governed by PIM and removed with the identity. Entra ID with Kubernetes RoleBindings on groups is a legitimate alternative; set the parameter `required` to false to accept it.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['CIS AKS 5.5.2', 'kubescape C-0241', 'PSRule Azure.AKS.AzureRBAC'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-azure-rbac',
    terraform: 'azure_active_directory_role_based_access_control { azure_rbac_enabled = true }',
  },
  params: {
    required: {
      default: true,
      description: 'Require Azure RBAC (false accepts Kubernetes RBAC with Entra groups).',
    },
  },
  check(context) {
    if (context.params.required === false) return;
    for (const cluster of clustersOf(context)) {
      const enabled = azureRbacEnabled(cluster);
      if (anyUnknown(context, cluster, [enabled])) continue;
      if (enabled.value === true) continue;
      reportAt(
        context,
        cluster,
        enabled,
        `cluster ${cluster.name} does not use Azure RBAC for Kubernetes authorization`,
        {
          evidence: { enableAzureRBAC: enabled.value ?? false, defaulted: enabled.defaulted === true },
        },
      );
    }
  },
});
