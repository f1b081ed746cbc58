import {
  AZURE_INPUT_NAMES,
  KUBERNETES_KIND_NAMES,
  KUBERNETES_KINDS,
  type KubernetesKind,
  type KubernetesKindInfo,
  type RuleInputs,
} from '../model/inputs.js';
import { workloadKindOf } from '../model/workloadKinds.js';

// The inputs rules declare (DESIGN §4), in the groups the engines read. A test removes each kind in turn from a
// realistic cluster and checks that only the rules declaring it change.

/**
 * Kinds whose objects make pods (model/workloadKinds.ts: the built-in controllers and the workload CRDs, which a
 * live read lists when the cluster serves them): the workload rules read all of them.
 */
export const WORKLOAD_KINDS: readonly KubernetesKind[] = KUBERNETES_KIND_NAMES.filter((name) => {
  const info: KubernetesKindInfo = KUBERNETES_KINDS[name];
  return workloadKindOf(info.kind, info.group) !== undefined;
});

/** Every namespaced kind rules read, the workload CRDs included (listed where the cluster serves them). */
export const NAMESPACED_KINDS: readonly KubernetesKind[] = KUBERNETES_KIND_NAMES.filter(
  (name) => KUBERNETES_KINDS[name].namespaced,
);

export const RBAC_KINDS: readonly KubernetesKind[] = [
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
];

/** A cluster definition's settings (any dialect; live: the managed cluster and its agent pools). */
export const CLUSTER: RuleInputs = { azure: ['ManagedCluster'] };

/** Pod templates judged against the Pod Security level of their namespace (labels of the Namespace objects). */
export const WORKLOADS_IN_NAMESPACES: RuleInputs = { kubernetes: [...WORKLOAD_KINDS, 'Namespace'] };

export const WORKLOADS: RuleInputs = { kubernetes: WORKLOAD_KINDS };

/** The RBAC authorizer's objects. */
export const RBAC: RuleInputs = { kubernetes: RBAC_KINDS };

/**
 * The escalation graph: RBAC plus who runs as which ServiceAccount, token Secrets, and the Pod Security level of
 * namespaces (engines/rbac/fromInventory.ts escalationContextFromInventory).
 */
export const RBAC_ESCALATION: RuleInputs = {
  kubernetes: [...RBAC_KINDS, 'ServiceAccount', 'Secret', 'Namespace', ...WORKLOAD_KINDS],
};

/**
 * The network policy engine (engines/netpol): endpoints, namespaces and every policy kind it applies, the
 * LoadBalancer/NodePort Services whose traffic bypasses ingress policy on Azure NPM (analyze.ts computeLbPorts),
 * the Ingresses of netpol-analyzer's ingress-controller source (ingressController.ts); the engine from the cluster.
 */
export const NETWORK: RuleInputs = {
  kubernetes: [
    ...WORKLOAD_KINDS,
    'Namespace',
    'Service',
    'Ingress',
    'NetworkPolicy',
    'AdminNetworkPolicy',
    'BaselineAdminNetworkPolicy',
  ],
  azure: ['ManagedCluster'],
};

/**
 * Public exposure: LoadBalancer Services, and the application routing add-on's NGINX controllers
 * (model/appRouting.ts), each of which gets a LoadBalancer Service from the add-on.
 */
export const EXPOSURE_KINDS: readonly KubernetesKind[] = ['Service', 'NginxIngressController'];

/** Both lists of inputs. */
export function inputsOf(...parts: RuleInputs[]): RuleInputs {
  const kubernetes = new Set<KubernetesKind>();
  const azure = new Set<NonNullable<RuleInputs['azure']>[number]>();
  for (const part of parts) {
    for (const name of part.kubernetes ?? []) kubernetes.add(name);
    for (const name of part.azure ?? []) azure.add(name);
  }
  const out: RuleInputs = {};
  if (kubernetes.size > 0) out.kubernetes = [...kubernetes];
  if (azure.size > 0) out.azure = [...azure];
  return out;
}

/** What a set of rules reads, kinds in catalogue order: what a live source lists for a scan. */
export function inputsOfRules(rules: readonly { inputs: RuleInputs }[]): RuleInputs {
  const merged = inputsOf(...rules.map((rule) => rule.inputs));
  const out: RuleInputs = {};
  if (merged.kubernetes)
    out.kubernetes = KUBERNETES_KIND_NAMES.filter((name) => merged.kubernetes!.includes(name));
  if (merged.azure) out.azure = AZURE_INPUT_NAMES.filter((name) => merged.azure!.includes(name));
  return out;
}
