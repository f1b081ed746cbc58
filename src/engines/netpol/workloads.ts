/**
 * Endpoints from manifests: Pods grouped by their controlling owner and label variant, and every
 * workload controller's pod template as one endpoint (netpol-analyzer's abstraction: `pod.go`).
 */

import { isJsonObject as isRecord } from '../../model/json.js';
import { NAMESPACE_NAME_LABEL } from '../../model/k8s.js';
import { targetsWindows } from '../../model/podOs.js';
import { workloadKindOf, workloadPod } from '../../model/workloadKinds.js';
import type { Protocol } from './connections.js';
import { parseIpv4 } from './ipv4.js';
import type {
  ContainerPort,
  EngineObject,
  JsonObject,
  NamespaceEndpointInfo,
  WorkloadEndpoint,
} from './model.js';

/** Kinds whose objects make pods, with the group from `apiVersion` (model/workloadKinds.ts). */
export function isWorkloadKind(kind: string, apiVersion = ''): boolean {
  return workloadKindOf(kind, groupOf(apiVersion)) !== undefined && kind !== 'PodTemplate';
}

function groupOf(apiVersion: unknown): string {
  const text = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = text.indexOf('/');
  return slash === -1 ? '' : text.slice(0, slash);
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) out[k] = v === null ? '' : String(v);
  return out;
}

function containerPorts(spec: JsonObject): ContainerPort[] {
  const out: ContainerPort[] = [];
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  // Restartable init containers (sidecars) run beside the main containers and serve their ports.
  const sidecars = Array.isArray(spec.initContainers)
    ? spec.initContainers.filter((c: unknown) => isRecord(c) && c.restartPolicy === 'Always')
    : [];
  for (const container of [...containers, ...sidecars]) {
    if (!isRecord(container) || !Array.isArray(container.ports)) continue;
    for (const port of container.ports) {
      if (!isRecord(port) || typeof port.containerPort !== 'number') continue;
      const protocol = (
        port.protocol === 'UDP' || port.protocol === 'SCTP' ? port.protocol : 'TCP'
      ) as Protocol;
      const entry: ContainerPort = { port: port.containerPort, protocol };
      if (typeof port.name === 'string' && port.name) entry.name = port.name;
      out.push(entry);
    }
  }
  return out;
}

function statusIps(status: unknown, listKey: string, singleKey: string): number[] | undefined {
  if (!isRecord(status)) return undefined;
  const texts: string[] = [];
  if (Array.isArray(status[listKey])) {
    for (const item of status[listKey] as unknown[])
      if (isRecord(item) && typeof item.ip === 'string') texts.push(item.ip);
  }
  if (texts.length === 0 && typeof status[singleKey] === 'string') texts.push(status[singleKey] as string);
  const ips = texts.map(parseIpv4).filter((ip): ip is number => ip !== undefined);
  return ips.length > 0 ? ips : undefined;
}

interface PodShape<T> {
  object: T;
  namespace: string;
  ownerKind: string;
  ownerName: string;
  labels: Record<string, string>;
  spec: JsonObject;
  podIps?: number[];
  hostIps?: number[];
}

function controllerOf(meta: JsonObject): { kind: string; name: string } | undefined {
  if (!Array.isArray(meta.ownerReferences)) return undefined;
  for (const ref of meta.ownerReferences) {
    if (isRecord(ref) && ref.controller === true) {
      // A static (mirror) pod is "owned" by its Node: netpol-analyzer shows it as a Pod.
      if (ref.kind === 'Node') return undefined;
      return {
        kind: typeof ref.kind === 'string' && ref.kind ? ref.kind : 'Pod',
        name: String(ref.name ?? ''),
      };
    }
  }
  return undefined;
}

function podShape<T extends EngineObject>(object: T, defaultNamespace: string): PodShape<T> | undefined {
  const raw = object.raw;
  const kind = String(raw.kind ?? '');
  const meta = isRecord(raw.metadata) ? raw.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace =
    object.namespace ??
    (typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : defaultNamespace);
  if (kind === 'Pod') {
    const spec = isRecord(raw.spec) ? raw.spec : {};
    const owner = controllerOf(meta);
    const shape: PodShape<T> = {
      object,
      namespace,
      ownerKind: owner?.kind ?? 'Pod',
      ownerName: owner?.name ?? name,
      labels: stringMap(meta.labels),
      spec,
    };
    const podIps = statusIps(raw.status, 'podIPs', 'podIP');
    const hostIps = statusIps(raw.status, 'hostIPs', 'hostIP');
    if (podIps) shape.podIps = podIps;
    if (hostIps) shape.hostIps = hostIps;
    return shape;
  }
  // Workload controllers and the CRDs whose operators make pods (Rollout, CloneSet, ScaledJob, Prometheus ...).
  const pod = workloadPod(raw, kind, groupOf(raw.apiVersion));
  if (!pod || kind === 'PodTemplate') return undefined;
  return { object, namespace, ownerKind: kind, ownerName: name, labels: pod.labels, spec: pod.spec };
}

function canonicalLabels(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((key) => [key, labels[key]]),
  );
}

/** Groups Pods and pod templates into endpoints; indices are assigned in input order. */
export function buildWorkloads<T extends EngineObject>(
  objects: readonly T[],
  defaultNamespace: string,
): WorkloadEndpoint<T>[] {
  const byKey = new Map<string, WorkloadEndpoint<T>>();
  const variantsOfOwner = new Map<string, number>();
  // Each endpoint's addresses, appended in place while its pods are read (one owner with 20,000 pods stays
  // linear); undefined once one of its pods reports none.
  const addresses = new Map<WorkloadEndpoint<T>, { podIps?: number[]; hostIps?: number[] }>();
  for (const object of objects) {
    if (!isWorkloadKind(String(object.raw.kind ?? ''), String(object.raw.apiVersion ?? ''))) continue;
    const shape = podShape(object, defaultNamespace);
    if (!shape) continue;
    const hostNetwork = shape.spec.hostNetwork === true;
    const ownerKey = `${shape.namespace}/${shape.ownerName}[${shape.ownerKind}]`;
    const key = `${ownerKey}|${canonicalLabels(shape.labels)}|${hostNetwork}`;
    const known = byKey.get(key);
    if (known) {
      known.objects.push(object);
      const lists = addresses.get(known)!;
      if (lists.podIps && shape.podIps) for (const ip of shape.podIps) lists.podIps.push(ip);
      else delete lists.podIps;
      if (lists.hostIps && shape.hostIps) for (const ip of shape.hostIps) lists.hostIps.push(ip);
      else delete lists.hostIps;
      continue;
    }
    const variant = variantsOfOwner.get(ownerKey) ?? 0;
    variantsOfOwner.set(ownerKey, variant + 1);
    const endpoint: WorkloadEndpoint<T> = {
      type: 'workload',
      index: byKey.size,
      namespace: shape.namespace,
      name: shape.ownerName,
      kind: shape.ownerKind,
      labels: shape.labels,
      ports: containerPorts(shape.spec),
      hostNetwork,
      windows: targetsWindows(shape.spec),
      objects: [object],
      variant,
    };
    const lists: { podIps?: number[]; hostIps?: number[] } = {};
    if (shape.podIps) lists.podIps = shape.podIps;
    if (shape.hostIps) lists.hostIps = shape.hostIps;
    addresses.set(endpoint, lists);
    byKey.set(key, endpoint);
  }
  for (const [endpoint, lists] of addresses) {
    if (lists.podIps) endpoint.podIps = lists.podIps;
    if (lists.hostIps) endpoint.hostIps = lists.hostIps;
  }
  return [...byKey.values()];
}

/** Namespaces from Namespace objects plus every namespace referenced, with the name label the API server sets. */
export function buildNamespaces(
  objects: readonly EngineObject[],
  referenced: Iterable<string>,
): Map<string, NamespaceEndpointInfo> {
  const out = new Map<string, NamespaceEndpointInfo>();
  for (const object of objects) {
    if (object.raw.kind !== 'Namespace') continue;
    const meta = isRecord(object.raw.metadata) ? object.raw.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    if (!name) continue;
    out.set(name, { name, labels: { ...stringMap(meta.labels), [NAMESPACE_NAME_LABEL]: name } });
  }
  for (const name of referenced) {
    if (!out.has(name)) out.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
  }
  return out;
}

export function workloadDisplayName(endpoint: WorkloadEndpoint): string {
  if (endpoint.virtual) return endpoint.virtual;
  return `${endpoint.namespace}/${endpoint.name}[${endpoint.kind}]`;
}
