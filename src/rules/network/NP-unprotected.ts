import { unprotectedWorkloads } from '../../engines/netpol/index.js';
import { defineRule } from '../defineRule.js';
import { NETWORK } from '../inputs.js';
import { netpolOf, workloadLabel } from './netpolContext.js';

export default defineRule({
  id: 'NP-unprotected',
  title: 'Workload selected by no NetworkPolicy',
  description:
    'A pod that no NetworkPolicy selects for a direction is not isolated in that direction: for Ingress any pod in the cluster and any address that can route to it may connect; for Egress it may reach anything. Host-network pods are left out (their traffic is node traffic). On engines that do not enforce policies for some pods (Windows pods on Cilium, or no engine at all) the workload is reported even when a policy selects it.',
  severity: 'medium',
  family: 'network',
  inputs: NETWORK,
  refs: ['netpol-analyzer: workloads not protected by network policies', 'CIS Kubernetes 5.3.2'],
  fix: {
    manifest:
      'Add a default-deny policy to the namespace (podSelector: {}) and allow policies for the workload’s intended flows; `aksguard fix netpol` generates both.',
  },
  check(context) {
    for (const gap of unprotectedWorkloads(netpolOf(context))) {
      const object = gap.workload.objects[0]!;
      context.report({
        object,
        key: `${gap.direction}/${gap.workload.variant}`,
        severity: gap.direction === 'Ingress' ? 'medium' : 'low',
        message: `${workloadLabel(gap.workload)} is not protected for ${gap.direction}: ${
          gap.note ?? 'no NetworkPolicy selects it'
        }, so ${gap.direction === 'Ingress' ? 'any pod or address may connect to it' : 'it may connect to any pod or address'}`,
        evidence: { direction: gap.direction, ...(gap.note ? { note: gap.note } : {}) },
      });
    }
  },
});
