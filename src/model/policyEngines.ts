import { type AksCluster, isUnknown, networkDataplane, networkPlugin, windowsPools } from './aksCluster.js';

/**
 * Which network policy engine an AKS cluster can run, from its network plugin, dataplane and node OSes
 * (MicrosoftDocs azure-aks-docs `use-network-policies.md` "Network policy options in AKS" and "Limitations",
 * `azure-cni-powered-by-cilium.md` "Limitations"; ARM `networkProfile.networkPolicy` descriptions):
 * - `azure` (Azure NPM) needs the Azure CNI plugin and the Azure dataplane; on Windows it is preview-only and retires;
 * - `calico` runs with Azure CNI or kubenet on the Azure dataplane, and covers Windows nodes with Azure CNI only;
 * - `cilium` is the Cilium dataplane itself (`networkDataplane: cilium`), Linux nodes only;
 * - bring-your-own CNI (`networkPlugin: none`) takes no AKS engine: the CNI installed enforces, or nothing does.
 */
export type PolicyEngine = 'azure' | 'calico' | 'cilium';

export interface NetworkFacts {
  plugin: string;
  dataplane: string;
  windows: boolean;
}

/** Why `engine` cannot enforce on a cluster with these facts, or undefined when it can. */
export function engineIncompatibility(engine: PolicyEngine, facts: NetworkFacts): string | undefined {
  if (facts.plugin === 'none') return 'a bring-your-own CNI cluster takes no AKS network policy engine';
  if (engine === 'cilium') {
    if (facts.dataplane !== 'cilium') return 'Cilium network policy needs the Cilium dataplane';
    if (facts.windows) return 'Cilium does not enforce network policy on Windows nodes';
    return undefined;
  }
  if (facts.dataplane === 'cilium') return `${engine} cannot run on the Cilium dataplane`;
  if (engine === 'azure') {
    if (facts.plugin !== 'azure') return 'Azure NPM needs the Azure CNI plugin';
    if (facts.windows) return 'Azure NPM on Windows is preview-only and retires on 2026-09-30';
    return undefined;
  }
  if (facts.windows && facts.plugin !== 'azure') return 'Calico covers Windows nodes only with Azure CNI';
  return undefined;
}

/** The facts of a cluster, or undefined when one of them is unknown. */
export function networkFacts(cluster: AksCluster): NetworkFacts | undefined {
  const plugin = networkPlugin(cluster).value;
  const dataplane = networkDataplane(cluster).value;
  if (isUnknown(plugin) || isUnknown(dataplane) || plugin === undefined || dataplane === undefined)
    return undefined;
  return { plugin, dataplane, windows: windowsPools(cluster).length > 0 };
}

export interface EngineAdvice {
  /** The engine to turn on, when one fits the cluster as it is. */
  engine?: PolicyEngine;
  /** What to do instead, when no engine fits without rebuilding (a sentence). */
  manual?: string;
}

/**
 * The engine to recommend for a cluster that needs one: the Cilium dataplane enforces by itself; otherwise Calico,
 * the one engine that fits both Azure CNI and kubenet and covers Windows nodes (with Azure CNI). When the
 * cluster cannot take an AKS engine for all its nodes, the advice is a manual change, never an engine that would
 * be rejected.
 */
export function recommendedEngine(facts: NetworkFacts): EngineAdvice {
  if (facts.plugin === 'none')
    return {
      manual:
        'the cluster brings its own CNI (networkPlugin none): enforce NetworkPolicy with that CNI (for example Cilium or Calico installed by you); AKS cannot turn an engine on',
    };
  if (facts.dataplane === 'cilium') {
    if (facts.windows)
      return {
        manual:
          'Cilium enforces nothing on Windows nodes and no other engine runs on the Cilium dataplane: run Windows workloads on a cluster with Azure CNI and Calico',
      };
    return { engine: 'cilium' };
  }
  for (const engine of ['calico', 'azure'] as const)
    if (engineIncompatibility(engine, facts) === undefined) return { engine };
  return {
    manual:
      'no AKS engine covers Windows nodes on kubenet: move the Windows pools to a cluster with Azure CNI and Calico',
  };
}

/** What to change so NetworkPolicy is enforced on every node of the cluster. */
export type EngineChange =
  /** Turn on (or switch to) this engine (`--network-policy`, `network_policy`). */
  | { kind: 'policy'; engine: PolicyEngine }
  /** Cilium policy was written without the Cilium dataplane: move the dataplane (`--network-dataplane cilium`). */
  | { kind: 'dataplane' }
  /** No engine fits the cluster as it is. */
  | { kind: 'manual'; text: string };

/**
 * The change for a cluster whose engine is `current` (`none` when it has none), or undefined when its network
 * settings are unknown. Never an engine that `engineIncompatibility` rejects for the cluster.
 */
export function engineChange(cluster: AksCluster, current: string): EngineChange | undefined {
  const facts = networkFacts(cluster);
  if (!facts) return undefined;
  if (current === 'cilium' && facts.dataplane !== 'cilium' && facts.plugin === 'azure' && !facts.windows)
    return { kind: 'dataplane' };
  const advice = recommendedEngine(facts);
  if (!advice.engine) return { kind: 'manual', text: advice.manual ?? 'no engine fits the cluster' };
  if (advice.engine === current)
    return { kind: 'manual', text: `${current} does not cover every node pool of the cluster` };
  return { kind: 'policy', engine: advice.engine };
}

/** The change as a finding's fix text (az and Terraform). */
export function engineChangeText(change: EngineChange | undefined): string | undefined {
  if (!change) return undefined;
  switch (change.kind) {
    case 'policy':
      return `az: az aks update -g RG -n NAME --network-policy ${change.engine}\nterraform: network_profile { network_policy = "${change.engine}" }`;
    case 'dataplane':
      return 'az: az aks update -g RG -n NAME --network-dataplane cilium\nterraform: network_profile { network_data_plane = "cilium" }';
    case 'manual':
      return change.text;
  }
}
