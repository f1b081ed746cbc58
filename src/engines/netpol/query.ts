/** One question to the engine: may this source talk to that destination (on this port)? With the reasons. */
import type { NetpolAnalysis } from './analyze.js';
import {
  type ConnSet,
  contains,
  EMPTY,
  formatConnSet,
  isEmpty,
  type Protocol,
  plainConnSet,
  reasonsOf,
  singleProtocol,
} from './connections.js';
import { endpointName } from './format.js';
import { type IpRange, parseCidr, parseIpv4 } from './ipv4.js';
import { type Direction, type Endpoint, type EngineObject, formatReason } from './model.js';

export interface PortQuery {
  port: number;
  protocol: Protocol;
}

/** `8080`, `8080/TCP`, `53/udp`. */
export function parsePortQuery(text: string): PortQuery | undefined {
  const match = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(text.trim());
  if (!match) return undefined;
  const port = Number(match[1]);
  if (port < 1 || port > 65535) return undefined;
  return { port, protocol: (match[2]?.toUpperCase() ?? 'TCP') as Protocol };
}

/** An address or CIDR given on the command line, as an IPv4 range; undefined when it is not one. */
export function parseAddress(text: string): IpRange | undefined {
  const single = parseIpv4(text);
  if (single !== undefined) return { start: single, end: single };
  const cidr = parseCidr(text);
  return cidr.ok && cidr.family === 'ipv4' ? cidr.range : undefined;
}

/**
 * Endpoints named by `ns/name`, `ns/name[Kind]`, `name` (any namespace), or an IPv4 address/CIDR
 * (the external blocks inside it, on the side asked for).
 */
export function resolveEndpoints<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  text: string,
  side: 'source' | 'destination',
): Endpoint<T>[] {
  const range = parseAddress(text);
  if (range) {
    const blocks = side === 'source' ? analysis.sourceBlocks : analysis.destinationBlocks;
    return blocks.filter((b) => b.range.start <= range.end && range.start <= b.range.end);
  }
  const kindMatch = /^(.*)\[([A-Za-z]+)\]$/.exec(text);
  const base = kindMatch ? kindMatch[1]! : text;
  const kind = kindMatch?.[2];
  const slash = base.indexOf('/');
  const namespace = slash >= 0 ? base.slice(0, slash) : undefined;
  const name = slash >= 0 ? base.slice(slash + 1) : base;
  const inNamespace = (w: { namespace: string }) => namespace === undefined || w.namespace === namespace;
  const exact = analysis.workloads.filter(
    (w) => w.name === name && inNamespace(w) && (!kind || w.kind === kind),
  );
  if (exact.length > 0 || kind) return exact;
  // Pods listed from a live cluster belong to ReplicaSets named `<deployment>-<pod-template-hash>`.
  return analysis.workloads.filter(
    (w) =>
      w.kind === 'ReplicaSet' &&
      inNamespace(w) &&
      w.name.startsWith(`${name}-`) &&
      /^[a-z0-9]{5,10}$/.test(w.name.slice(name.length + 1)),
  );
}

export interface SideVerdict {
  allowed: boolean;
  /** The connections this side allows (`All Connections`, `TCP 80`, …). */
  connections: string;
  /** Policies selecting the subject for this direction (empty: not isolated). */
  policies: string[];
  /** Why it is allowed: rules or defaults. */
  allowedBy: string[];
  /** Why it is denied, when it is. */
  deniedBecause?: string;
}

export interface PairVerdict {
  source: string;
  destination: string;
  allowed: boolean;
  connections: string;
  ports: ReturnType<typeof plainConnSet>;
  egress: SideVerdict;
  ingress: SideVerdict;
}

export interface QueryResult {
  allowed: boolean;
  engine: string;
  port?: string;
  pairs: PairVerdict[];
}

function portOnly(set: ConnSet, query: PortQuery | undefined): ConnSet {
  if (!query) return set;
  const range = contains(set, query.protocol, query.port);
  if (!range) return EMPTY;
  return singleProtocol(query.protocol, [{ start: query.port, end: query.port, because: range.because }]);
}

function sideVerdict<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  direction: Direction,
  set: ConnSet,
  subject: Endpoint<T>,
  peer: Endpoint<T>,
  query: PortQuery | undefined,
): SideVerdict {
  const relevant = portOnly(set, query);
  const policies =
    subject.type === 'workload'
      ? analysis.selectedBy(subject, direction).map((p) => `${p.namespace}/${p.name}`)
      : [];
  const verdict: SideVerdict = {
    allowed: !isEmpty(relevant),
    connections: formatConnSet(set),
    policies,
    allowedBy: reasonsOf(relevant).map((id) => formatReason(analysis.reasons.get(id))),
  };
  if (!verdict.allowed) {
    const what = query ? `${query.protocol} ${query.port}` : 'any port';
    const subjectName = endpointName(subject);
    const peerName = endpointName(peer);
    verdict.deniedBecause =
      policies.length > 0
        ? `${subjectName} is selected for ${direction} by ${policies.join(', ')}, and no rule of them allows ${
            direction === 'Egress' ? 'traffic to' : 'traffic from'
          } ${peerName} on ${what}`
        : `${subjectName} allows no ${direction} to ${peerName} on ${what}`;
  }
  return verdict;
}

export function verdictFor<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  src: Endpoint<T>,
  dst: Endpoint<T>,
  query?: PortQuery,
): PairVerdict {
  const egress = analysis.egress(src, dst);
  const ingress = analysis.ingress(src, dst);
  const allowedSet = analysis.allowed(src, dst);
  const relevant = portOnly(allowedSet, query);
  return {
    source: endpointName(src),
    destination: endpointName(dst),
    allowed: !isEmpty(relevant),
    connections: formatConnSet(allowedSet),
    ports: plainConnSet(allowedSet),
    egress: sideVerdict(analysis, 'Egress', egress, src, dst, query),
    ingress: sideVerdict(analysis, 'Ingress', ingress, dst, src, query),
  };
}

/** Allowed when every resolved source may reach every resolved destination (on the port, when given). */
export function query<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  sources: readonly Endpoint<T>[],
  destinations: readonly Endpoint<T>[],
  port?: PortQuery,
): QueryResult {
  const pairs: PairVerdict[] = [];
  for (const src of sources) {
    for (const dst of destinations) {
      if (src.type === 'external' && dst.type === 'external') continue;
      pairs.push(verdictFor(analysis, src, dst, port));
    }
  }
  const result: QueryResult = {
    allowed: pairs.length > 0 && pairs.every((p) => p.allowed),
    engine: analysis.engine,
    pairs,
  };
  if (port) result.port = `${port.port}/${port.protocol}`;
  return result;
}
