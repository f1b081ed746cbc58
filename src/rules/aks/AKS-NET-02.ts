import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, bool, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NET-02',
  title: 'Private cluster publishes a public FQDN',
  description:
    'A private cluster can still publish its API server name in public DNS (resolving to the private IP). It creates no public endpoint, but it discloses the cluster and its private address to anyone.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['CIS AKS 5.4.2'],
  fix: {
    az: 'az aks update -g RG -n NAME --disable-public-fqdn',
    terraform: 'private_cluster_public_fqdn_enabled = false',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const isPrivate = bool(cluster, 'apiServerAccessProfile.enablePrivateCluster');
      const publicFqdn = bool(cluster, 'apiServerAccessProfile.enablePrivateClusterPublicFQDN');
      if (anyUnknown(context, cluster, [isPrivate])) continue;
      if (isPrivate.value !== true) continue;
      if (anyUnknown(context, cluster, [publicFqdn])) continue;
      if (publicFqdn.value !== true) continue;
      reportAt(context, cluster, publicFqdn, `private cluster ${cluster.name} publishes a public FQDN`, {
        evidence: { enablePrivateClusterPublicFQDN: true },
      });
    }
  },
});
