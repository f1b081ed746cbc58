import { networkPlugin } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NET-07',
  title: 'kubenet networking instead of Azure CNI',
  description:
    'kubenet gives pods addresses outside the virtual network behind NAT, cannot use Azure NPM, supports no Windows pools and retires on 2028-03-31. Azure CNI (overlay or pod subnet) is the prerequisite for Azure network policies and Windows pools. kubenet is also the API default when no plugin is set.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['Checkov CKV2_AZURE_29', 'Azure Policy 46238e2f'],
  fix: {
    az: 'az aks update -g RG -n NAME --network-plugin azure --network-plugin-mode overlay',
    terraform: 'network_profile { network_plugin = "azure"  network_plugin_mode = "overlay" }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const plugin = networkPlugin(cluster);
      if (anyUnknown(context, cluster, [plugin])) continue;
      // `none` is bring-your-own CNI; anything else than azure (kubenet, or an invalid value) is not Azure CNI.
      if (plugin.value === 'azure' || plugin.value === 'none') continue;
      reportAt(
        context,
        cluster,
        plugin,
        `cluster ${cluster.name} uses ${plugin.value}${plugin.defaulted ? ' (the default when no network plugin is set)' : ''}, not Azure CNI`,
        {
          evidence: { networkPlugin: plugin.value, defaulted: plugin.defaulted === true },
        },
      );
    }
  },
});
