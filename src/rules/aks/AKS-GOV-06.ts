import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, lower, reportAt, str } from './support.js';

const WITH_SLA = new Set(['standard', 'premium', 'paid']);

export default defineRule({
  id: 'AKS-GOV-06',
  title: 'Free control-plane tier (no uptime SLA)',
  description:
    'The Free tier has no financially backed API server SLA and limited control-plane scale; an overloaded API server stops admission, scaling and security tooling. `Standard` and `Premium` (and `Paid` before API 2023-02-01) carry the SLA.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Checkov CKV_AZURE_170', 'PSRule Azure.AKS.UptimeSLA'],
  fix: { az: 'az aks update -g RG -n NAME --tier standard', terraform: 'sku_tier = "Standard"' },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const tier = str(cluster, 'sku.tier');
      if (anyUnknown(context, cluster, [tier])) continue;
      if (WITH_SLA.has(lower(tier) ?? 'free')) continue;
      reportAt(
        context,
        cluster,
        tier,
        `cluster ${cluster.name} runs on the ${tier.value ?? 'Free (default)'} tier without an uptime SLA`,
        {
          evidence: { tier: tier.value ?? 'Free', defaulted: tier.value === undefined },
        },
      );
    }
  },
});
