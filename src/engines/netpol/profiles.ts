/**
 * Engine profiles: the points where AKS's network-policy engines disagree, as switches
 * (research/netpol.md §4.4; MicrosoftDocs azure-aks-docs migrate-from-npm-to-cilium-network-policy.md,
 * use-network-policies.md), plus a profile reproducing netpol-analyzer's documented choices.
 */

import { type AksCluster, isUnknown, networkDataplane, networkPolicyEngine } from '../../model/aksCluster.js';
import { isJsonObject as isRecord } from '../../model/json.js';

export type EngineName = 'spec' | 'azure' | 'calico' | 'cilium' | 'none' | 'netpol-analyzer';
export type EngineChoice = EngineName | 'auto';

export const ENGINE_NAMES: readonly EngineName[] = [
  'spec',
  'azure',
  'calico',
  'cilium',
  'none',
  'netpol-analyzer',
];

export interface EngineProfile {
  name: EngineName;
  /** Policies are enforced at all (`none`: objects exist but no engine enforces them). */
  enforced: boolean;
  /** An ipBlock matches pod IPs (NPM yes, Cilium no, netpol-analyzer no). */
  ipBlockMatchesPods: boolean;
  /** An ipBlock matches node IPs, so host-network pods. */
  ipBlockMatchesNodes: boolean;
  /** Host-network pods are node traffic: not selected by pod/namespace selectors, not policy subjects. */
  hostNetworkIsNode: boolean;
  /** Egress from a pod to its own node is allowed without a rule (NPM yes, Cilium no). */
  implicitEgressToOwnNode: boolean;
  /** Ingress from the pod's own node (kubelet probes, host-network pods) is always allowed. */
  ingressFromOwnNode: boolean;
  /** Ingress through a LoadBalancer/NodePort Service with externalTrafficPolicy=Cluster bypasses ingress policy (NPM). */
  lbIngressBypassesPolicy: boolean;
  /** endPort is honoured; otherwise only `port` is enforced (Kubernetes docs, "Targeting a range of ports"). */
  supportsEndPort: boolean;
  /** Policies apply to Windows pods. */
  windowsEnforced: boolean;
  /** Split the IP space also at the named special blocks (IMDS, Azure wireserver, API server). */
  namedExternals: boolean;
  /**
   * AdminNetworkPolicy/BaselineAdminNetworkPolicy (v1alpha1) are enforced. No source establishes them
   * on AKS's engines (research/netpol.md §4.2), so only `spec` and `netpol-analyzer` apply them.
   */
  adminNetworkPolicies: boolean;
  /** Ingress/Route objects make a virtual `{ingress-controller}` source (netpol-analyzer only). */
  ingressControllerSource: boolean;
}

const BASE: Omit<EngineProfile, 'name'> = {
  enforced: true,
  ipBlockMatchesPods: true,
  ipBlockMatchesNodes: true,
  hostNetworkIsNode: true,
  implicitEgressToOwnNode: true,
  ingressFromOwnNode: true,
  lbIngressBypassesPolicy: false,
  supportsEndPort: true,
  windowsEnforced: true,
  namedExternals: true,
  adminNetworkPolicies: false,
  ingressControllerSource: false,
};

export interface ProfileOptions {
  /** Kubernetes version of the cluster (`1.31`, `v1.32.4`); Cilium honours endPort from 1.17, shipped with AKS 1.32. */
  k8sVersion?: string;
}

const UNKNOWN = '\u0000unknown';

function minorOf(version: string | undefined): number | undefined {
  const match = version ? /^v?1\.(\d+)/.exec(version) : null;
  return match ? Number(match[1]) : undefined;
}

export function engineProfile(name: EngineName, options: ProfileOptions = {}): EngineProfile {
  switch (name) {
    case 'spec':
      return { name, ...BASE, adminNetworkPolicies: true };
    case 'azure':
      return { name, ...BASE, lbIngressBypassesPolicy: true };
    case 'calico':
      return { name, ...BASE };
    case 'cilium': {
      const minor = minorOf(options.k8sVersion);
      return {
        name,
        ...BASE,
        ipBlockMatchesPods: false,
        ipBlockMatchesNodes: false,
        implicitEgressToOwnNode: false,
        supportsEndPort: minor === undefined || minor >= 32,
        windowsEnforced: false,
      };
    }
    case 'none':
      return { name, ...BASE, enforced: false };
    case 'netpol-analyzer':
      return {
        name,
        ...BASE,
        ipBlockMatchesPods: false,
        ipBlockMatchesNodes: false,
        hostNetworkIsNode: false,
        implicitEgressToOwnNode: false,
        ingressFromOwnNode: false,
        namedExternals: false,
        adminNetworkPolicies: true,
        ingressControllerSource: true,
      };
  }
}

/** Reads a field that may be plain, a `Sourced` `{ value }`, or nested under networkProfile/properties. */
function readField(cluster: unknown, names: readonly string[]): string | undefined {
  if (!isRecord(cluster)) return undefined;
  const holders: unknown[] = [
    cluster,
    cluster.networkProfile,
    cluster.network,
    isRecord(cluster.properties) ? cluster.properties.networkProfile : undefined,
  ];
  for (const holder of holders) {
    if (!isRecord(holder)) continue;
    for (const name of names) {
      let value = holder[name];
      if (isRecord(value) && 'value' in value) value = value.value;
      if (typeof value === 'string') return value;
      if (isRecord(value) && value.unknown === true) return UNKNOWN;
    }
  }
  return undefined;
}

export interface AutoChoice {
  engine: EngineName;
  why: string;
}

/** The loader's AKS cluster model (`fields` tree): its typed accessors, with the platform defaults. */
function fromClusterModel(cluster: unknown): { policy?: string; dataplane?: string } | undefined {
  if (!isRecord(cluster) || !isRecord(cluster.fields) || typeof cluster.fields.kind !== 'string')
    return undefined;
  const model = cluster as unknown as AksCluster;
  const read = (field: { value: unknown }) =>
    isUnknown(field.value) ? UNKNOWN : (field.value as string | undefined);
  const out: { policy?: string; dataplane?: string } = {};
  const policy = read(networkPolicyEngine(model));
  const dataplane = read(networkDataplane(model));
  if (policy !== undefined) out.policy = policy;
  if (dataplane !== undefined) out.dataplane = dataplane;
  return out;
}

/** `auto`: the cluster's networkPolicy / networkDataplane when a cluster definition is present, else `spec`. */
export function resolveEngine(choice: EngineChoice, cluster: unknown): AutoChoice {
  if (choice !== 'auto') return { engine: choice, why: `--engine ${choice}` };
  if (cluster === undefined)
    return { engine: 'spec', why: 'no cluster definition: Kubernetes API semantics' };
  const model = fromClusterModel(cluster);
  const dataplane = model
    ? model.dataplane
    : readField(cluster, ['networkDataplane', 'network_data_plane', 'dataplane']);
  const policy = model ? model.policy : readField(cluster, ['networkPolicy', 'network_policy']);
  if (dataplane === UNKNOWN || policy === UNKNOWN) {
    return { engine: 'spec', why: 'the cluster network policy engine is unknown: Kubernetes API semantics' };
  }
  if (dataplane?.toLowerCase() === 'cilium' || policy?.toLowerCase() === 'cilium') {
    return { engine: 'cilium', why: 'cluster networkDataplane/networkPolicy is cilium' };
  }
  if (policy?.toLowerCase() === 'azure')
    return { engine: 'azure', why: 'cluster networkPolicy is azure (NPM)' };
  if (policy?.toLowerCase() === 'calico') return { engine: 'calico', why: 'cluster networkPolicy is calico' };
  if (policy === undefined || policy.toLowerCase() === 'none') {
    return { engine: 'none', why: 'cluster has no network policy engine (networkPolicy none)' };
  }
  return { engine: 'spec', why: `unrecognised networkPolicy "${policy}": Kubernetes API semantics` };
}
