import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, lower, reportAt, str } from './support.js';

export default defineRule({
  id: 'AKS-NET-14',
  title: 'Basic load balancer',
  description:
    'The Basic load balancer SKU is retired (unsupported since 2025-09-30), has no SLA, and is incompatible with authorized IP ranges and multiple node pools. The Standard SKU is the default.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['PSRule Azure.AKS.StandardLB'],
  fix: {
    az: 'migrate: az aks update -g RG -n NAME --load-balancer-sku standard (supported migration path) or recreate',
    terraform: 'network_profile { load_balancer_sku = "standard" }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const sku = str(cluster, 'networkProfile.loadBalancerSku');
      if (anyUnknown(context, cluster, [sku])) continue;
      if (lower(sku) !== 'basic') continue;
      reportAt(context, cluster, sku, `cluster ${cluster.name} uses the retired Basic load balancer SKU`, {
        evidence: { loadBalancerSku: sku.value },
      });
    }
  },
});
