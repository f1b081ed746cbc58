import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, reportAt, str } from './support.js';

export default defineRule({
  id: 'AKS-DATA-03',
  title: 'Node disks not encrypted with a customer-managed key',
  description:
    'By default node OS and data disks are encrypted with platform-managed keys. A disk encryption set puts the key in your Key Vault, so you control rotation and can revoke access. It is set when the cluster is created.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['Checkov CKV_AZURE_117', 'Trivy AVD-AZU-0067', 'Azure Policy 7d7be79c'],
  fix: {
    az: 'az aks create ... --node-osdisk-diskencryptionset-id DES_ID',
    terraform: 'disk_encryption_set_id = azurerm_disk_encryption_set.aks.id (forces a new cluster)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const set = str(cluster, 'diskEncryptionSetID');
      if (anyUnknown(context, cluster, [set])) continue;
      if (typeof set.value === 'string' && set.value.trim() !== '') continue;
      reportAt(
        context,
        cluster,
        set,
        `cluster ${cluster.name} does not encrypt node disks with a customer-managed key (no disk encryption set)`,
        {
          evidence: { diskEncryptionSetID: null },
        },
      );
    }
  },
});
