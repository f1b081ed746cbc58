/**
 * What rules read (DESIGN §4): the Kubernetes kinds and the Azure resources. Each rule declares its inputs; a live
 * collector lists exactly the union of the enabled rules' inputs, and a rule whose inputs were not fully read is
 * not evaluated, with the reason, never passed.
 */

/** A Kubernetes kind as the API serves it: the list path is `/api(s)/<group>/<version>/[namespaces/NS/]<resource>`. */
export interface KubernetesKindInfo {
  kind: string;
  /** `''` for the core group. */
  group: string;
  version: string;
  /** The plural resource name of the list URL. */
  resource: string;
  namespaced: boolean;
  /**
   * Served only when a CRD or an optional API is installed: discovery says whether the group/version is served, and
   * a kind the server does not serve has no objects (nothing unread), unlike a 404 on a served kind.
   */
  optional?: boolean;
}

function kind(
  name: string,
  group: string,
  version: string,
  resource: string,
  namespaced: boolean,
  optional = false,
): KubernetesKindInfo {
  return { kind: name, group, version, resource, namespaced, ...(optional ? { optional } : {}) };
}

/** Every Kubernetes kind a rule may read, with how to list it (the preferred served versions, Kubernetes 1.29+). */
export const KUBERNETES_KINDS = {
  Namespace: kind('Namespace', '', 'v1', 'namespaces', false),
  Pod: kind('Pod', '', 'v1', 'pods', true),
  PodTemplate: kind('PodTemplate', '', 'v1', 'podtemplates', true),
  ReplicationController: kind('ReplicationController', '', 'v1', 'replicationcontrollers', true),
  Service: kind('Service', '', 'v1', 'services', true),
  ServiceAccount: kind('ServiceAccount', '', 'v1', 'serviceaccounts', true),
  Secret: kind('Secret', '', 'v1', 'secrets', true),
  ConfigMap: kind('ConfigMap', '', 'v1', 'configmaps', true),
  Deployment: kind('Deployment', 'apps', 'v1', 'deployments', true),
  StatefulSet: kind('StatefulSet', 'apps', 'v1', 'statefulsets', true),
  DaemonSet: kind('DaemonSet', 'apps', 'v1', 'daemonsets', true),
  ReplicaSet: kind('ReplicaSet', 'apps', 'v1', 'replicasets', true),
  Job: kind('Job', 'batch', 'v1', 'jobs', true),
  CronJob: kind('CronJob', 'batch', 'v1', 'cronjobs', true),
  NetworkPolicy: kind('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', true),
  Ingress: kind('Ingress', 'networking.k8s.io', 'v1', 'ingresses', true),
  Role: kind('Role', 'rbac.authorization.k8s.io', 'v1', 'roles', true),
  ClusterRole: kind('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  RoleBinding: kind('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', true),
  ClusterRoleBinding: kind(
    'ClusterRoleBinding',
    'rbac.authorization.k8s.io',
    'v1',
    'clusterrolebindings',
    false,
  ),
  // sigs.k8s.io/network-policy-api CRDs: installed by some CNIs only.
  AdminNetworkPolicy: kind(
    'AdminNetworkPolicy',
    'policy.networking.k8s.io',
    'v1alpha1',
    'adminnetworkpolicies',
    false,
    true,
  ),
  BaselineAdminNetworkPolicy: kind(
    'BaselineAdminNetworkPolicy',
    'policy.networking.k8s.io',
    'v1alpha1',
    'baselineadminnetworkpolicies',
    false,
    true,
  ),
  // Workload CRDs whose operators create pods (model/workloadKinds.ts), group/version/resource as their upstream
  // CRDs serve them: argoproj/argo-rollouts manifests/crds/rollout-crd.yaml, openkruise/kruise
  // config/crd/bases/apps.kruise.io_clonesets.yaml, kedacore/keda config/crd/bases/keda.sh_scaledjobs.yaml,
  // prometheus-operator example/prometheus-operator-crd/monitoring.coreos.com_{prometheuses,alertmanagers,
  // thanosrulers}.yaml (storage version v1). All namespaced.
  Rollout: kind('Rollout', 'argoproj.io', 'v1alpha1', 'rollouts', true, true),
  CloneSet: kind('CloneSet', 'apps.kruise.io', 'v1alpha1', 'clonesets', true, true),
  ScaledJob: kind('ScaledJob', 'keda.sh', 'v1alpha1', 'scaledjobs', true, true),
  Prometheus: kind('Prometheus', 'monitoring.coreos.com', 'v1', 'prometheuses', true, true),
  Alertmanager: kind('Alertmanager', 'monitoring.coreos.com', 'v1', 'alertmanagers', true, true),
  ThanosRuler: kind('ThanosRuler', 'monitoring.coreos.com', 'v1', 'thanosrulers', true, true),
  // The application routing add-on's controllers (model/appRouting.ts): Azure/aks-app-routing-operator
  // config/crd/bases/approuting.kubernetes.azure.com_nginxingresscontrollers.yaml, v1alpha1, scope Cluster.
  NginxIngressController: kind(
    'NginxIngressController',
    'approuting.kubernetes.azure.com',
    'v1alpha1',
    'nginxingresscontrollers',
    false,
    true,
  ),
} as const satisfies Record<string, KubernetesKindInfo>;

export type KubernetesKind = keyof typeof KUBERNETES_KINDS;

export const KUBERNETES_KIND_NAMES = Object.keys(KUBERNETES_KINDS) as KubernetesKind[];

/** Azure resources read beside the managed cluster (ARM type, as the API names it). */
export const AZURE_INPUTS = {
  /** The managed cluster and its agent pools. */
  ManagedCluster: 'Microsoft.ContainerService/managedClusters',
  DiagnosticSettings: 'Microsoft.Insights/diagnosticSettings',
  MaintenanceConfigurations: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
  /** Role assignments at the cluster's scope (inherited included) and of the kubelet identity. */
  RoleAssignments: 'Microsoft.Authorization/roleAssignments',
} as const;

export type AzureInput = keyof typeof AZURE_INPUTS;

export const AZURE_INPUT_NAMES = Object.keys(AZURE_INPUTS) as AzureInput[];

export interface RuleInputs {
  kubernetes?: readonly KubernetesKind[];
  azure?: readonly AzureInput[];
}

export function isKubernetesKind(name: string): name is KubernetesKind {
  return Object.hasOwn(KUBERNETES_KINDS, name);
}

/** `Deployment` → `deployments.apps`, as kubectl names resources. */
export function resourceName(info: KubernetesKindInfo): string {
  return info.group === '' ? info.resource : `${info.resource}.${info.group}`;
}

/** The input an unreadable coverage entry stands for, or undefined for something rules do not read. */
export function inputOfUnreadable(entry: { kind: string; group?: string }): string | undefined {
  if (isKubernetesKind(entry.kind)) {
    const info: KubernetesKindInfo = KUBERNETES_KINDS[entry.kind];
    if ((entry.group ?? '') === info.group) return `kubernetes:${entry.kind}`;
    return undefined;
  }
  for (const name of AZURE_INPUT_NAMES)
    if (AZURE_INPUTS[name].toLowerCase() === entry.kind.toLowerCase()) return `azure:${name}`;
  return undefined;
}

/** The inputs of a rule as `kubernetes:Kind` / `azure:Name` keys, for matching coverage entries. */
export function inputKeys(inputs: RuleInputs): string[] {
  return [
    ...(inputs.kubernetes ?? []).map((name) => `kubernetes:${name}`),
    ...(inputs.azure ?? []).map((name) => `azure:${name}`),
  ];
}
