import { isUnknown } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, notEvaluatedAt, poolStr, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NODE-11',
  title: 'No hypervisor-isolated pool for untrusted workloads',
  description:
    'Containers share the node kernel: a kernel exploit in one pod reaches every pod on the node. For untrusted or hostile multi-tenant workloads, pod sandboxing (`workloadRuntime: KataVmIsolation`) runs each pod in its own lightweight VM. Informational: only needed when such workloads exist.',
  severity: 'info',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['CIS AKS 5.6.1', 'CIS AKS 5.6.2', 'kubescape C-0249'],
  fix: {
    az: 'az aks nodepool add -g RG --cluster-name NAME -n sandbox --os-sku AzureLinux --workload-runtime KataVmIsolation',
    terraform:
      'azurerm_kubernetes_cluster_node_pool { workload_runtime = "KataVmIsolation" } (azurerm versions before KataVmIsolation support accept only the preview value KataMshvVmIsolation)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const sandboxed = cluster.pools.some((pool) =>
        /^kata/i.test(String(poolStr(pool, 'workloadRuntime').value ?? '')),
      );
      if (sandboxed) continue;
      // A pool whose runtime cannot be read may be the sandboxed one.
      const unreadable = cluster.pools
        .map((pool) => poolStr(pool, 'workloadRuntime'))
        .find((field) => isUnknown(field.value));
      if (unreadable) {
        notEvaluatedAt(context, cluster, unreadable, (unreadable.value as { reason: string }).reason);
        continue;
      }
      reportAt(
        context,
        cluster,
        undefined,
        `cluster ${cluster.name} has no hypervisor-isolated (Kata) node pool for untrusted workloads`,
        {
          evidence: { pools: cluster.pools.map((pool) => pool.name) },
        },
      );
    }
  },
});
