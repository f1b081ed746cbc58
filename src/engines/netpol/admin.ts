/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), evaluated as
 * the API defines (kubernetes-sigs/network-policy-api `apis/v1alpha1`, `site-src/api-overview.md`):
 * ANPs by priority (lower first), rules in order, first match wins per port (Allow, Deny, Pass); what
 * no ANP decided, or passed, goes to the NetworkPolicies when one selects the pod for that direction,
 * otherwise to the BaselineAdminNetworkPolicy, and what remains is allowed.
 */

import { isJsonObject as isRecord } from '../../model/json.js';
import { compileSelector, matches, type Selector, type SelectorProblem } from '../../model/labelSelector.js';
import {
  allConnections,
  type ConnSet,
  EMPTY,
  intersect,
  isEmpty,
  MAX_PORT,
  MIN_PORT,
  type Protocol,
  singleProtocol,
  subtract,
  union,
} from './connections.js';
import { type IpRange, parseCidr } from './ipv4.js';
import type { Direction, Endpoint, EngineObject, JsonObject, ReasonTable } from './model.js';

export type AdminAction = 'Allow' | 'Deny' | 'Pass';

type AdminPeer =
  | { kind: 'namespaces'; namespaces: Selector }
  | { kind: 'pods'; namespaces: Selector; pods: Selector }
  | { kind: 'networks'; ranges: IpRange[] }
  /** Node peers: node identity is not in the manifests; they match nothing here. */
  | { kind: 'nodes' };

type AdminPort =
  | { kind: 'number'; protocol: Protocol; port: number }
  | { kind: 'named'; name: string }
  | { kind: 'range'; protocol: Protocol; start: number; end: number };

interface AdminRule {
  name: string;
  action: AdminAction;
  peers: AdminPeer[];
  ports: AdminPort[] | null;
  reason: number;
}

export interface AdminPolicy<T extends EngineObject = EngineObject> {
  tier: 'Admin' | 'Baseline';
  name: string;
  priority: number;
  object: T;
  subject: { namespaces: Selector; pods: Selector | null };
  ingress: AdminRule[];
  egress: AdminRule[];
}

const UNDECIDED: ConnSet = (() => {
  const range = { start: MIN_PORT, end: MAX_PORT, because: [] as number[] };
  return { TCP: [range], UDP: [range], SCTP: [range] };
})();

function protocolOf(value: unknown): Protocol {
  return value === 'UDP' || value === 'SCTP' ? value : 'TCP';
}

function parsePeer(raw: unknown, problems: SelectorProblem[]): AdminPeer | undefined {
  if (!isRecord(raw)) return undefined;
  if (isRecord(raw.namespaces))
    return { kind: 'namespaces', namespaces: compileSelector(raw.namespaces, problems, []) };
  if (isRecord(raw.pods)) {
    return {
      kind: 'pods',
      namespaces: compileSelector(raw.pods.namespaceSelector ?? {}, problems, []),
      pods: compileSelector(raw.pods.podSelector ?? {}, problems, []),
    };
  }
  if (Array.isArray(raw.networks)) {
    const ranges: IpRange[] = [];
    for (const cidr of raw.networks) {
      const parsed = parseCidr(String(cidr));
      if (parsed.ok && parsed.family === 'ipv4') ranges.push(parsed.range);
    }
    return { kind: 'networks', ranges };
  }
  if (raw.nodes !== undefined) return { kind: 'nodes' };
  return undefined;
}

function parsePorts(raw: unknown): AdminPort[] | null {
  if (!Array.isArray(raw)) return null;
  const out: AdminPort[] = [];
  for (const item of raw) {
    if (!isRecord(item)) continue;
    if (isRecord(item.portNumber) && typeof item.portNumber.port === 'number') {
      out.push({
        kind: 'number',
        protocol: protocolOf(item.portNumber.protocol),
        port: item.portNumber.port,
      });
    } else if (typeof item.namedPort === 'string') {
      out.push({ kind: 'named', name: item.namedPort });
    } else if (
      isRecord(item.portRange) &&
      typeof item.portRange.start === 'number' &&
      typeof item.portRange.end === 'number'
    ) {
      out.push({
        kind: 'range',
        protocol: protocolOf(item.portRange.protocol),
        start: item.portRange.start,
        end: item.portRange.end,
      });
    }
  }
  return out;
}

export function parseAdminPolicy<T extends EngineObject>(
  object: T,
  reasons: ReasonTable,
): AdminPolicy<T> | undefined {
  const raw = object.raw;
  const tier =
    raw.kind === 'AdminNetworkPolicy'
      ? 'Admin'
      : raw.kind === 'BaselineAdminNetworkPolicy'
        ? 'Baseline'
        : undefined;
  if (!tier) return undefined;
  const spec = isRecord(raw.spec) ? raw.spec : {};
  const name = String((raw.metadata as JsonObject | undefined)?.name ?? '');
  const problems: SelectorProblem[] = [];
  const subjectRaw = isRecord(spec.subject) ? spec.subject : {};
  const subject = isRecord(subjectRaw.pods)
    ? {
        namespaces: compileSelector(subjectRaw.pods.namespaceSelector ?? {}, problems, []),
        pods: compileSelector(subjectRaw.pods.podSelector ?? {}, problems, []),
      }
    : { namespaces: compileSelector(subjectRaw.namespaces ?? {}, problems, []), pods: null };
  const label = tier === 'Admin' ? `AdminNetworkPolicy ${name}` : `BaselineAdminNetworkPolicy ${name}`;
  const rules = (list: unknown, direction: Direction): AdminRule[] =>
    (Array.isArray(list) ? list : []).filter(isRecord).map((rule, index) => {
      const action = rule.action === 'Deny' || rule.action === 'Pass' ? rule.action : 'Allow';
      const peersRaw = direction === 'Ingress' ? rule.from : rule.to;
      const ruleName = typeof rule.name === 'string' ? rule.name : `#${index + 1}`;
      return {
        name: ruleName,
        action,
        peers: (Array.isArray(peersRaw) ? peersRaw : [])
          .map((peer) => parsePeer(peer, problems))
          .filter((peer): peer is AdminPeer => peer !== undefined),
        ports: parsePorts(rule.ports),
        reason: reasons.add({ kind: 'admin', policy: label, direction, rule: ruleName, action }),
      };
    });
  return {
    tier,
    name,
    priority: typeof spec.priority === 'number' ? spec.priority : 0,
    object,
    subject,
    ingress: rules(spec.ingress, 'Ingress'),
    egress: rules(spec.egress, 'Egress'),
  };
}

/** Every IPv4 range the admin policies' egress `networks` peers name (they split the destination blocks). */
export function adminNetworkRanges(policies: readonly AdminPolicy[]): IpRange[][] {
  const out: IpRange[][] = [];
  for (const policy of policies) {
    for (const rule of policy.egress)
      for (const peer of rule.peers) if (peer.kind === 'networks') out.push(peer.ranges);
  }
  return out;
}

export interface AdminContext {
  namespaceLabels(name: string): Record<string, string>;
  /** Whether a `networks` CIDR list covers this workload (engines that match pod IPs). */
  networksMatchWorkload(ranges: readonly IpRange[], endpoint: Endpoint): boolean;
}

function subjectSelects(policy: AdminPolicy, w: Endpoint, ctx: AdminContext): boolean {
  if (w.type !== 'workload') return false;
  if (!matches(policy.subject.namespaces, ctx.namespaceLabels(w.namespace))) return false;
  return policy.subject.pods === null || matches(policy.subject.pods, w.labels);
}

function peerMatches(peer: AdminPeer, endpoint: Endpoint, ctx: AdminContext): boolean {
  switch (peer.kind) {
    case 'namespaces':
      return (
        endpoint.type === 'workload' && matches(peer.namespaces, ctx.namespaceLabels(endpoint.namespace))
      );
    case 'pods':
      return (
        endpoint.type === 'workload' &&
        matches(peer.namespaces, ctx.namespaceLabels(endpoint.namespace)) &&
        matches(peer.pods, endpoint.labels)
      );
    case 'networks':
      if (endpoint.type === 'external') {
        return peer.ranges.some((r) => r.start <= endpoint.range.start && endpoint.range.end <= r.end);
      }
      return ctx.networksMatchWorkload(peer.ranges, endpoint);
    case 'nodes':
      return false;
  }
}

function ruleConnections(rule: AdminRule, dst: Endpoint): ConnSet {
  const tag = [rule.reason];
  if (rule.ports === null) {
    const range = { start: MIN_PORT, end: MAX_PORT, because: tag };
    return { TCP: [range], UDP: [range], SCTP: [range] };
  }
  let out: ConnSet = EMPTY;
  for (const port of rule.ports) {
    if (port.kind === 'number') {
      out = union(out, singleProtocol(port.protocol, [{ start: port.port, end: port.port, because: tag }]));
    } else if (port.kind === 'range') {
      if (port.end < port.start) continue;
      out = union(out, singleProtocol(port.protocol, [{ start: port.start, end: port.end, because: tag }]));
    } else if (dst.type === 'workload') {
      const named = dst.ports.find((p) => p.name === port.name);
      if (named)
        out = union(
          out,
          singleProtocol(named.protocol, [{ start: named.port, end: named.port, because: tag }]),
        );
    }
  }
  return out;
}

interface Decision {
  allow: ConnSet;
  deny: ConnSet;
  pass: ConnSet;
  undecided: ConnSet;
}

function decide(
  policies: readonly AdminPolicy[],
  direction: Direction,
  subject: Endpoint,
  peer: Endpoint,
  dst: Endpoint,
  ctx: AdminContext,
  start: ConnSet,
): Decision {
  const decision: Decision = { allow: EMPTY, deny: EMPTY, pass: EMPTY, undecided: start };
  for (const policy of policies) {
    const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
    if (rules.length === 0 || !subjectSelects(policy, subject, ctx)) continue;
    for (const rule of rules) {
      if (isEmpty(decision.undecided)) return decision;
      if (!rule.peers.some((p) => peerMatches(p, peer, ctx))) continue;
      const conns = ruleConnections(rule, dst);
      // Keep the rule's reasons only: `undecided` carries none.
      const taken = intersect(conns, decision.undecided);
      if (isEmpty(taken)) continue;
      decision.undecided = subtract(decision.undecided, conns);
      if (rule.action === 'Allow') decision.allow = union(decision.allow, taken);
      else if (rule.action === 'Deny') decision.deny = union(decision.deny, taken);
      else decision.pass = union(decision.pass, taken);
    }
  }
  return decision;
}

/** Sorted ANPs (priority, then name) and the baseline policy. */
export class AdminTiers {
  readonly admin: AdminPolicy[];
  readonly baseline: AdminPolicy[];

  constructor(policies: readonly AdminPolicy[]) {
    this.admin = policies
      .filter((p) => p.tier === 'Admin')
      .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.baseline = policies.filter((p) => p.tier === 'Baseline');
  }

  get empty(): boolean {
    return this.admin.length === 0 && this.baseline.length === 0;
  }

  /**
   * One direction's verdict for `subject` (the pod the direction belongs to) and `peer`, given what
   * the NetworkPolicies allow (`networkPolicy`, undefined when none selects the subject for the
   * direction) and the reason id for "default allow".
   */
  side(
    direction: Direction,
    subject: Endpoint,
    peer: Endpoint,
    dst: Endpoint,
    ctx: AdminContext,
    networkPolicy: ConnSet | undefined,
    defaultReason: number,
  ): ConnSet {
    const anp = decide(this.admin, direction, subject, peer, dst, ctx, UNDECIDED);
    const remaining = union(anp.undecided, anp.pass);
    if (networkPolicy !== undefined) return union(anp.allow, intersect(networkPolicy, remaining));
    const banp = decide(this.baseline, direction, subject, peer, dst, ctx, remaining);
    return union(union(anp.allow, banp.allow), intersect(allConnections(defaultReason), banp.undecided));
  }
}
