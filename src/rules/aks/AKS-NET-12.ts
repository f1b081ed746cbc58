import ipaddr from 'ipaddr.js';
import { imdsReachable } from '../../engines/netpol/index.js';
import { windowsPools } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER, inputsOf, NETWORK } from '../inputs.js';
import { netpolOfCluster } from '../network/netpolContext.js';
import {
  anyUnknown,
  clustersOf,
  lower,
  manifestsOf,
  manifestsOfKind,
  noManifestsReason,
  notEvaluatedAt,
  reportAt,
  str,
} from './support.js';

const IMDS = ipaddr.parse('169.254.169.254');

/** True when some NetworkPolicy has an egress ipBlock whose `except` covers the IMDS address. */
function policiesBlockImds(policies: { raw: Record<string, unknown> }[]): boolean {
  for (const policy of policies) {
    const egress = (policy.raw.spec as { egress?: unknown } | undefined)?.egress;
    if (!Array.isArray(egress)) continue;
    for (const rule of egress) {
      for (const peer of Array.isArray(rule?.to) ? rule.to : []) {
        const except = peer?.ipBlock?.except;
        if (!Array.isArray(except)) continue;
        for (const cidr of except) {
          try {
            const [network, prefix] = ipaddr.parseCIDR(String(cidr));
            if (network.kind() === 'ipv4' && IMDS.match(network, prefix)) return true;
          } catch {
            // not a CIDR: ignored here, reported by the network-policy rules
          }
        }
      }
    }
  }
  return false;
}

export default defineRule({
  id: 'AKS-NET-12',
  title: 'Pods can reach the Instance Metadata Service (IMDS)',
  description:
    "Any pod can call 169.254.169.254 and obtain tokens of the node's managed identities (kubelet identity, add-on identities) unless IMDS access is restricted: with `networkProfile.podLinkLocalAccess: None` (IMDS restriction, preview) or with egress NetworkPolicies. The workloads of the input are judged by the connectivity engine on the cluster's own policy engine; without workloads, an egress policy must exclude 169.254.169.254/32.",
  severity: 'medium',
  family: 'aks',
  // The connectivity engine decides (netpolOfCluster): it reads what every NP-* rule reads.
  inputs: inputsOf(CLUSTER, NETWORK),
  seed: true,
  refs: ['AKS docs: imds-restriction', 'AKS best practices: restrict access to Instance Metadata API'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-imds-restriction (aks-preview)',
    terraform:
      'no azurerm attribute yet: azapi_update_resource on the cluster with body = { properties = { networkProfile = { podLinkLocalAccess = "None" } } }',
    manifest:
      'egress NetworkPolicy with ipBlock { cidr: 0.0.0.0/0, except: [169.254.169.254/32] } in every namespace',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const policies = manifestsOfKind(context, cluster, 'NetworkPolicy');
      const access = str(cluster, 'networkProfile.podLinkLocalAccess');
      if (anyUnknown(context, cluster, [access])) continue;
      if (lower(access) === 'none') {
        // The IMDS restriction does not apply to Windows nodes (AKS docs: imds-restriction).
        for (const pool of windowsPools(cluster)) {
          reportAt(
            context,
            cluster,
            pool.location,
            `Windows pool ${pool.name} of cluster ${cluster.name}: the IMDS restriction does not cover Windows nodes, their pods can reach 169.254.169.254`,
            {
              pool,
              evidence: { podLinkLocalAccess: 'None', osType: 'Windows' },
            },
          );
        }
        continue;
      }
      if (manifestsOf(context, cluster).length === 0) {
        notEvaluatedAt(
          context,
          cluster,
          access,
          `IMDS access depends on in-cluster NetworkPolicies: ${noManifestsReason(context, 'them')}`,
        );
        continue;
      }
      // The connectivity engine answers for the workloads of the input, with the cluster's engine: when every one of
      // them is held back from IMDS by its egress policies, the control holds for what this cluster runs.
      const analysis = netpolOfCluster(context, cluster);
      if (analysis.workloads.some((workload) => !workload.hostNetwork)) {
        const reachable = imdsReachable(analysis);
        if (reachable.length === 0) continue;
        const names = reachable.map((gap) => `${gap.workload.namespace}/${gap.workload.name}`);
        reportAt(
          context,
          cluster,
          access,
          `${names.length} workload(s) of cluster ${cluster.name} can reach IMDS (169.254.169.254), e.g. ${names.slice(0, 3).join(', ')}: no IMDS restriction and their egress policies allow it`,
          { evidence: { podLinkLocalAccess: access.value ?? 'IMDS', workloads: names } },
        );
        continue;
      }
      if (policiesBlockImds(policies)) continue;
      reportAt(
        context,
        cluster,
        access,
        `pods of cluster ${cluster.name} can reach IMDS (169.254.169.254): no IMDS restriction and no egress NetworkPolicy excluding it`,
        {
          evidence: { podLinkLocalAccess: access.value ?? 'IMDS', networkPolicies: policies.length },
        },
      );
    }
  },
});
