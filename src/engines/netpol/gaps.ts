/** Zero-trust gaps computed from the engine: missing default-deny, unprotected workloads, IMDS, open databases. */

import { MATCH_ALL, type Selector } from '../../model/labelSelector.js';
import { isPublic } from './addresses.js';
import type { NetpolAnalysis } from './analyze.js';
import { contains, formatConnSet, isEmpty, type Protocol } from './connections.js';
import { ipv4ToNumber } from './ipv4.js';
import type {
  Direction,
  EngineObject,
  ExternalEndpoint,
  InvalidPolicy,
  Policy,
  WorkloadEndpoint,
} from './model.js';

export const IMDS_ADDRESS = '169.254.169.254';

/** Well-known database and broker ports (PostgreSQL, MySQL, SQL Server, Oracle, Redis, MongoDB, RabbitMQ, Cassandra, Elasticsearch, memcached, CockroachDB, CouchDB, InfluxDB, etcd). */
export const DEFAULT_DB_PORTS: readonly number[] = [
  5432, 3306, 1433, 1521, 6379, 27017, 5672, 9042, 9200, 11211, 26257, 5984, 8086, 2379,
];

function isMatchAll(selector: Selector | null): boolean {
  return selector === null || selector.requirements.length === 0 || selector === MATCH_ALL;
}

export interface DefaultDenyGap {
  namespace: string;
  direction: Direction;
}

/**
 * Namespaces (with workloads) where no policy isolates every pod for the direction without allowing
 * everything back: no `podSelector: {}` policy covering the direction, or only allow-all ones.
 */
export function namespacesWithoutDefaultDeny<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
): DefaultDenyGap[] {
  const out: DefaultDenyGap[] = [];
  const denies = new Set<string>();
  for (const policy of analysis.policies) {
    if (policy.podSelector.requirements.length > 0) continue;
    for (const direction of ['Ingress', 'Egress'] as const) {
      const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
      if (rules !== undefined && !rules.some((rule) => rule.peers === null && rule.ports === null)) {
        denies.add(`${policy.namespace}/${direction}`);
      }
    }
  }
  const namespaces = [...new Set(analysis.workloads.map((w) => w.namespace))].sort();
  for (const namespace of namespaces) {
    for (const direction of ['Ingress', 'Egress'] as const) {
      if (!denies.has(`${namespace}/${direction}`)) out.push({ namespace, direction });
    }
  }
  return out;
}

export interface UnprotectedGap<T extends EngineObject> {
  workload: WorkloadEndpoint<T>;
  direction: Direction;
  /** Set when policies select the workload but this engine does not apply them (Windows on Cilium, `none`). */
  note?: string;
}

/** Workloads no policy restricts for a direction (host-network pods excluded: they are node traffic). */
export function unprotectedWorkloads<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
): UnprotectedGap<T>[] {
  const out: UnprotectedGap<T>[] = [];
  for (const w of analysis.workloads) {
    if (w.hostNetwork && analysis.profile.hostNetworkIsNode) continue;
    for (const direction of ['Ingress', 'Egress'] as const) {
      if (analysis.isolated(w, direction)) continue;
      const gap: UnprotectedGap<T> = { workload: w, direction };
      if (analysis.selectedBy(w, direction).length > 0) {
        gap.note = !analysis.profile.enforced
          ? 'policies select it but no engine enforces them'
          : `policies select it but ${analysis.engine} does not enforce them for this pod`;
      }
      out.push(gap);
    }
  }
  return out;
}

/** The destination block holding an address (blocks partition the address space). */
export function destinationBlockOf<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  address: string,
): ExternalEndpoint {
  const ip = ipv4ToNumber(address);
  return analysis.destinationBlocks.find((b) => b.range.start <= ip && ip <= b.range.end)!;
}

export interface ImdsGap<T extends EngineObject> {
  workload: WorkloadEndpoint<T>;
  connections: string;
}

/** Non-host-network workloads whose egress reaches 169.254.169.254. */
export function imdsReachable<T extends EngineObject>(analysis: NetpolAnalysis<T>): ImdsGap<T>[] {
  const imds = destinationBlockOf(analysis, IMDS_ADDRESS);
  const out: ImdsGap<T>[] = [];
  for (const w of analysis.workloads) {
    if (w.hostNetwork) continue;
    const conns = analysis.allowed(w, imds);
    if (!isEmpty(conns)) out.push({ workload: w, connections: formatConnSet(conns) });
  }
  return out;
}

export interface WideOpenGap<T extends EngineObject> {
  workload: WorkloadEndpoint<T>;
  port: number;
  protocol: Protocol;
  /** Who can reach it: `any source`, `the Internet`, `all pods in all namespaces`, `all pods in namespaces …`, `all pods of its namespace`. */
  from: string[];
  /** Policies whose rules open it (empty when the workload is not isolated for ingress). */
  policies: Policy<T>[];
}

/**
 * Database ports whose ingress is open beyond named clients: not isolated, or allowed by a rule whose
 * peers are everything, public address space, whole namespaces, or all pods.
 */
export function databasesWideOpen<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  dbPorts: readonly number[] = DEFAULT_DB_PORTS,
): WideOpenGap<T>[] {
  const out: WideOpenGap<T>[] = [];
  for (const w of analysis.workloads) {
    if (w.hostNetwork && analysis.profile.hostNetworkIsNode) continue;
    for (const container of w.ports) {
      if (container.protocol !== 'TCP' || !dbPorts.includes(container.port)) continue;
      const from = new Set<string>();
      const policies = new Set<Policy<T>>();
      if (!analysis.isolated(w, 'Ingress')) from.add('any source');
      else {
        for (const policy of analysis.selectedBy(w, 'Ingress')) {
          for (const rule of policy.ingress ?? []) {
            if (!contains(analysis.ruleConnections(rule, w), 'TCP', container.port)) continue;
            const before = from.size;
            if (rule.peers === null) from.add('any source');
            else {
              for (const peer of rule.peers) {
                if (peer.kind === 'ipBlock') {
                  if (peer.ranges.some(isPublic)) from.add('the Internet');
                  if (analysis.ipBlockCoversPods(peer.ranges))
                    from.add('all pods (the ipBlock covers the pod CIDR)');
                } else if (isMatchAll(peer.pods)) {
                  if (peer.namespaces === null) from.add('all pods of its namespace');
                  else if (peer.namespaces.requirements.length === 0) from.add('all pods in all namespaces');
                  else from.add('all pods in the namespaces selected by a namespaceSelector');
                }
              }
            }
            if (from.size > before) policies.add(policy);
          }
        }
      }
      if (from.size > 0)
        out.push({
          workload: w,
          port: container.port,
          protocol: 'TCP',
          from: [...from],
          policies: [...policies],
        });
    }
  }
  return out;
}

/** Valid policies that select no workload in a namespace that has workloads in the inputs. */
export function policiesWithoutEffect<T extends EngineObject>(analysis: NetpolAnalysis<T>): Policy<T>[] {
  const populated = new Set(analysis.workloads.map((w) => w.namespace));
  return analysis.policies.filter(
    (policy) => populated.has(policy.namespace) && analysis.policySubjects(policy).length === 0,
  );
}

export interface GapsReport<T extends EngineObject> {
  engine: string;
  noDefaultDeny: DefaultDenyGap[];
  unprotected: UnprotectedGap<T>[];
  imdsReachable: ImdsGap<T>[];
  dbWideOpen: WideOpenGap<T>[];
  noEffect: Policy<T>[];
  invalid: InvalidPolicy<T>[];
}

export function gaps<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  dbPorts?: readonly number[],
): GapsReport<T> {
  return {
    engine: analysis.engine,
    noDefaultDeny: namespacesWithoutDefaultDeny(analysis),
    unprotected: unprotectedWorkloads(analysis),
    imdsReachable: imdsReachable(analysis),
    dbWideOpen: databasesWideOpen(analysis, dbPorts),
    noEffect: policiesWithoutEffect(analysis),
    invalid: analysis.invalid,
  };
}
