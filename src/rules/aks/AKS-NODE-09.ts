import { isUnknown, plainOf } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import {
  allClusters,
  anyUnknown,
  lower,
  notEvaluatedAt,
  poolBool,
  poolStr,
  poolsOf,
  reportAt,
} from './support.js';

export default defineRule({
  id: 'AKS-NODE-09',
  title: 'System node pool not reserved for critical add-ons',
  description:
    "Without the `CriticalAddonsOnly=true:NoSchedule` taint, application pods share the system pool with CoreDNS, konnectivity and other kube-system components: a compromised or noisy application pod sits next to the cluster's control components.",
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Checkov CKV_AZURE_232', 'Azure Policy 48940d92'],
  fix: {
    az: 'az aks nodepool add -g RG --cluster-name NAME -n sys --mode System --node-taints CriticalAddonsOnly=true:NoSchedule (and a User pool for applications)',
    terraform:
      'default_node_pool { only_critical_addons_enabled = true } plus an azurerm_kubernetes_cluster_node_pool for applications',
  },
  check(context) {
    for (const cluster of allClusters(context)) {
      if (!cluster.partial && cluster.pools.length === 0) {
        notEvaluatedAt(context, cluster, undefined, 'no node pool in the input');
      }
    }
    for (const { cluster, pool } of poolsOf(context)) {
      const mode = poolStr(pool, 'mode');
      const only = poolBool(pool, 'onlyCriticalAddonsEnabled');
      if (anyUnknown(context, cluster, [mode, only], pool)) continue;
      if (lower(mode) !== 'system') continue;
      if (only.value === true) continue;
      const taints = pool.fields.entries.get('nodetaints');
      const list = taints ? plainOf(taints) : [];
      if (isUnknown(list)) continue;
      if (
        Array.isArray(list) &&
        list.some(
          (taint) => typeof taint === 'string' && /^CriticalAddonsOnly(=true)?:NoSchedule$/i.test(taint),
        )
      )
        continue;
      reportAt(
        context,
        cluster,
        only.present ? only : pool.location,
        `system node pool ${pool.name} of cluster ${cluster.name} also runs application pods (no CriticalAddonsOnly taint)`,
        {
          pool,
          evidence: { mode: 'System', nodeTaints: Array.isArray(list) ? list : [] },
        },
      );
    }
  },
});
