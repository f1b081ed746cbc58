import { networkPlugin, networkPolicyEngine, poolOsType } from '../../model/aksCluster.js';
import type { PodTemplate } from '../../model/k8s.js';
import { locateIn } from '../../model/k8s.js';
import { targetsWindows } from '../../model/podOs.js';
import { engineChange, engineChangeText } from '../../model/policyEngines.js';
import { podTemplatesOnCluster } from '../../model/scope.js';
import { anyUnknown, clustersOf, fixOf, manifestsOfKind, reportAt } from '../aks/support.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER, inputsOf, WORKLOADS } from '../inputs.js';

/** Windows-targeted pod templates (model/podOs.ts). */
function windowsTemplate(template: PodTemplate): boolean {
  return targetsWindows(template.spec);
}

/** Why the engine does not enforce on Windows nodes, or undefined when it does (Calico with Azure CNI). */
function windowsGap(engine: string, plugin: string): string | undefined {
  if (engine === 'cilium') return 'Cilium does not enforce network policy on Windows nodes';
  if (engine === 'azure') return 'Azure NPM on Windows is preview-only and retires on 2026-09-30';
  if (engine === 'calico' && plugin !== 'azure')
    return 'Calico enforces on Windows nodes only with Azure CNI';
  return undefined;
}

export default defineRule({
  id: 'X-NET-policiesNotEnforced',
  title: 'NetworkPolicies are not enforced by the cluster',
  description:
    'NetworkPolicy objects only take effect when the cluster runs a network policy engine. With `networkPolicy` absent or `none` (and not the Cilium dataplane, which enforces by itself), the API server accepts the policies and nothing enforces them: the manifests promise isolation the cluster does not deliver. Windows pods are likewise unprotected when the engine does not cover Windows nodes (Cilium; Azure NPM on Windows is retiring; Calico needs Azure CNI). The fix names an engine the cluster can run.',
  severity: 'high',
  family: 'cross',
  inputs: inputsOf(CLUSTER, WORKLOADS, { kubernetes: ['NetworkPolicy'] }),
  seed: true,
  refs: ['CIS AKS 5.4.4', 'AKS docs: use-network-policies'],
  fix: {
    az: 'az aks update -g RG -n NAME --network-policy calico (Azure CNI or kubenet; Windows pools: Calico with Azure CNI)',
    terraform:
      'network_profile { network_policy = "calico" } (Azure CNI or kubenet; not on the Cilium dataplane)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      // Only the policies and pods that run on this cluster (model/scope.ts).
      const policies = manifestsOfKind(context, cluster, 'NetworkPolicy');
      if (policies.length === 0) continue;
      const names = policies.map((policy) => `${policy.namespace ?? 'default'}/${policy.metadata.name}`);
      const engine = networkPolicyEngine(cluster);
      const plugin = networkPlugin(cluster);
      if (anyUnknown(context, cluster, [engine, plugin])) continue;
      if (engine.value === 'none') {
        reportAt(
          context,
          cluster,
          engine,
          `${policies.length} NetworkPolicy object(s) are in the manifests but cluster ${cluster.name} has no network policy engine: none of them is enforced`,
          {
            key: 'engine',
            evidence: { networkPolicy: engine.defaulted ? null : 'none', policies: names },
            ...fixOf(engineChangeText(engineChange(cluster, 'none'))),
          },
        );
        continue;
      }
      const gap = windowsGap(String(engine.value), String(plugin.value));
      const windowsPools = cluster.pools.filter((pool) => poolOsType(pool).value === 'windows');
      if (!gap || windowsPools.length === 0) continue;
      for (const template of podTemplatesOnCluster(context.inventory, cluster).filter(windowsTemplate)) {
        const owner = template.owner;
        context.report({
          object: owner,
          path: [...template.specPath],
          location: locateIn(owner, template.specPath),
          key: `${cluster.name}|windows`,
          message: `${owner.kind} ${owner.namespace ?? ''}/${owner.metadata.name} runs on Windows pool(s) ${windowsPools.map((pool) => pool.name).join(', ')} of cluster ${cluster.name}, where NetworkPolicies are not enforced: ${gap}`,
          evidence: { networkPolicy: engine.value, windowsPools: windowsPools.map((pool) => pool.name) },
          ...fixOf(engineChangeText(engineChange(cluster, String(engine.value)))),
        });
      }
    }
  },
});
