import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, poolBool, poolsOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NODE-08',
  title: 'Node pool without FIPS-validated images (when mandated)',
  description:
    'Workloads under FedRAMP, DoD or similar regimes must run on FIPS 140 validated cryptographic modules. Reported as information by default; set the parameter `required` to false where FIPS is not mandated.',
  severity: 'info',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['AKS docs: enable-fips-nodes'],
  fix: {
    az: 'az aks nodepool add -g RG --cluster-name NAME -n POOL --enable-fips-image (new pool)',
    terraform: 'fips_enabled = true (forces a new pool)',
  },
  params: {
    required: {
      default: true,
      description: 'Report pools without FIPS images (false: FIPS is not mandated).',
    },
  },
  check(context) {
    if (context.params.required === false) return;
    for (const { cluster, pool } of poolsOf(context)) {
      const fips = poolBool(pool, 'enableFIPS');
      if (anyUnknown(context, cluster, [fips], pool)) continue;
      if (fips.value === true) continue;
      reportAt(
        context,
        cluster,
        fips,
        `node pool ${pool.name} of cluster ${cluster.name} does not use FIPS-enabled images`,
        {
          pool,
          evidence: { enableFIPS: fips.value ?? false },
        },
      );
    }
  },
});
