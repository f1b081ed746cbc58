import { isUnknown } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { authorizedRanges } from './ranges.js';
import { anyUnknown, clustersOf, publicApiServer, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NET-03',
  title: 'Public API server reachable from any IP address',
  description:
    'When the API server is public and no authorized IP ranges are set, anyone on the Internet can reach it and try stolen or leaked credentials, or exploit an API server vulnerability. Authorized ranges do not apply to private clusters (they are rejected there), so private clusters are not judged.',
  severity: 'critical',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: [
    'CIS AKS 5.4.1',
    'Checkov CKV_AZURE_6',
    'Trivy AVD-AZU-0041',
    'kubescape C-0247',
    'Azure Policy 0e246bcf',
  ],
  fix: {
    az: 'az aks update -g RG -n NAME --api-server-authorized-ip-ranges CIDR[,CIDR...]',
    terraform: 'api_server_access_profile { authorized_ip_ranges = ["203.0.113.0/24"] }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      if (publicApiServer(context, cluster) !== true) continue;
      const ranges = authorizedRanges(cluster);
      if (anyUnknown(context, cluster, [ranges])) continue;
      const list = Array.isArray(ranges.value)
        ? ranges.value
        : typeof ranges.value === 'string'
          ? [ranges.value]
          : [];
      // Unknown entries (e.g. a variable holding the office IP) still make a non-empty allow-list.
      if (list.some((entry) => isUnknown(entry) || (typeof entry === 'string' && entry.trim() !== '')))
        continue;
      reportAt(
        context,
        cluster,
        ranges,
        `cluster ${cluster.name} has a public API server with no authorized IP ranges: it accepts connections from any address`,
        { evidence: { authorizedIPRanges: list, enablePrivateCluster: false } },
      );
    }
  },
});
