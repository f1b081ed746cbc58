import { isJsonObject, type JsonObject } from './json.js';
import type { PathSegment } from './source.js';

/**
 * Every kind whose objects make pods, in one place: the built-in controllers and the well-known CRDs whose
 * operators create pods (PSS, hardening, netpol and RBAC all read workloads through `workloadPod`). Flux and
 * Argo CD objects create no pods themselves (they apply manifests), so they are not here.
 */

/** The pods of an operator CR: the CR's `spec` holds the pod fields, the operator adds its container and labels. */
interface OperatorPods {
  /** The container the operator generates, hardened as the operator writes it. */
  container: { name: string; ports: { name: string; containerPort: number }[]; probes: boolean };
  /** Labels the operator puts on every pod, over `spec.podMetadata.labels`. */
  labels: (name: string) => Record<string, string>;
}

export interface WorkloadKind {
  kind: string;
  /** API group; undefined: the kind in any group (the built-in controllers, also when served by extensions/v1beta1). */
  group?: string;
  /** Path of the pod template (`metadata` + `spec`), or the operator's way of making pods. */
  pods: readonly string[] | OperatorPods;
  /** Where the shape comes from. */
  source: string;
  /** Its pods run to completion (Jobs): liveness and readiness probes do not apply. */
  runToCompletion?: boolean;
}

const K8S = 'Kubernetes API reference (workloads-resources)';

/** prometheus-operator: container hardening of pkg/{prometheus/server,alertmanager,thanos}/statefulset.go. */
const OPERATOR_SOURCE =
  'prometheus-operator pkg/{prometheus/server,alertmanager,thanos}: makeSelectorLabels, statefulset.go (pod labels = spec.podMetadata.labels, then the selector labels; main container read-only root filesystem, no privilege escalation, all capabilities dropped)';
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'prometheus-operator' };

export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  { kind: 'Pod', pods: [], source: K8S },
  { kind: 'PodTemplate', pods: ['template'], source: K8S },
  { kind: 'Deployment', pods: ['spec', 'template'], source: K8S },
  { kind: 'StatefulSet', pods: ['spec', 'template'], source: `${K8S}; also OpenKruise Advanced StatefulSet` },
  { kind: 'DaemonSet', pods: ['spec', 'template'], source: `${K8S}; also OpenKruise Advanced DaemonSet` },
  { kind: 'ReplicaSet', pods: ['spec', 'template'], source: K8S },
  { kind: 'ReplicationController', pods: ['spec', 'template'], source: K8S },
  { kind: 'Job', pods: ['spec', 'template'], source: K8S, runToCompletion: true },
  { kind: 'CronJob', pods: ['spec', 'jobTemplate', 'spec', 'template'], source: K8S, runToCompletion: true },
  {
    kind: 'Rollout',
    group: 'argoproj.io',
    pods: ['spec', 'template'],
    source: 'Argo Rollouts Rollout spec.template (pods also get rollouts-pod-template-hash)',
  },
  {
    kind: 'CloneSet',
    group: 'apps.kruise.io',
    pods: ['spec', 'template'],
    source: 'OpenKruise CloneSet spec.template',
  },
  {
    kind: 'ScaledJob',
    group: 'keda.sh',
    pods: ['spec', 'jobTargetRef', 'template'],
    source: 'KEDA ScaledJob spec.jobTargetRef (a batch/v1 JobSpec)',
    runToCompletion: true,
  },
  {
    kind: 'Prometheus',
    group: 'monitoring.coreos.com',
    pods: {
      container: { name: 'prometheus', ports: [{ name: 'web', containerPort: 9090 }], probes: true },
      labels: (name) => ({
        ...MANAGED_BY,
        'app.kubernetes.io/name': 'prometheus',
        'app.kubernetes.io/instance': name,
        'operator.prometheus.io/name': name,
        prometheus: name,
        'operator.prometheus.io/shard': '0',
      }),
    },
    source: OPERATOR_SOURCE,
  },
  {
    kind: 'Alertmanager',
    group: 'monitoring.coreos.com',
    pods: {
      container: { name: 'alertmanager', ports: [{ name: 'web', containerPort: 9093 }], probes: true },
      labels: (name) => ({
        ...MANAGED_BY,
        'app.kubernetes.io/name': 'alertmanager',
        'app.kubernetes.io/instance': name,
        alertmanager: name,
      }),
    },
    source: OPERATOR_SOURCE,
  },
  {
    kind: 'ThanosRuler',
    group: 'monitoring.coreos.com',
    pods: {
      container: {
        name: 'thanos-ruler',
        ports: [
          { name: 'grpc', containerPort: 10901 },
          { name: 'web', containerPort: 10902 },
        ],
        probes: false,
      },
      labels: (name) => ({
        ...MANAGED_BY,
        'app.kubernetes.io/name': 'thanos-ruler',
        'app.kubernetes.io/instance': name,
        'thanos-ruler': name,
      }),
    },
    source: OPERATOR_SOURCE,
  },
];

const BY_KIND = new Map<string, WorkloadKind[]>();
for (const entry of WORKLOAD_KINDS) {
  const list = BY_KIND.get(entry.kind) ?? [];
  list.push(entry);
  BY_KIND.set(entry.kind, list);
}

/** The workload kind of an object, or undefined when its objects make no pods. */
export function workloadKindOf(kind: string, group: string): WorkloadKind | undefined {
  return BY_KIND.get(kind)?.find((entry) => entry.group === undefined || entry.group === group);
}

/** Whether the pods of an object run to completion (a Job, CronJob or KEDA ScaledJob). */
export function runsToCompletion(kind: string, group: string): boolean {
  return workloadKindOf(kind, group)?.runToCompletion === true;
}

/** The pods an object makes, as a pod template. */
export interface WorkloadPod {
  /** Path of the pod spec inside the object (`['spec']` for an operator CR, whose spec holds the pod fields). */
  specPath: readonly PathSegment[];
  metadataPath: readonly PathSegment[];
  spec: JsonObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /**
   * Where each container of `spec.containers` is written in the object; undefined for a container the operator
   * generates and the object does not patch.
   */
  containerPaths?: (PathSegment[] | undefined)[];
}

function dig(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const key of path) {
    if (!isJsonObject(node)) return undefined;
    node = node[key as string];
  }
  return node;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isJsonObject(value))
    for (const [key, item] of Object.entries(value)) out[key] = item === null ? '' : String(item);
  return out;
}

/** Strategic merge of a container patch the way the operator applies it (k8s.MergePatchContainers): maps merge. */
function mergeObjects(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isJsonObject(current) && isJsonObject(value) ? mergeObjects(current, value) : value;
  }
  return out;
}

function operatorPod(raw: JsonObject, operator: OperatorPods): WorkloadPod {
  const spec = isJsonObject(raw.spec) ? raw.spec : {};
  const name =
    typeof dig(raw, ['metadata', 'name']) === 'string' ? (dig(raw, ['metadata', 'name']) as string) : '';
  const { container } = operator;
  const generated: JsonObject = {
    name: container.name,
    ports: container.ports.map((port) => ({ ...port, protocol: 'TCP' })),
    securityContext: {
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
  };
  if (typeof spec.image === 'string') generated.image = spec.image;
  if (isJsonObject(spec.resources)) generated.resources = spec.resources;
  if (container.probes) {
    generated.livenessProbe = { httpGet: { path: '/-/healthy', port: 'web' } };
    generated.readinessProbe = { httpGet: { path: '/-/ready', port: 'web' } };
  }
  const patches = Array.isArray(spec.containers) ? spec.containers : [];
  const containers: JsonObject[] = [generated];
  const containerPaths: (PathSegment[] | undefined)[] = [undefined];
  patches.forEach((patch, index) => {
    if (!isJsonObject(patch)) return;
    if (patch.name === container.name) {
      containers[0] = mergeObjects(generated, patch);
      containerPaths[0] = ['spec', 'containers', index];
      return;
    }
    containers.push(patch);
    containerPaths.push(['spec', 'containers', index]);
  });
  return {
    specPath: ['spec'],
    metadataPath: ['spec', 'podMetadata'],
    spec: { ...spec, containers },
    labels: { ...stringMap(dig(spec, ['podMetadata', 'labels'])), ...operator.labels(name) },
    annotations: stringMap(dig(spec, ['podMetadata', 'annotations'])),
    containerPaths,
  };
}

/**
 * The paths of the pod spec and metadata under a kind's template path, made once per kind: every template of the kind
 * shares them (read only). Arrays made per template by spreading were ~220 bytes each, twice per loaded workload.
 */
const TEMPLATE_PATHS = new Map<
  readonly string[],
  { specPath: readonly PathSegment[]; metadataPath: readonly PathSegment[] }
>();

function templatePaths(path: readonly string[]): {
  specPath: readonly PathSegment[];
  metadataPath: readonly PathSegment[];
} {
  let paths = TEMPLATE_PATHS.get(path);
  if (paths === undefined) {
    paths = { specPath: [...path, 'spec'], metadataPath: [...path, 'metadata'] };
    TEMPLATE_PATHS.set(path, paths);
  }
  return paths;
}

/** The pod template of an object whose kind makes pods, or undefined. */
export function workloadPod(raw: JsonObject, kind: string, group: string): WorkloadPod | undefined {
  const entry = workloadKindOf(kind, group);
  if (!entry) return undefined;
  if (!Array.isArray(entry.pods)) return operatorPod(raw, entry.pods as OperatorPods);
  const path = entry.pods as readonly string[];
  const template = path.length === 0 ? raw : dig(raw, path);
  if (!isJsonObject(template)) return undefined;
  const metadata = isJsonObject(template.metadata) ? template.metadata : {};
  const { specPath, metadataPath } = templatePaths(path);
  return {
    specPath,
    metadataPath,
    spec: isJsonObject(template.spec) ? template.spec : {},
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
  };
}
