import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, lower, reportAt, str } from './support.js';

export default defineRule({
  id: 'AKS-NODE-03',
  title: 'Cluster auto-upgrade channel not set',
  description:
    'Without an auto-upgrade channel (default `none`), Kubernetes patch releases with security fixes are applied only when someone upgrades by hand, and clusters drift out of support.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Checkov CKV_AZURE_171', 'Azure Policy 5c345cdf', 'PSRule Azure.AKS.AutoUpgrade'],
  fix: {
    az: 'az aks update -g RG -n NAME --auto-upgrade-channel patch (or stable)',
    terraform: 'automatic_upgrade_channel = "patch" (azurerm 3.x: automatic_channel_upgrade)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const channel = str(cluster, 'autoUpgradeProfile.upgradeChannel');
      if (anyUnknown(context, cluster, [channel])) continue;
      const value = lower(channel) ?? 'none';
      if (value !== 'none' && value !== '') continue;
      reportAt(
        context,
        cluster,
        channel,
        `cluster ${cluster.name} has no Kubernetes auto-upgrade channel${channel.value === undefined ? ' (default none)' : ''}`,
        {
          evidence: { upgradeChannel: channel.value ?? 'none', defaulted: channel.value === undefined },
        },
      );
    }
  },
});
