import { ownValue } from '../../model/json.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, poolStr, poolsOf, reportAt } from './support.js';

/** Retired node operating systems and pool types (AKS retirement notices). */
const RETIRED_SKUS: Record<string, string> = {
  windows2019: 'Windows Server 2019 (unsupported since 2026-03-01)',
  cblmariner: 'Azure Linux 2.0 (CBL-Mariner, unsupported since 2025-11-30)',
};
const RETIRED_IMAGES: [RegExp, string][] = [
  [/^AKSUbuntu-1804/i, 'Ubuntu 18.04 (end of life)'],
  [/^AKSUbuntu-2004/i, 'Ubuntu 20.04 (AKS support ends 2027-03-17)'],
  [/^AKSCBLMariner-V2|^AKSCBLMariner-/i, 'Azure Linux 2.0 (unsupported since 2025-11-30)'],
  [/^AKSWindows-2019/i, 'Windows Server 2019 (unsupported since 2026-03-01)'],
];

export default defineRule({
  id: 'AKS-NODE-06',
  title: 'Node pool on a retired OS or pool type',
  description:
    'Node images of retired operating systems (Ubuntu 18.04/20.04, Azure Linux 2.0, Windows Server 2019) receive no security patches, and Availability Set pools are retired. Move to a supported OS SKU (Ubuntu 22.04/24.04, Azure Linux 3, Windows Server 2022/2025) on Virtual Machine Scale Sets.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['AKS docs: retirement notices'],
  fix: {
    az: 'az aks nodepool add -g RG --cluster-name NAME -n POOL --os-sku AzureLinux|Ubuntu2204|Windows2022, drain and delete the old pool',
    terraform: 'os_sku = "AzureLinux" (or "Ubuntu", "Windows2022"); type = "VirtualMachineScaleSets"',
  },
  check(context) {
    for (const { cluster, pool } of poolsOf(context)) {
      const sku = poolStr(pool, 'osSKU');
      const image = poolStr(pool, 'nodeImageVersion');
      const type = poolStr(pool, 'type');
      if (anyUnknown(context, cluster, [sku, image, type], pool)) continue;
      const problems: { where: typeof sku; what: string }[] = [];
      const retiredSku =
        typeof sku.value === 'string' ? ownValue(RETIRED_SKUS, sku.value.toLowerCase()) : undefined;
      if (retiredSku) problems.push({ where: sku, what: retiredSku });
      else if (typeof image.value === 'string') {
        const hit = RETIRED_IMAGES.find(([pattern]) => pattern.test(image.value as string));
        if (hit) problems.push({ where: image, what: hit[1] });
      }
      if (typeof type.value === 'string' && type.value.toLowerCase() === 'availabilityset') {
        problems.push({ where: type, what: 'an Availability Set pool (retired 2025-09-30)' });
      }
      for (const problem of problems) {
        reportAt(
          context,
          cluster,
          problem.where,
          `node pool ${pool.name} of cluster ${cluster.name} runs ${problem.what}`,
          {
            pool,
            key: problem.what,
            evidence: {
              osSKU: sku.value ?? null,
              nodeImageVersion: image.value ?? null,
              type: type.value ?? null,
            },
          },
        );
      }
    }
  },
});
