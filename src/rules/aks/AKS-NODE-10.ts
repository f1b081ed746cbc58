import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, lower, reportAt, str } from './support.js';

export default defineRule({
  id: 'AKS-NODE-10',
  title: 'Node resource group not locked down',
  description:
    "By default anyone with rights on the node resource group (MC_*) can change the cluster's VMs, NSGs and load balancers directly, bypassing AKS. `restrictionLevel: ReadOnly` (API 2024-09-01) makes AKS the only writer.",
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['AKS docs: node-resource-group-lockdown'],
  fix: {
    az: 'az aks update -g RG -n NAME --nrg-lockdown-restriction-level ReadOnly',
    terraform: 'azapi: nodeResourceGroupProfile = { restrictionLevel = "ReadOnly" }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const level = str(cluster, 'nodeResourceGroupProfile.restrictionLevel');
      if (anyUnknown(context, cluster, [level])) continue;
      if (lower(level) === 'readonly') continue;
      reportAt(
        context,
        cluster,
        level,
        `cluster ${cluster.name} leaves its node resource group writable (restriction level ${level.value ?? 'Unrestricted, the default'})`,
        {
          evidence: { restrictionLevel: level.value ?? 'Unrestricted' },
        },
      );
    }
  },
});
