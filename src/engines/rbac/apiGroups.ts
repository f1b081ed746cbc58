/**
 * What an API group serves, to phrase and rate RBAC rules whose `*` is limited to some groups: a `*` verb or
 * resource on `custom.metrics.k8s.io` is reading metrics, not "every resource of the cluster".
 *
 * Resources of the built-in groups: Kubernetes API reference (v1.33, `kubectl api-resources`); only those that
 * matter for security are named, the list is not exhaustive and says so.
 */

/**
 * Aggregated metrics APIs: their servers implement only get and list (kubernetes-sigs/metrics-server
 * `pkg/api` registers `rest.Getter` + `rest.Lister` storage; kubernetes-sigs/custom-metrics-apiserver
 * `pkg/registry/{custom,external}_metrics` likewise), so every other verb is refused whatever RBAC allows.
 */
const READ_ONLY_GROUPS = new Map<string, string>([
  ['metrics.k8s.io', 'resource metrics of pods and nodes'],
  ['custom.metrics.k8s.io', 'custom metrics'],
  ['external.metrics.k8s.io', 'external metrics'],
]);

const KNOWN_GROUPS = new Map<string, string>([
  [
    '',
    'pods, Secrets, ConfigMaps, Services, ServiceAccounts, namespaces, nodes and the other core resources',
  ],
  ['apps', 'Deployments, StatefulSets, DaemonSets, ReplicaSets'],
  ['batch', 'Jobs, CronJobs'],
  ['rbac.authorization.k8s.io', 'Roles, ClusterRoles and their bindings'],
  ['networking.k8s.io', 'NetworkPolicies, Ingresses, IngressClasses'],
  ['policy', 'PodDisruptionBudgets and pod evictions'],
  ['autoscaling', 'HorizontalPodAutoscalers'],
  ['coordination.k8s.io', 'Leases'],
  ['discovery.k8s.io', 'EndpointSlices'],
  ['events.k8s.io', 'Events'],
  ['storage.k8s.io', 'StorageClasses, CSI drivers, VolumeAttachments'],
  ['admissionregistration.k8s.io', 'admission webhooks and policies'],
  ['apiextensions.k8s.io', 'CustomResourceDefinitions'],
  ['certificates.k8s.io', 'CertificateSigningRequests'],
  ['monitoring.coreos.com', 'Prometheus operator objects (Prometheus, Alertmanager, ServiceMonitors, rules)'],
]);

/** True when the group serves reads only, so verbs other than get, list and watch are never served. */
export function isReadOnlyGroup(group: string): boolean {
  return READ_ONLY_GROUPS.has(group);
}

/**
 * `the core group (pods, Secrets ...)`, `group apps (Deployments ...)`, `group custom.metrics.k8s.io (custom
 * metrics, read-only)`, `group example.com` for a group not known here, `every API group` for `*`.
 */
export function describeGroup(group: string): string {
  if (group === '*') return 'every API group';
  const readOnly = READ_ONLY_GROUPS.get(group);
  if (readOnly !== undefined) return `group ${group} (${readOnly}, read-only)`;
  const known = KNOWN_GROUPS.get(group);
  if (group === '') return `the core group (${known})`;
  return known !== undefined ? `group ${group} (${known})` : `group ${group}`;
}

/** The groups of a rule, described; `every API group` when they include `*`. */
export function describeGroups(groups: readonly string[]): string {
  if (groups.includes('*')) return describeGroup('*');
  return groups.map(describeGroup).join(', ');
}

/** Whether a `*` rule on these groups can write (some group serves more than reads). */
export function groupsServeWrites(groups: readonly string[]): boolean {
  return groups.some((group) => group === '*' || !isReadOnlyGroup(group));
}
