import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, poolBool, poolsOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-DATA-02',
  title: 'Node pool without encryption at host',
  description:
    'Managed OS disks are encrypted at rest by default, but temporary disks, caches and data flowing to storage are only encrypted with encryption at host. Every pool is judged, including pools declared as separate resources; it is set when the pool is created.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['Checkov CKV_AZURE_227', 'Azure Policy 41425d9f'],
  fix: {
    az: 'az aks nodepool add -g RG --cluster-name NAME -n POOL --enable-encryption-at-host (new pool), drain and delete the old one',
    terraform: 'host_encryption_enabled = true (azurerm 3.x: enable_host_encryption; forces a new pool)',
  },
  check(context) {
    for (const { cluster, pool } of poolsOf(context)) {
      const enabled = poolBool(pool, 'enableEncryptionAtHost');
      if (anyUnknown(context, cluster, [enabled], pool)) continue;
      if (enabled.value === true) continue;
      reportAt(
        context,
        cluster,
        enabled,
        `node pool ${pool.name} of cluster ${cluster.name} does not use encryption at host`,
        {
          pool,
          evidence: { enableEncryptionAtHost: enabled.value ?? false },
        },
      );
    }
  },
});
