import { networkPolicyEngine } from '../../model/aksCluster.js';
import { engineChange, engineChangeText } from '../../model/policyEngines.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, fixOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NET-05',
  title: 'No network policy engine',
  description:
    'Without a network policy engine (Azure NPM, Calico or Cilium), NetworkPolicy objects are accepted by the API server and silently ignored: every pod can reach every other pod. `none` or an empty value is no engine, except on the Cilium dataplane (Azure CNI powered by Cilium, AKS Automatic), which enforces NetworkPolicy itself. The fix names an engine the cluster can run: Calico (Azure CNI or kubenet, Windows with Azure CNI); none on bring-your-own CNI.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['CIS AKS 5.4.4', 'Checkov CKV_AZURE_7', 'Trivy AVD-AZU-0043', 'kubescape C-0240'],
  fix: {
    az: 'az aks update -g RG -n NAME --network-policy calico (Azure CNI or kubenet; the Cilium dataplane needs none)',
    terraform:
      'network_profile { network_policy = "calico" } (Azure CNI or kubenet; the Cilium dataplane needs none)',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const engine = networkPolicyEngine(cluster);
      if (anyUnknown(context, cluster, [engine])) continue;
      if (engine.value !== 'none') continue;
      reportAt(
        context,
        cluster,
        engine,
        `cluster ${cluster.name} has no network policy engine: NetworkPolicies are not enforced`,
        {
          evidence: { networkPolicy: engine.defaulted ? null : 'none' },
          ...fixOf(engineChangeText(engineChange(cluster, 'none'))),
        },
      );
    }
  },
});
