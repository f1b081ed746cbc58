import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, lower, reportAt, str } from './support.js';

const UNFILTERED = new Set(['loadbalancer', 'managednatgateway', 'userassignednatgateway']);

export default defineRule({
  id: 'AKS-NET-09',
  title: 'Egress is not routed through a firewall',
  description:
    'With the default outbound type (a load balancer) or a NAT gateway, every pod can reach any address on the Internet: exfiltration and command-and-control traffic leave unchecked. Routing egress through Azure Firewall or an NVA (`userDefinedRouting`) makes it filterable. The outbound type is set at creation.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['AKS docs: limit-egress-traffic'],
  fix: {
    az: 'az aks create ... --outbound-type userDefinedRouting --vnet-subnet-id SUBNET (route table to Azure Firewall)',
    terraform: 'network_profile { outbound_type = "userDefinedRouting" }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const outbound = str(cluster, 'networkProfile.outboundType');
      if (anyUnknown(context, cluster, [outbound])) continue;
      const value = lower(outbound) ?? 'loadbalancer';
      if (!UNFILTERED.has(value)) continue;
      reportAt(
        context,
        cluster,
        outbound,
        `cluster ${cluster.name} sends egress through ${outbound.value ?? 'a load balancer (the default)'}: outbound traffic is not filtered`,
        {
          evidence: {
            outboundType: outbound.value ?? 'loadBalancer',
            defaulted: outbound.value === undefined,
          },
        },
      );
    }
  },
});
