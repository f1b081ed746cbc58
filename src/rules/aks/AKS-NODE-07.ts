import { poolOsType } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, poolBool, poolsOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-NODE-07',
  title: 'Node pool without Trusted Launch',
  description:
    'Trusted Launch (Secure Boot and vTPM) verifies the boot chain of the node VM, defending against boot kits and rootkits, and enables boot integrity monitoring. It is off by default; it exists for Linux node pools (Windows pools are not judged).',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['AKS docs: use-trusted-launch'],
  fix: {
    az: 'az aks nodepool update -g RG --cluster-name NAME -n POOL --enable-secure-boot --enable-vtpm',
    terraform: 'azapi: securityProfile = { enableSecureBoot = true, enableVTPM = true } on the agent pool',
  },
  check(context) {
    for (const { cluster, pool } of poolsOf(context)) {
      // Trusted Launch is offered for Linux Gen2 node images only.
      const os = poolOsType(pool);
      if (anyUnknown(context, cluster, [os], pool) || os.value === 'windows') continue;
      const secureBoot = poolBool(pool, 'securityProfile.enableSecureBoot');
      const vtpm = poolBool(pool, 'securityProfile.enableVTPM');
      if (anyUnknown(context, cluster, [secureBoot, vtpm], pool)) continue;
      if (secureBoot.value === true && vtpm.value === true) continue;
      const missing = [
        secureBoot.value === true ? '' : 'Secure Boot',
        vtpm.value === true ? '' : 'vTPM',
      ].filter(Boolean);
      reportAt(
        context,
        cluster,
        secureBoot.present ? secureBoot : vtpm,
        `node pool ${pool.name} of cluster ${cluster.name} runs without ${missing.join(' and ')}`,
        {
          pool,
          evidence: { enableSecureBoot: secureBoot.value ?? false, enableVTPM: vtpm.value ?? false },
        },
      );
    }
  },
});
