import { joinQuote, pluralize, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ContainerView, ViolationField } from '../types.js';

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
    const before = hosts.length;
    // Paths are made only for a host found: every container of every pod passes through here.
    for (const probe of PROBES) collectHosts(c.raw[probe], c, undefined, probe, hosts, fields);
    const lifecycle = record(c.raw.lifecycle);
    if (lifecycle)
      for (const name of LIFECYCLE_HANDLERS)
        collectHosts(lifecycle[name], c, 'lifecycle', name, hosts, fields);
    if (hosts.length > before) badContainers.push(c.name);
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

/** The non-empty `httpGet.host` and `tcpSocket.host` of one handler, at `c.path` + (`group`) + `name`. */
function collectHosts(
  handler: unknown,
  c: ContainerView,
  group: 'lifecycle' | undefined,
  name: string,
  hosts: string[],
  fields: ViolationField[],
): void {
  const h = record(handler);
  if (!h) return;
  for (const kind of HANDLER_KINDS) {
    const host = text(record(h[kind])?.host);
    if (host === '') continue;
    hosts.push(host);
    const path =
      group === undefined ? [...c.path, name, kind, 'host'] : [...c.path, group, name, kind, 'host'];
    fields.push({ path, container: c.name });
  }
}

export const hostProbesAndHostLifecycle: CheckDefinition = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [{ minVersion: 34, check: hostProbesAndHostLifecycleV1Dot34 }],
};
