import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, poolStr, poolsOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NODE-05',
  title: 'SSH access to nodes enabled',
  description:
    'SSH is enabled on nodes by default (`sshAccess: LocalUser`): anyone with the key, or who can reset it through the VM scale set, gets a root shell on the node. `Disabled` (API 2025-08-01) removes the path; node debugging remains possible with `kubectl debug node/...`. azurerm has no attribute for it (use azapi).',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['Azure Policy 28257686'],
  fix: {
    az: 'az aks nodepool update -g RG --cluster-name NAME -n POOL --ssh-access disabled (re-images the pool)',
    terraform:
      'azapi_update_resource on the agent pool: body = { properties = { securityProfile = { sshAccess = "Disabled" } } }',
  },
  check(context) {
    for (const { cluster, pool } of poolsOf(context)) {
      const access = poolStr(pool, 'securityProfile.sshAccess');
      if (anyUnknown(context, cluster, [access], pool)) continue;
      if (typeof access.value === 'string' && access.value.toLowerCase() === 'disabled') continue;
      reportAt(
        context,
        cluster,
        access,
        `node pool ${pool.name} of cluster ${cluster.name} allows SSH to its nodes (sshAccess ${access.value ?? 'LocalUser, the default'})`,
        {
          pool,
          evidence: { sshAccess: access.value ?? 'LocalUser', defaulted: access.value === undefined },
        },
      );
    }
  },
});
