import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, bool, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NET-01',
  title: 'API server has a public endpoint (not a private cluster)',
  description:
    'A private cluster exposes the Kubernetes API only on a private IP in the cluster virtual network, reachable through peering, VPN or a bastion. A public endpoint is one credential leak away from the Internet.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['CIS AKS 5.4.2', 'Checkov CKV_AZURE_115', 'Trivy AVD-AZU-0065', 'Azure Policy 040732e8'],
  fix: {
    az: 'az aks create ... --enable-private-cluster (existing clusters: only with API Server VNet Integration: az aks update --enable-private-cluster)',
    terraform: 'private_cluster_enabled = true (forces a new cluster)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const isPrivate = bool(cluster, 'apiServerAccessProfile.enablePrivateCluster');
      if (anyUnknown(context, cluster, [isPrivate])) continue;
      if (isPrivate.value === true) continue;
      reportAt(
        context,
        cluster,
        isPrivate,
        `cluster ${cluster.name} exposes its API server on a public endpoint`,
        {
          evidence: { enablePrivateCluster: isPrivate.value ?? false },
        },
      );
    }
  },
});
