import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, reportAt } from './support.js';
import { nodeOsChannel } from './upgrades.js';

export default defineRule({
  id: 'AKS-NODE-01',
  title: 'Node OS security patches not applied automatically',
  description:
    'Node OS upgrade channel `None` applies no OS patches at all; `Unmanaged` lets Linux install patches but never reboots (kured is needed) and does nothing on Windows. `SecurityPatch` or `NodeImage` keep nodes patched with managed reboots. The default is `NodeImage` since API 2023-06-01.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['Azure Policy 04408ca5', 'PSRule Azure.AKS.NodeAutoUpgrade'],
  fix: {
    az: 'az aks update -g RG -n NAME --node-os-upgrade-channel SecurityPatch',
    terraform: 'node_os_upgrade_channel = "SecurityPatch" (azurerm 3.x: node_os_channel_upgrade)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const channel = nodeOsChannel(cluster);
      if (anyUnknown(context, cluster, [channel])) continue;
      const value = String(channel.value).toLowerCase();
      if (value === 'none') {
        reportAt(
          context,
          cluster,
          channel,
          `cluster ${cluster.name} has node OS upgrade channel None: nodes get no OS security patches`,
          {
            evidence: { nodeOSUpgradeChannel: channel.value },
          },
        );
      } else if (value === 'unmanaged') {
        reportAt(
          context,
          cluster,
          channel,
          `cluster ${cluster.name} has node OS upgrade channel Unmanaged: patches need reboots nobody schedules (and none on Windows)`,
          {
            severity: 'medium',
            evidence: { nodeOSUpgradeChannel: channel.value },
          },
        );
      }
    }
  },
});
