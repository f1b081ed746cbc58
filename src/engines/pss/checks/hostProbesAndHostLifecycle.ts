import { joinQuote, pluralize, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'] as const;
const HANDLER_KINDS = ['httpGet', 'tcpSocket'] as const;

/**
 * Upstream `check_hostProbesAndhostLifecycle.go` (policy v1.34): probes and lifecycle handlers must not set
 * `httpGet.host` or `tcpSocket.host` (any non-empty value, even a loopback address).
 */
const hostProbesAndHostLifecycleV1Dot34: CheckPod = (pod) => {
  const badContainers: string[] = [];
  const hosts: string[] = [];
  const fields: ViolationField[] = [];
  for (const c of pod.containers) {
    const handlers: { handler: unknown; path: (string | number)[] }[] = PROBES.map((probe) => ({
      handler: c.raw[probe],
      path: [...c.path, probe],
    }));
    const lifecycle = record(c.raw.lifecycle);
    if (lifecycle) {
      for (const name of LIFECYCLE_HANDLERS) {
        handlers.push({ handler: lifecycle[name], path: [...c.path, 'lifecycle', name] });
      }
    }
    let bad = false;
    for (const { handler, path } of handlers) {
      const h = record(handler);
      if (!h) continue;
      for (const kind of HANDLER_KINDS) {
        const host = text(record(h[kind])?.host);
        if (host !== '') {
          bad = true;
          hosts.push(host);
          fields.push({ path: [...path, kind, 'host'], container: c.name });
        }
      }
    }
    if (bad) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  const containers = sortedSet(badContainers);
  const distinctHosts = sortedSet(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${pluralize('container', 'containers', containers.length)} ${joinQuote(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinctHosts.length)} ${joinQuote(distinctHosts)}`,
    fields,
  };
};

export const hostProbesAndHostLifecycle: CheckDefinition = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [{ minVersion: 34, check: hostProbesAndHostLifecycleV1Dot34 }],
};
