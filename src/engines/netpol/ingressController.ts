/**
 * netpol-analyzer's ingress-controller source: Kubernetes Ingress and OpenShift Route objects make a
 * virtual `{ingress-controller}` peer reach the pods behind their Services on the Services' target
 * ports (TCP), as far as NetworkPolicies admit it (netpol-analyzer `ingressanalyzer`). Only the
 * `netpol-analyzer` profile adds it; on AKS the ingress controller is a real workload in the manifests.
 */
import { isJsonObject as isRecord } from '../../model/json.js';
import { type ConnSet, EMPTY, singleProtocol, union } from './connections.js';
import type { EngineObject, JsonObject, WorkloadEndpoint } from './model.js';

export const INGRESS_CONTROLLER_NAME = '{ingress-controller}';
export const INGRESS_CONTROLLER_NAMESPACE = 'ingress-controller-ns';

interface ServiceInfo {
  selector: Record<string, string>;
  ports: JsonObject[];
}

/** A backend: a Service name and the port asked for (name, number, or undefined for every port). */
interface Backend {
  service: string;
  port: string | number | undefined;
}

function namespaceOf(object: EngineObject, defaultNamespace: string): string {
  const meta = isRecord(object.raw.metadata) ? object.raw.metadata : {};
  return (
    object.namespace ??
    (typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : defaultNamespace)
  );
}

function ingressBackends(spec: JsonObject): Backend[] {
  const out: Backend[] = [];
  const add = (backend: unknown) => {
    const service = isRecord(backend) && isRecord(backend.service) ? backend.service : undefined;
    if (!service || typeof service.name !== 'string') return;
    const port = isRecord(service.port) ? service.port : {};
    out.push({
      service: service.name,
      port:
        typeof port.name === 'string' && port.name
          ? port.name
          : typeof port.number === 'number'
            ? port.number
            : undefined,
    });
  };
  add(spec.defaultBackend);
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    const paths =
      isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    for (const path of paths) if (isRecord(path)) add(path.backend);
  }
  return out;
}

function routeBackends(spec: JsonObject): Backend[] {
  const port = isRecord(spec.port) ? spec.port.targetPort : undefined;
  const targetPort = typeof port === 'string' || typeof port === 'number' ? port : undefined;
  const out: Backend[] = [];
  for (const target of [spec.to, ...(Array.isArray(spec.alternateBackends) ? spec.alternateBackends : [])]) {
    if (!isRecord(target) || typeof target.name !== 'string') continue;
    if (target.kind !== undefined && target.kind !== '' && target.kind !== 'Service') continue;
    out.push({ service: target.name, port: targetPort });
  }
  return out;
}

/** The pod ports a Service port leads to for the backend's port (all of them when none is asked for). */
function accessPorts(ports: readonly JsonObject[], wanted: string | number | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (const port of ports) {
    const target = port.targetPort;
    const access =
      typeof target === 'number' || (typeof target === 'string' && target !== '')
        ? target
        : Number(port.port);
    if (wanted === undefined) out.push(access);
    else if (
      (typeof port.name === 'string' && port.name !== '' && port.name === wanted) ||
      port.port === wanted ||
      target === wanted
    ) {
      return [access];
    }
  }
  return out;
}

/** For each workload behind an Ingress or Route: the TCP connections the ingress objects ask for. */
export function ingressControllerTargets<T extends EngineObject>(
  objects: readonly T[],
  workloads: readonly WorkloadEndpoint<T>[],
  defaultNamespace: string,
): Map<WorkloadEndpoint<T>, ConnSet> {
  const services = new Map<string, Map<string, ServiceInfo>>();
  const backends = new Map<string, Backend[][]>();
  for (const object of objects) {
    const spec = isRecord(object.raw.spec) ? object.raw.spec : {};
    const namespace = namespaceOf(object, defaultNamespace);
    const kind = object.raw.kind;
    if (kind === 'Service') {
      if (!isRecord(spec.selector)) continue; // Services without selectors are ignored
      const name = String((object.raw.metadata as JsonObject | undefined)?.name ?? '');
      const selector: Record<string, string> = {};
      for (const [k, v] of Object.entries(spec.selector)) selector[k] = String(v);
      const byName = services.get(namespace) ?? new Map<string, ServiceInfo>();
      byName.set(name, { selector, ports: (Array.isArray(spec.ports) ? spec.ports : []).filter(isRecord) });
      services.set(namespace, byName);
    } else if (kind === 'Ingress' || kind === 'Route') {
      const list = kind === 'Ingress' ? ingressBackends(spec) : routeBackends(spec);
      if (list.length === 0) continue;
      const perNamespace = backends.get(namespace) ?? [];
      perNamespace.push(list);
      backends.set(namespace, perNamespace);
    }
  }
  const out = new Map<WorkloadEndpoint<T>, ConnSet>();
  for (const [namespace, objectsBackends] of backends) {
    const byName = services.get(namespace);
    if (!byName) continue;
    for (const backend of objectsBackends.flat()) {
      const service = byName.get(backend.service);
      if (!service) continue;
      for (const w of workloads) {
        if (w.namespace !== namespace) continue;
        if (!Object.entries(service.selector).every(([k, v]) => w.labels[k] === v)) continue;
        let conns = out.get(w) ?? EMPTY;
        for (const access of accessPorts(service.ports, backend.port)) {
          let port: number | undefined;
          if (typeof access === 'string' && !/^\d+$/.test(access)) {
            port = w.ports.find((p) => p.name === access && p.protocol === 'TCP')?.port;
          } else {
            port = Number(access);
            // netpol-analyzer: the pod must declare the port (any protocol) among its container ports.
            if (!w.ports.some((p) => p.port === port)) port = undefined;
          }
          if (port !== undefined)
            conns = union(conns, singleProtocol('TCP', [{ start: port, end: port, because: [] }]));
        }
        out.set(w, conns);
      }
    }
  }
  return out;
}
