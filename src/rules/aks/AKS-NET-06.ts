import { networkDataplane, networkPlugin, networkPolicyEngine, poolOsType } from '../../model/aksCluster.js';
import { engineChange, engineChangeText } from '../../model/policyEngines.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, fixOf, poolStr, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NET-06',
  title: 'Network policy engine incompatible with the network plugin or a node OS',
  description:
    'Azure NPM requires Azure CNI; Cilium policy requires the Cilium dataplane; Calico with kubenet is Linux-only. On Windows pools Cilium enforces nothing, Azure NPM supports only Windows Server 2022 in preview and retires on 2026-09-30, and Calico needs Azure CNI: pods on an uncovered pool run without network policy.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['kubescape C-0240'],
  fix: {
    az: 'an engine the cluster can run: Calico with Azure CNI covers Windows pools (az aks create ... --network-plugin azure --network-policy calico); the Cilium dataplane covers Linux only',
    terraform:
      'network_profile { network_plugin = "azure"  network_policy = "calico" } (not on the Cilium dataplane)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const engine = networkPolicyEngine(cluster);
      const plugin = networkPlugin(cluster);
      const dataplane = networkDataplane(cluster);
      if (anyUnknown(context, cluster, [engine, plugin, dataplane])) continue;
      if (engine.value === 'none') continue;
      const fix = fixOf(engineChangeText(engineChange(cluster, String(engine.value))));
      if (engine.value === 'azure' && plugin.value !== 'azure') {
        reportAt(
          context,
          cluster,
          engine,
          `cluster ${cluster.name}: network policy "azure" requires the Azure CNI plugin, not ${plugin.value}`,
          {
            key: 'plugin',
            evidence: { networkPolicy: engine.value, networkPlugin: plugin.value },
            ...fix,
          },
        );
      }
      if (engine.value === 'cilium' && dataplane.value !== 'cilium') {
        reportAt(
          context,
          cluster,
          engine,
          `cluster ${cluster.name}: network policy "cilium" requires networkDataplane "cilium", not ${dataplane.value}`,
          {
            key: 'dataplane',
            evidence: { networkPolicy: engine.value, networkDataplane: dataplane.value },
            ...fix,
          },
        );
      }
      for (const pool of cluster.pools) {
        const os = poolOsType(pool);
        if (anyUnknown(context, cluster, [os], pool)) continue;
        if (os.value !== 'windows') continue;
        const sku = poolStr(pool, 'osSKU');
        let problem: string | undefined;
        if (engine.value === 'cilium') problem = 'Cilium does not enforce network policy on Windows nodes';
        else if (engine.value === 'calico' && plugin.value !== 'azure')
          problem = 'Calico enforces on Windows nodes only with Azure CNI';
        else if (engine.value === 'azure') {
          problem =
            typeof sku.value === 'string' && /2019/.test(sku.value)
              ? 'Azure NPM does not support Windows Server 2019 nodes'
              : 'Azure NPM on Windows is preview-only (Windows Server 2022) and retires on 2026-09-30';
        }
        if (!problem) continue;
        reportAt(
          context,
          cluster,
          os.present ? os : pool.location,
          `Windows pool ${pool.name} of cluster ${cluster.name}: ${problem}; its pods have no effective network policy`,
          {
            pool,
            ...fix,
            evidence: {
              networkPolicy: engine.value,
              networkPlugin: plugin.value,
              osType: 'Windows',
              osSKU: sku.value ?? null,
            },
          },
        );
      }
    }
  },
});
