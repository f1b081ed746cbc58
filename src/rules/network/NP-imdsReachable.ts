import { clusterRestrictsImds, imdsReachable } from '../../engines/netpol/index.js';
import { clusterOfAllObjects } from '../../model/scope.js';
import { defineRule } from '../defineRule.js';
import { NETWORK } from '../inputs.js';
import { netpolOf, podSpecPath, workloadLabel } from './netpolContext.js';

export default defineRule({
  id: 'NP-imdsReachable',
  title: 'Pods can reach the Azure instance metadata endpoint',
  description:
    'Any pod that can reach 169.254.169.254 can ask IMDS for tokens of the node’s managed identities (kubelet identity, add-on identities) and act on Azure with them. Block it with an egress policy correct for the cluster’s engine, or enable the AKS IMDS restriction (`--enable-imds-restriction`), which blocks non-host-network pods at the platform. Host-network pods are left out: policies do not apply to them and the restriction keeps their access.',
  severity: 'high',
  family: 'network',
  inputs: NETWORK,
  seed: true,
  refs: [
    'AKS: Restrict access to Instance Metadata API',
    'AKS IMDS restriction (preview)',
    'MITRE ATT&CK T1552.005',
  ],
  fix: {
    az: 'az aks update -g <rg> -n <cluster> --enable-imds-restriction',
    manifest:
      'Per namespace, egress only to what the pods need (e.g. `aksguard fix netpol` output). On NPM/Calico: an egress rule to `ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}`; on Cilium that rule does not cover pods, so add pod/namespace selector rules for in-cluster peers.',
  },
  check(context) {
    if (clusterRestrictsImds(clusterOfAllObjects(context.inventory)) === true) return;
    for (const gap of imdsReachable(netpolOf(context))) {
      const object = gap.workload.objects[0]!;
      context.report({
        object,
        path: podSpecPath(object),
        key: String(gap.workload.variant),
        message: `${workloadLabel(gap.workload)} can reach IMDS 169.254.169.254 (${gap.connections}) and request the node’s managed identity tokens`,
        evidence: { connections: gap.connections },
      });
    }
  },
});
