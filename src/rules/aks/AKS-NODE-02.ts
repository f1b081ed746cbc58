import { poolOsType } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { allClusters, anyUnknown, poolStr, reportAt } from './support.js';
import { nodeOsChannel } from './upgrades.js';

export default defineRule({
  id: 'AKS-NODE-02',
  title: 'Windows node pool not patched or on an unsupported OS',
  description:
    'Windows Update does not run on AKS Windows nodes: they are patched only by node image upgrades (`NodeImage`/`SecurityPatch` channels; `Unmanaged` means none on Windows). Windows Server 2019 is unsupported since 2026-03-01 and its images are removed on 2027-04-01.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['AKS docs: windows-server-2019-retirement', 'AKS docs: auto-upgrade-node-os-image'],
  fix: {
    az: 'az aks update -g RG -n NAME --node-os-upgrade-channel NodeImage; az aks nodepool add ... --os-type Windows --os-sku Windows2022',
    terraform:
      'node_os_upgrade_channel = "NodeImage"; os_sku = "Windows2022" on the Windows node pool (forces a new pool)',
  },
  check(context) {
    for (const cluster of allClusters(context)) {
      const windows = cluster.pools.filter((pool) => poolOsType(pool).value === 'windows');
      if (windows.length === 0) continue;
      const channel = cluster.partial ? undefined : nodeOsChannel(cluster);
      for (const pool of windows) {
        const sku = poolStr(pool, 'osSKU');
        if (
          !anyUnknown(context, cluster, [sku], pool) &&
          typeof sku.value === 'string' &&
          sku.value.toLowerCase() === 'windows2019'
        ) {
          reportAt(
            context,
            cluster,
            sku,
            `Windows pool ${pool.name} of cluster ${cluster.name} runs Windows Server 2019, unsupported since 2026-03-01`,
            {
              pool,
              key: 'sku',
              evidence: { osSKU: sku.value },
            },
          );
        }
        if (!channel || anyUnknown(context, cluster, [channel], pool)) continue;
        const value = String(channel.value).toLowerCase();
        if (value !== 'none' && value !== 'unmanaged') continue;
        reportAt(
          context,
          cluster,
          pool.location,
          `Windows pool ${pool.name} of cluster ${cluster.name} is never patched: node OS upgrade channel ${channel.value} applies no updates to Windows nodes`,
          {
            pool,
            key: 'channel',
            evidence: { nodeOSUpgradeChannel: channel.value, osType: 'Windows' },
          },
        );
      }
    }
  },
});
