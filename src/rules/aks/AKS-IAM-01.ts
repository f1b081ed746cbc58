import { apiAtLeast, rbacEnabled } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-IAM-01',
  title: 'Kubernetes RBAC disabled',
  description:
    'Without the RBAC authorizer every authenticated identity can do anything in the cluster. AKS enables RBAC unless it is explicitly turned off at creation (`enableRBAC: false`, Terraform `role_based_access_control_enabled = false`); an omitted setting is the secure default, not a finding.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: [
    'CIS AKS 5.5.1',
    'Checkov CKV_AZURE_5',
    'Trivy AVD-AZU-0042',
    'kubescape C-0088',
    'Azure Policy ac4a19c2',
  ],
  fix: {
    az: 'RBAC cannot be enabled on an existing cluster: az aks create ... (without --disable-rbac), then migrate workloads',
    terraform: 'role_based_access_control_enabled = true (forces a new cluster)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const rbac = rbacEnabled(cluster);
      if (anyUnknown(context, cluster, [rbac])) continue;
      // enableRBAC exists from API 2018-03-31: clusters deployed with an older API version have no RBAC.
      if (!rbac.present && apiAtLeast(cluster, '2018-03-31') === false) {
        reportAt(
          context,
          cluster,
          undefined,
          `cluster ${cluster.name} is deployed with API ${cluster.apiVersion}, which predates Kubernetes RBAC: RBAC is off`,
          {
            evidence: { apiVersion: cluster.apiVersion, enableRBAC: null },
          },
        );
        continue;
      }
      if (rbac.value === false) {
        reportAt(context, cluster, rbac, `cluster ${cluster.name} has Kubernetes RBAC disabled`, {
          evidence: { enableRBAC: false },
        });
      }
    }
  },
});
