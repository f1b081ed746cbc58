import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, clustersOf, lower, poolStr, reportAt, str } from './support.js';

function minor(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function older(version: [number, number], minimum: [number, number]): boolean {
  return version[0] < minimum[0] || (version[0] === minimum[0] && version[1] < minimum[1]);
}

export default defineRule({
  id: 'AKS-NODE-04',
  title: 'Unsupported Kubernetes version',
  description:
    'AKS supports the three latest minor versions (plus long-term support on the Premium tier); older versions get no security fixes. The minimum is a parameter, since the supported window moves every few months (`az aks get-versions`).',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['PSRule Azure.AKS.Version', 'PSRule Azure.AKS.PoolVersion', 'Azure Policy fb893a29'],
  fix: {
    az: 'az aks upgrade -g RG -n NAME --kubernetes-version VERSION',
    terraform: 'kubernetes_version = "<supported version>" (and orchestrator_version on node pools)',
  },
  params: {
    minimumVersion: {
      default: '1.33',
      description: 'Oldest Kubernetes minor version in standard support.',
      schema: { type: 'string', pattern: '^1\\.[0-9]+$', title: 'a minor version like 1.33' },
    },
    minimumLtsVersion: {
      default: '1.30',
      schema: { type: 'string', pattern: '^1\\.[0-9]+$', title: 'a minor version like 1.30' },
      description: 'Oldest minor version with AKS long-term support (supportPlan AKSLongTermSupport).',
    },
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const plan = str(cluster, 'supportPlan');
      const version = str(cluster, 'kubernetesVersion');
      if (anyUnknown(context, cluster, [plan])) continue;
      const lts = lower(plan) === 'akslongtermsupport';
      const minimum = minor(String(lts ? context.params.minimumLtsVersion : context.params.minimumVersion))!;
      const judge = (field: typeof version, what: string, pool?: (typeof cluster.pools)[number]) => {
        if (anyUnknown(context, cluster, [field], pool)) return;
        if (typeof field.value !== 'string') return;
        const parsed = minor(field.value);
        if (!parsed || !older(parsed, minimum)) return;
        reportAt(
          context,
          cluster,
          field,
          `${what} runs Kubernetes ${field.value}, older than the supported ${minimum.join('.')}${lts ? ' (long-term support)' : ''}`,
          {
            ...(pool ? { pool } : {}),
            evidence: {
              version: field.value,
              minimum: minimum.join('.'),
              supportPlan: plan.value ?? 'KubernetesOfficial',
            },
          },
        );
      };
      judge(version, `cluster ${cluster.name}`);
      for (const pool of cluster.pools)
        judge(
          poolStr(pool, 'orchestratorVersion'),
          `node pool ${pool.name} of cluster ${cluster.name}`,
          pool,
        );
    }
  },
});
