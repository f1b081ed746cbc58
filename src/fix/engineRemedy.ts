import type { AksCluster } from '../model/aksCluster.js';
import type { Finding } from '../model/finding.js';
import { engineChange } from '../model/policyEngines.js';
import type { Remedy } from './aksRemedies.js';

/** Rules whose fix is a network policy engine, which must be one the cluster can run. */
export const ENGINE_RULES = new Set(['AKS-NET-05', 'AKS-NET-06', 'X-NET-policiesNotEnforced']);

/**
 * The remedy of an engine finding for this cluster: an engine compatible with its plugin, dataplane and node OSes
 * (`engineChange`, model/policyEngines.ts), or a manual change when none is. Undefined for other rules.
 */
export function engineRemedy(finding: Finding, cluster: AksCluster): Remedy | undefined {
  if (!ENGINE_RULES.has(finding.ruleId)) return undefined;
  const written = finding.evidence?.networkPolicy;
  const current = typeof written === 'string' ? written : 'none';
  const change = engineChange(cluster, current);
  if (!change) return { terraform: [], impact: 'manual', note: 'the cluster network settings are unknown' };
  if (change.kind === 'manual') return { terraform: [], impact: 'manual', note: change.text };
  if (change.kind === 'dataplane')
    return {
      updateAlone: ['--network-dataplane cilium'],
      terraform: [
        {
          scope: 'cluster',
          attribute: 'network_profile.network_data_plane',
          value: '"cilium"',
          arm: { path: 'networkProfile.networkDataplane', value: 'cilium' },
        },
      ],
      impact: 'reimage',
      note: 'Cilium network policy is the Cilium dataplane: moving Azure CNI to it re-images every node pool',
    };
  const { engine } = change;
  return {
    updateAlone: [`--network-policy ${engine}`],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'network_profile.network_policy',
        value: JSON.stringify(engine),
        arm: { path: 'networkProfile.networkPolicy', value: engine },
      },
    ],
    impact: current === 'none' ? 'reimage' : 'manual',
    note:
      current === 'none'
        ? 'enabling a network policy engine on an existing cluster re-images every node pool'
        : `switching from ${current} to ${engine} changes the engine of every pool: plan it as a migration or a new cluster`,
  };
}
