import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, lower, poolStr, poolsOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-DATA-04',
  title: 'Node pool uses managed (persistent) OS disks',
  description:
    'Ephemeral OS disks live on the VM host and are discarded on re-image: nothing an attacker writes to the OS disk survives, and there is no persistent disk to snapshot. When unset, AKS chooses Ephemeral whenever the VM size supports it, so only an explicit `Managed` is reported.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Checkov CKV_AZURE_226', 'PSRule Azure.AKS.EphemeralOSDisk'],
  fix: {
    az: 'az aks nodepool add -g RG --cluster-name NAME -n POOL --node-osdisk-type Ephemeral (new pool)',
    terraform: 'os_disk_type = "Ephemeral" (forces a new pool)',
  },
  check(context) {
    for (const { cluster, pool } of poolsOf(context)) {
      const type = poolStr(pool, 'osDiskType');
      if (anyUnknown(context, cluster, [type], pool)) continue;
      if (lower(type) !== 'managed') continue;
      reportAt(
        context,
        cluster,
        type,
        `node pool ${pool.name} of cluster ${cluster.name} uses managed OS disks, not ephemeral`,
        {
          pool,
          evidence: { osDiskType: type.value },
        },
      );
    }
  },
});
