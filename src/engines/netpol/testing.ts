/** Builders for engine tests: plain objects, no files. */
import { analyzeNetpol, NetpolAnalysis, type NetpolOptions } from './analyze.js';
import { formatConnSet, isEmpty } from './connections.js';
import { endpointName } from './format.js';
import type { EngineObject, JsonObject } from './model.js';

export function ns(name: string, labels: Record<string, string> = {}): EngineObject {
  return { raw: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } };
}

export interface PodExtras {
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  hostNetwork?: boolean;
  podIP?: string;
  windows?: boolean;
}

export function pod(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  extras: PodExtras = {},
): EngineObject {
  const spec: JsonObject = { containers: [{ name: 'c', image: 'img', ports: extras.ports ?? [] }] };
  if (extras.hostNetwork) spec.hostNetwork = true;
  if (extras.windows) spec.nodeSelector = { 'kubernetes.io/os': 'windows' };
  const raw: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec };
  if (extras.podIP)
    raw.status = { podIP: extras.podIP, podIPs: [{ ip: extras.podIP }], hostIP: '10.224.0.4' };
  return { raw };
}

export function daemonSet(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  hostNetwork: boolean,
): EngineObject {
  return {
    raw: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace },
      spec: {
        template: { metadata: { labels }, spec: { hostNetwork, containers: [{ name: 'c', image: 'img' }] } },
      },
    },
  };
}

/** A Deployment whose pods carry `app: name`. */
export function deployment(namespace: string, name: string): EngineObject {
  return {
    raw: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'img' }] } },
      },
    },
  };
}

export function policy(namespace: string, name: string, spec: JsonObject): EngineObject {
  return {
    raw: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec },
  };
}

/**
 * Every allowed pair as `src => dst : conns`, computed twice (the signature-sharing list and the direct
 * per-pair evaluation) and checked to agree, so each table test also tests the fast path.
 */
export function matrix(
  analysis: NetpolAnalysis,
  options: { externals?: boolean } = {},
): Record<string, string> {
  const fast: Record<string, string> = {};
  analysis.forEachConnection((c) => {
    if (!options.externals && (c.src.type === 'external' || c.dst.type === 'external')) return;
    fast[`${endpointName(c.src)} => ${endpointName(c.dst)}`] = formatConnSet(c.conns);
  });
  const direct: Record<string, string> = {};
  const srcs = [...analysis.workloads, ...(options.externals ? analysis.sourceBlocks : [])];
  const dsts = [...analysis.workloads, ...(options.externals ? analysis.destinationBlocks : [])];
  for (const src of srcs) {
    for (const dst of dsts) {
      if (NetpolAnalysis.sameWorkload(src, dst) || (src.type === 'external' && dst.type === 'external'))
        continue;
      const conns = analysis.allowed(src, dst);
      if (!isEmpty(conns)) direct[`${endpointName(src)} => ${endpointName(dst)}`] = formatConnSet(conns);
    }
  }
  const a = JSON.stringify(Object.entries(fast).sort());
  const b = JSON.stringify(Object.entries(direct).sort());
  if (a !== b) throw new Error(`list and per-pair evaluation disagree:\n${a}\n${b}`);
  return fast;
}

export function run(objects: EngineObject[], options: NetpolOptions = {}): NetpolAnalysis {
  return analyzeNetpol(objects, { engine: 'spec', ...options });
}
