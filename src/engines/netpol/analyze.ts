/**
 * The connectivity engine: who can talk to whom, per protocol and port, with the reasons.
 *
 * A connection src→dst is allowed on the ports allowed by egress at src AND by ingress at dst
 * (Kubernetes "Network Policies", "The two sorts of pod isolation"). A side is unrestricted unless some
 * policy selects the pod for that direction; then only the union of those policies' rules applies.
 */

import { matches } from '../../model/labelSelector.js';
import { AddressIndex, blocksWithin } from './addressIndex.js';
import {
  type AdminContext,
  type AdminPolicy,
  AdminTiers,
  adminNetworkRanges,
  parseAdminPolicy,
} from './admin.js';
import {
  allConnections,
  type ConnSet,
  EMPTY,
  intersect,
  isEmpty,
  type Protocol,
  singleProtocol,
  union,
} from './connections.js';
import {
  INGRESS_CONTROLLER_NAME,
  INGRESS_CONTROLLER_NAMESPACE,
  ingressControllerTargets,
} from './ingressController.js';
import { disjointBlocks, type IpRange, parseCidr, rangeWithin } from './ipv4.js';
import {
  type Connection,
  type Direction,
  type Endpoint,
  type EngineObject,
  type ExternalEndpoint,
  type InvalidPolicy,
  type NamespaceEndpointInfo,
  type Policy,
  type PolicyPeer,
  type PolicyRule,
  type Reason,
  ReasonTable,
  type WorkloadEndpoint,
} from './model.js';
import { isInvalid, normalisePolicy, SelectorCache } from './policies.js';
import {
  type EngineChoice,
  type EngineName,
  type EngineProfile,
  engineProfile,
  resolveEngine,
} from './profiles.js';
import { RuleTargets } from './ruleTargets.js';
import { buildNamespaces, buildWorkloads, workloadDisplayName } from './workloads.js';

export interface NetpolOptions {
  engine?: EngineChoice;
  /** The AKS cluster model (inventory.clusters[0]) for `auto` and the IMDS restriction flag; read defensively. */
  cluster?: unknown;
  defaultNamespace?: string;
  k8sVersion?: string;
  /** Pod address ranges for pods without `status.podIPs` (AKS kubenet/overlay default 10.244.0.0/16). */
  podCidrs?: string[];
  /** Node address ranges, for host-network pods (AKS default VNet 10.224.0.0/12). */
  nodeCidrs?: string[];
  /** API server addresses, to name that block. */
  apiServerCidrs?: string[];
  /** More CIDRs to split the external address space at (queried addresses, the other side of a diff). */
  extraCidrs?: string[];
}

export const SPECIAL_BLOCKS: readonly { name: string; cidr: string }[] = [
  { name: 'IMDS', cidr: '169.254.169.254/32' },
  { name: 'Azure wireserver', cidr: '168.63.129.16/32' },
];

export const DEFAULT_POD_CIDRS = ['10.244.0.0/16'];
export const DEFAULT_NODE_CIDRS = ['10.224.0.0/12'];

function toRanges(cidrs: readonly string[]): IpRange[] {
  const out: IpRange[] = [];
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (parsed.ok && parsed.family === 'ipv4') out.push(parsed.range);
  }
  return out;
}

function allWithin(addresses: readonly IpRange[], ranges: readonly IpRange[]): boolean {
  return addresses.length > 0 && addresses.every((address) => rangeWithin(address, ranges));
}

/** Kubernetes NetworkPolicy only: Calico's `projectcalico.org` NetworkPolicy shares the kind name. */
export function isKubernetesNetworkPolicy(raw: Record<string, unknown>): boolean {
  if (raw.kind !== 'NetworkPolicy') return false;
  const apiVersion = typeof raw.apiVersion === 'string' ? raw.apiVersion : '';
  return (
    apiVersion === '' || apiVersion.startsWith('networking.k8s.io/') || apiVersion === 'extensions/v1beta1'
  );
}

export class NetpolAnalysis<T extends EngineObject = EngineObject> {
  readonly engine: EngineName;
  readonly engineWhy: string;
  readonly profile: EngineProfile;
  readonly reasons = new ReasonTable();
  readonly workloads: WorkloadEndpoint<T>[];
  readonly namespaces: Map<string, NamespaceEndpointInfo>;
  readonly policies: Policy<T>[] = [];
  readonly invalid: InvalidPolicy<T>[] = [];
  /** Disjoint blocks of external sources (split by ingress ipBlocks) and destinations (split by egress ipBlocks). */
  readonly sourceBlocks: ExternalEndpoint[];
  readonly destinationBlocks: ExternalEndpoint[];

  private readonly podRanges: IpRange[];
  private readonly nodeRanges: IpRange[];
  private readonly selecting: { Ingress: Policy<T>[][]; Egress: Policy<T>[][] };
  private readonly exemptReason: { Ingress: (number | undefined)[]; Egress: (number | undefined)[] };
  private readonly allCache = new Map<number, ConnSet>();
  private readonly ruleConnCache = new Map<PolicyRule, ConnSet>();
  private readonly workloadsByNamespace = new Map<string, WorkloadEndpoint<T>[]>();
  private readonly lbPorts: ConnSet[];
  /** netpol-analyzer's virtual ingress-controller source and what Ingress/Route objects ask of it. */
  readonly ingressController: WorkloadEndpoint<T> | undefined;
  private readonly ingressControllerTargets = new Map<WorkloadEndpoint<T>, ConnSet>();
  /** AdminNetworkPolicies (by priority) and the BaselineAdminNetworkPolicy, when present. */
  readonly adminTiers: AdminTiers;

  constructor(objects: readonly T[], options: NetpolOptions = {}) {
    const defaultNamespace = options.defaultNamespace ?? 'default';
    const choice = resolveEngine(options.engine ?? 'auto', options.cluster);
    this.engine = choice.engine;
    this.engineWhy = choice.why;
    this.profile = engineProfile(choice.engine, options.k8sVersion ? { k8sVersion: options.k8sVersion } : {});
    this.podRanges = toRanges(options.podCidrs ?? DEFAULT_POD_CIDRS);
    this.nodeRanges = toRanges(options.nodeCidrs ?? DEFAULT_NODE_CIDRS);

    this.workloads = buildWorkloads(objects, defaultNamespace);
    const selectors = new SelectorCache();
    objects.forEach((object) => {
      if (!isKubernetesNetworkPolicy(object.raw)) return;
      const result = normalisePolicy(object, this.policies.length, defaultNamespace, this.reasons, selectors);
      if (isInvalid(result)) this.invalid.push(result);
      else this.policies.push(result);
    });
    const admin: AdminPolicy<T>[] = [];
    if (this.profile.enforced && this.profile.adminNetworkPolicies) {
      for (const object of objects) {
        const parsed = parseAdminPolicy(object, this.reasons);
        if (parsed) admin.push(parsed);
      }
    }
    this.adminTiers = new AdminTiers(admin);
    if (this.profile.ingressControllerSource) {
      const targets = ingressControllerTargets(objects, this.workloads, defaultNamespace);
      if (targets.size > 0) {
        this.ingressControllerTargets = targets;
        this.ingressController = {
          type: 'workload',
          index: -1,
          namespace: INGRESS_CONTROLLER_NAMESPACE,
          name: 'ingress-controller',
          kind: 'Pod',
          labels: {},
          ports: [],
          hostNetwork: false,
          windows: false,
          objects: [],
          variant: 0,
          virtual: INGRESS_CONTROLLER_NAME,
        };
      }
    }
    const referenced = new Set<string>();
    if (this.ingressController) referenced.add(INGRESS_CONTROLLER_NAMESPACE);
    for (const w of this.workloads) referenced.add(w.namespace);
    for (const p of this.policies) referenced.add(p.namespace);
    this.namespaces = buildNamespaces(objects, referenced);
    for (const w of this.workloads) {
      const list = this.workloadsByNamespace.get(w.namespace) ?? [];
      list.push(w);
      this.workloadsByNamespace.set(w.namespace, list);
    }

    const specials = [
      ...(this.profile.namedExternals
        ? [...SPECIAL_BLOCKS, ...(options.apiServerCidrs ?? []).map((cidr) => ({ name: 'API server', cidr }))]
        : []),
      ...(options.extraCidrs ?? []).map((cidr) => ({ name: '', cidr })),
    ];
    this.sourceBlocks = this.buildBlocks('Ingress', specials);
    this.destinationBlocks = this.buildBlocks('Egress', specials);

    this.selecting = { Ingress: this.workloads.map(() => []), Egress: this.workloads.map(() => []) };
    this.exemptReason = {
      Ingress: this.workloads.map((w) => this.exemption(w, 'Ingress')),
      Egress: this.workloads.map((w) => this.exemption(w, 'Egress')),
    };
    for (const policy of this.policies) {
      for (const w of this.workloadsByNamespace.get(policy.namespace) ?? []) {
        if (!matches(policy.podSelector, w.labels)) continue;
        if (policy.ingress) this.selecting.Ingress[w.index]!.push(policy);
        if (policy.egress) this.selecting.Egress[w.index]!.push(policy);
      }
    }
    this.lbPorts = this.workloads.map(() => EMPTY);
    if (this.profile.enforced && this.profile.lbIngressBypassesPolicy)
      this.computeLbPorts(objects, defaultNamespace);
  }

  private buildBlocks(
    direction: Direction,
    specials: readonly { name: string; cidr: string }[],
  ): ExternalEndpoint[] {
    const sets: IpRange[][] = [];
    for (const policy of this.policies) {
      for (const rule of (direction === 'Ingress' ? policy.ingress : policy.egress) ?? []) {
        for (const peer of rule.peers ?? [])
          if (peer.kind === 'ipBlock' && !peer.ipv6) sets.push(peer.ranges);
      }
    }
    if (direction === 'Egress')
      sets.push(...adminNetworkRanges([...this.adminTiers.admin, ...this.adminTiers.baseline]));
    const named: { name: string; range: IpRange }[] = [];
    for (const special of specials) {
      const parsed = parseCidr(special.cidr);
      if (parsed.ok && parsed.family === 'ipv4') {
        sets.push([parsed.range]);
        named.push({ name: special.name, range: parsed.range });
      }
    }
    return disjointBlocks(sets).map((range, index) => {
      const block: ExternalEndpoint = { type: 'external', index, range };
      const special = named.find((n) => n.name && n.range.start === range.start && n.range.end === range.end);
      if (special) block.special = special.name;
      return block;
    });
  }

  private readonly reasonIds = new Map<string, number>();

  /** Reason id by a short key, so hot paths do not serialise the reason each time. */
  private reasonOf(key: string, make: () => Reason): number {
    let id = this.reasonIds.get(key);
    if (id === undefined) {
      id = this.reasons.add(make());
      this.reasonIds.set(key, id);
    }
    return id;
  }

  private allFor(reason: number): ConnSet {
    let set = this.allCache.get(reason);
    if (!set) {
      set = allConnections(reason);
      this.allCache.set(reason, set);
      this.shared.add(set);
    }
    return set;
  }

  /** Why a workload is outside policy for a direction on this engine (undefined: policies apply). */
  private exemption(w: WorkloadEndpoint<T>, direction: Direction): number | undefined {
    // By a short key: called for every workload, so the reason is not serialised each time.
    if (!this.profile.enforced) return this.notEnforcedReason();
    if (w.hostNetwork && this.profile.hostNetworkIsNode) {
      return this.reasonOf(`hostNetwork:${direction}`, () => ({
        kind: 'notSelectable',
        direction,
        detail: 'host-network pod: its traffic is node traffic, not selected by NetworkPolicies',
      }));
    }
    if (w.windows && !this.profile.windowsEnforced) {
      return this.reasonOf(`windows:${direction}`, () => ({
        kind: 'notSelectable',
        direction,
        detail: `Windows pod: NetworkPolicies are not enforced on Windows nodes by ${this.engine}`,
      }));
    }
    return undefined;
  }

  private computeLbPorts(objects: readonly T[], defaultNamespace: string): void {
    for (const object of objects) {
      if (object.raw.kind !== 'Service') continue;
      const spec = (object.raw.spec ?? {}) as Record<string, unknown>;
      const meta = (object.raw.metadata ?? {}) as Record<string, unknown>;
      if (spec.type !== 'LoadBalancer' && spec.type !== 'NodePort') continue;
      if (spec.externalTrafficPolicy === 'Local') continue;
      const selector = spec.selector as Record<string, unknown> | undefined;
      if (!selector || Object.keys(selector).length === 0) continue;
      const namespace =
        object.namespace ?? (typeof meta.namespace === 'string' ? meta.namespace : defaultNamespace);
      const reason = this.reasons.add({
        kind: 'lbBypass',
        service: `${namespace}/${String(meta.name ?? '')}`,
      });
      for (const w of this.workloadsByNamespace.get(namespace) ?? []) {
        if (!Object.entries(selector).every(([k, v]) => w.labels[k] === String(v))) continue;
        for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
          const p = port as Record<string, unknown>;
          const protocol = (p.protocol === 'UDP' || p.protocol === 'SCTP' ? p.protocol : 'TCP') as Protocol;
          const target = p.targetPort ?? p.port;
          const number =
            typeof target === 'number'
              ? target
              : w.ports.find((c) => c.name === target && c.protocol === protocol)?.port;
          if (number === undefined) continue;
          this.lbPorts[w.index] = union(
            this.lbPorts[w.index]!,
            singleProtocol(protocol, [{ start: number, end: number, because: [reason] }]),
          );
        }
      }
    }
  }

  /** Valid policies that select the workload for the direction (whether or not they apply on this engine). */
  selectedBy(w: WorkloadEndpoint<T>, direction: Direction): readonly Policy<T>[] {
    return this.selecting[direction][w.index]!;
  }

  /** True when policies restrict the direction for this workload on this engine. */
  isolated(w: WorkloadEndpoint<T>, direction: Direction): boolean {
    return (
      this.exemptReason[direction][w.index] === undefined && this.selecting[direction][w.index]!.length > 0
    );
  }

  /** Workloads a policy selects. */
  policySubjects(policy: Policy<T>): WorkloadEndpoint<T>[] {
    return (this.workloadsByNamespace.get(policy.namespace) ?? []).filter((w) =>
      matches(policy.podSelector, w.labels),
    );
  }

  private peerMatches(peer: PolicyPeer, policyNamespace: string, endpoint: Endpoint<T>): boolean {
    if (endpoint.type === 'external') {
      return peer.kind === 'ipBlock' && rangeWithin(endpoint.range, peer.ranges);
    }
    const asNode = endpoint.hostNetwork && this.profile.hostNetworkIsNode;
    if (peer.kind === 'pods') {
      if (asNode) return false;
      const nsOk =
        peer.namespaces === null
          ? endpoint.namespace === policyNamespace
          : matches(peer.namespaces, this.namespaces.get(endpoint.namespace)?.labels ?? {});
      return nsOk && (peer.pods === null || matches(peer.pods, endpoint.labels));
    }
    if (asNode) {
      if (!this.profile.ipBlockMatchesNodes) return false;
      const addresses = endpoint.hostIps?.map((ip) => ({ start: ip, end: ip })) ?? this.nodeRanges;
      return allWithin(addresses, peer.ranges);
    }
    if (!this.profile.ipBlockMatchesPods) return false;
    const addresses = endpoint.podIps?.map((ip) => ({ start: ip, end: ip })) ?? this.podRanges;
    return allWithin(addresses, peer.ranges);
  }

  /** Whether an ipBlock matches every pod whose address is unknown (the pod CIDR), on this engine. */
  ipBlockCoversPods(ranges: readonly IpRange[]): boolean {
    return this.profile.ipBlockMatchesPods && allWithin(this.podRanges, ranges);
  }

  ruleMatches(rule: PolicyRule, policyNamespace: string, endpoint: Endpoint<T>): boolean {
    if (rule.peers === null) return true;
    return rule.peers.some((peer) => this.peerMatches(peer, policyNamespace, endpoint));
  }

  private hasNamedPort(rule: PolicyRule): boolean {
    return rule.ports?.some((port) => typeof port.port === 'string') ?? false;
  }

  /** The connections a rule allows towards `dst` (named ports resolve against the destination pod). */
  ruleConnections(rule: PolicyRule, dst: Endpoint<T>): ConnSet {
    const cached = this.ruleConnCache.get(rule);
    if (cached) return cached;
    const cacheable = !this.hasNamedPort(rule);
    let out: ConnSet;
    if (rule.ports === null) out = this.allFor(rule.reason);
    else {
      out = EMPTY;
      for (const port of rule.ports) {
        let start: number;
        let end: number;
        if (port.port === undefined) {
          start = 1;
          end = 65535;
        } else if (typeof port.port === 'number') {
          start = port.port;
          end = port.endPort !== undefined && this.profile.supportsEndPort ? port.endPort : port.port;
        } else {
          if (dst.type !== 'workload') continue;
          const named = dst.ports.find((c) => c.name === port.port && c.protocol === port.protocol);
          if (!named) continue;
          start = named.port;
          end = named.port;
        }
        out = union(out, singleProtocol(port.protocol, [{ start, end, because: [rule.reason] }]));
      }
    }
    if (cacheable) {
      this.ruleConnCache.set(rule, out);
      this.shared.add(out);
    }
    return out;
  }

  private sideFor(direction: Direction, subject: WorkloadEndpoint<T>): ConnSet | undefined {
    const exempt = this.exemptReason[direction][subject.index];
    if (exempt !== undefined) return this.allFor(exempt);
    const policies = this.selecting[direction][subject.index]!;
    if (policies.length === 0)
      return this.allFor(
        this.reasonOf(`notIsolated:${direction}`, () => ({ kind: 'notIsolated', direction })),
      );
    return undefined;
  }

  /** What egress at `src` allows towards `dst`, evaluated directly from the policies. */
  egress(src: Endpoint<T>, dst: Endpoint<T>): ConnSet {
    if (!this.profile.enforced) return this.allFor(this.notEnforcedReason());
    if (src.type === 'external') {
      return this.allFor(
        this.reasonOf('external:Egress', () => ({
          kind: 'notSelectable',
          direction: 'Egress',
          detail: 'external source: not subject to policy',
        })),
      );
    }
    if (src.virtual) {
      return this.allFor(
        this.reasonOf('virtual:Egress', () => ({
          kind: 'notSelectable',
          direction: 'Egress',
          detail: 'virtual ingress-controller source: not subject to policy',
        })),
      );
    }
    const fixed = this.sideFor('Egress', src);
    if (fixed && (this.adminTiers.empty || this.exemptReason.Egress[src.index] !== undefined)) return fixed;
    let networkPolicy: ConnSet | undefined;
    if (!fixed) {
      let out: ConnSet = EMPTY;
      for (const policy of this.selecting.Egress[src.index]!) {
        for (const rule of policy.egress ?? []) {
          if (this.ruleMatches(rule, policy.namespace, dst))
            out = union(out, this.ruleConnections(rule, dst));
        }
      }
      networkPolicy = union(out, this.ownNodeEgress(dst));
      if (this.adminTiers.empty) return networkPolicy;
    }
    return this.adminTiers.side(
      'Egress',
      src,
      dst,
      dst,
      this.adminContext,
      networkPolicy,
      this.notIsolatedReason('Egress'),
    );
  }

  private notIsolatedReason(direction: Direction): number {
    return this.reasonOf(`notIsolated:${direction}`, () => ({ kind: 'notIsolated', direction }));
  }

  private readonly adminContext: AdminContext = {
    namespaceLabels: (name) => this.namespaces.get(name)?.labels ?? {},
    networksMatchWorkload: (ranges, endpoint) => {
      if (endpoint.type !== 'workload' || !this.profile.ipBlockMatchesPods) return false;
      const addresses = endpoint.podIps?.map((ip) => ({ start: ip, end: ip })) ?? this.podRanges;
      return allWithin(addresses, ranges);
    },
  };

  /** What ingress at `dst` allows from `src`, evaluated directly from the policies. */
  ingress(src: Endpoint<T>, dst: Endpoint<T>): ConnSet {
    if (!this.profile.enforced) return this.allFor(this.notEnforcedReason());
    if (dst.type === 'external') {
      return this.allFor(
        this.reasonOf('external:Ingress', () => ({
          kind: 'notSelectable',
          direction: 'Ingress',
          detail: 'external destination: not subject to policy',
        })),
      );
    }
    const fixed = this.sideFor('Ingress', dst);
    if (fixed && (this.adminTiers.empty || this.exemptReason.Ingress[dst.index] !== undefined)) return fixed;
    let networkPolicy: ConnSet | undefined;
    if (!fixed) {
      let out: ConnSet = EMPTY;
      for (const policy of this.selecting.Ingress[dst.index]!) {
        for (const rule of policy.ingress ?? []) {
          if (this.ruleMatches(rule, policy.namespace, src))
            out = union(out, this.ruleConnections(rule, dst));
        }
      }
      networkPolicy = out;
      if (this.adminTiers.empty) return union(out, this.extraIngress(src, dst));
    }
    const side = this.adminTiers.side(
      'Ingress',
      dst,
      src,
      dst,
      this.adminContext,
      networkPolicy,
      this.notIsolatedReason('Ingress'),
    );
    return union(side, this.extraIngress(src, dst));
  }

  /** Connections allowed from `src` to `dst`: egress at the source AND ingress at the destination. */
  allowed(src: Endpoint<T>, dst: Endpoint<T>): ConnSet {
    return intersect(this.egress(src, dst), this.ingress(src, dst));
  }

  private notEnforcedReason(): number {
    return this.reasonOf('notEnforced', () => ({
      kind: 'notEnforced',
      detail: 'no network policy engine enforces them',
    }));
  }

  /** NPM allows egress to the pod's own node; a host-network DaemonSet has a pod on every node. */
  private ownNodeEgress(dst: Endpoint<T>): ConnSet {
    if (
      dst.type === 'workload' &&
      dst.hostNetwork &&
      dst.kind === 'DaemonSet' &&
      this.profile.hostNetworkIsNode &&
      this.profile.implicitEgressToOwnNode
    ) {
      return this.allFor(this.reasonOf('ownNode:Egress', () => ({ kind: 'ownNode', direction: 'Egress' })));
    }
    return EMPTY;
  }

  private extraIngress(src: Endpoint<T>, dst: WorkloadEndpoint<T>): ConnSet {
    if (
      src.type === 'workload' &&
      src.hostNetwork &&
      src.kind === 'DaemonSet' &&
      this.profile.hostNetworkIsNode &&
      this.profile.ingressFromOwnNode
    ) {
      return this.allFor(this.reasonOf('ownNode:Ingress', () => ({ kind: 'ownNode', direction: 'Ingress' })));
    }
    if (src.type === 'external') return this.lbPorts[dst.index]!;
    return EMPTY;
  }

  private ownerIds: number[] | undefined;

  /** Same owner (label variants of one owner print alike and are one workload to netpol-analyzer). */
  private sameOwner(a: Endpoint<T>, b: Endpoint<T>): boolean {
    if (a.type !== 'workload' || b.type !== 'workload') return false;
    if (!this.ownerIds) {
      const ids = new Map<string, number>();
      this.ownerIds = this.workloads.map((w) => {
        const name = workloadDisplayName(w);
        let id = ids.get(name);
        if (id === undefined) {
          id = ids.size;
          ids.set(name, id);
        }
        return id;
      });
    }
    return this.ownerIds[a.index] === this.ownerIds[b.index];
  }

  private readonly intersectMemo = new Map<ConnSet, Map<ConnSet, ConnSet>>();
  /** Sets built once and reused by many pairs (allow-all per reason, per-rule sets without named ports). */
  private readonly shared = new Set<ConnSet>();

  /** Intersection, memoised for the shared "allow all" sets that most pairs of open workloads combine. */
  private intersectShared(egress: ConnSet, ingress: ConnSet): ConnSet {
    const shared = this.shared;
    if (!shared.has(egress) || !shared.has(ingress)) return intersect(egress, ingress);
    let inner = this.intersectMemo.get(egress);
    if (!inner) {
      inner = new Map();
      this.intersectMemo.set(egress, inner);
    }
    let result = inner.get(ingress);
    if (!result) {
      result = intersect(egress, ingress);
      inner.set(ingress, result);
    }
    return result;
  }

  /** Two endpoints netpol-analyzer prints the same (one workload, or label variants of one owner). */
  static sameWorkload(a: Endpoint, b: Endpoint): boolean {
    return (
      a.type === 'workload' && b.type === 'workload' && workloadDisplayName(a) === workloadDisplayName(b)
    );
  }

  /**
   * Every allowed connection between distinct workloads and between workloads and external blocks,
   * computed by policy signature so that workloads selected by the same policies share the work.
   */
  forEachConnection(visit: (connection: Connection<T>) => void): void {
    this.forEachPolicyConnection(visit);
    const controller = this.ingressController;
    if (controller) {
      for (const [dst, asked] of this.ingressControllerTargets) {
        const conns = intersect(asked, this.allowed(controller, dst));
        if (!isEmpty(conns)) visit({ src: controller, dst, conns });
      }
    }
  }

  private forEachPolicyConnection(visit: (connection: Connection<T>) => void): void {
    const from = this.policyConnectionsFrom();
    for (let s = 0; s < this.workloads.length + this.sourceBlocks.length; s++) from(s, visit);
  }

  private walker: ((srcKey: number, visit: (connection: Connection<T>) => void) => void) | undefined;

  /**
   * The connections from one source (key: workload index, then source blocks), computed by policy signature so
   * that workloads selected by the same policies share the work; the shared indexes are built once.
   */
  private policyConnectionsFrom(): (srcKey: number, visit: (connection: Connection<T>) => void) => void {
    this.walker ??= this.buildWalker();
    return this.walker;
  }

  private buildWalker(): (srcKey: number, visit: (connection: Connection<T>) => void) => void {
    if (!this.adminTiers.empty) {
      // Admin tiers make a verdict depend on both ends at once: evaluate every pair directly.
      const destinations = [...this.workloads, ...this.destinationBlocks];
      return (key, visit) => {
        const src =
          key < this.workloads.length
            ? this.workloads[key]!
            : this.sourceBlocks[key - this.workloads.length]!;
        for (const dst of destinations) {
          if ((src.type === 'external' && dst.type === 'external') || this.sameOwner(src, dst)) continue;
          const conns = this.allowed(src, dst);
          if (!isEmpty(conns)) visit({ src, dst, conns });
        }
      };
    }
    const n = this.workloads.length;
    const dstCount = n + this.destinationBlocks.length;
    const dstOf = (key: number): Endpoint<T> =>
      key < n ? this.workloads[key]! : this.destinationBlocks[key - n]!;
    const srcOf = (key: number): Endpoint<T> =>
      key < n ? this.workloads[key]! : this.sourceBlocks[key - n]!;
    // Which peers each rule matches, as shared key lists and sets (identical peers share one list).
    const egressTargets = new RuleTargets(dstCount, (peer, ns, cache) =>
      this.peerTargets(peer, ns, this.destinationBlocks, cache),
    );
    const ingressTargets = new RuleTargets(n + this.sourceBlocks.length, (peer, ns, cache) =>
      this.peerTargets(peer, ns, this.sourceBlocks, cache),
    );
    const ownNodeDsts = this.workloads.filter((w) => !isEmpty(this.ownNodeEgress(w)));

    // Destinations that may admit a source: open ones, and subjects of policies whose rules name it. The rules are
    // indexed by the sources they name, so each source visits only the rules that admit it and their subjects
    // (never every destination's every rule): the work follows the connections printed.
    const openIngress: WorkloadEndpoint<T>[] = [];
    for (const w of this.workloads) if (this.sideFor('Ingress', w)) openIngress.push(w);
    interface IngressRule {
      policy: Policy<T>;
      rule: PolicyRule;
    }
    const admitAll: IngressRule[] = [];
    const rulesByKeys = new Map<readonly number[], IngressRule[]>();
    for (const policy of this.policies) {
      for (const rule of policy.ingress ?? []) {
        const keys = ingressTargets.keys(rule, policy);
        if (keys === ingressTargets.all) {
          admitAll.push({ policy, rule });
          continue;
        }
        const list = rulesByKeys.get(keys);
        if (list) list.push({ policy, rule });
        else rulesByKeys.set(keys, [{ policy, rule }]);
      }
    }
    const keyListsBySource = new Map<number, (readonly number[])[]>();
    for (const keys of rulesByKeys.keys()) {
      for (const key of keys) {
        const lists = keyListsBySource.get(key);
        if (lists) lists.push(keys);
        else keyListsBySource.set(key, [keys]);
      }
    }
    const subjectsCache = new Map<Policy<T>, WorkloadEndpoint<T>[]>();
    const subjects = (policy: Policy<T>): WorkloadEndpoint<T>[] => {
      let list = subjectsCache.get(policy);
      if (!list) {
        list = this.policySubjects(policy).filter((w) => this.isolated(w, 'Ingress'));
        subjectsCache.set(policy, list);
      }
      return list;
    };
    const lbTargets = this.workloads.filter((w) => !isEmpty(this.lbPorts[w.index]!));

    // Per source (reused): what the rules naming it admit at each isolated destination, in first-admitted order.
    const admitted: (ConnSet | undefined)[] = new Array(n).fill(undefined);
    const touched: WorkloadEndpoint<T>[] = [];
    const admitBy = (rule: IngressRule): void => {
      for (const w of subjects(rule.policy)) {
        const conns = this.ruleConnections(rule.rule, w);
        const previous = admitted[w.index];
        if (previous === undefined) {
          touched.push(w);
          admitted[w.index] = conns;
        } else admitted[w.index] = union(previous, conns);
      }
    };
    // The rules that admit every source come first for each source and give the same state each time: computed once
    // here, restored per source (the first `baseCount` entries of `touched`), instead of once per source.
    for (const rule of admitAll) admitBy(rule);
    const baseCount = touched.length;
    const baseAdmitted = touched.map((w) => admitted[w.index]);
    // The same objects for every source: their intersections with the shared egress sets are memoised too.
    for (const set of baseAdmitted) if (set) this.shared.add(set);
    /**
     * Fills `admitted` for a source and visits the destinations that may admit it, each once, without an array of
     * them per source (with thousands of open destinations, one such array per source was most of the garbage).
     */
    const forEachAdmitting = (
      srcKey: number,
      src: Endpoint<T>,
      visitDestination: (w: WorkloadEndpoint<T>) => void,
    ): void => {
      for (let i = baseCount; i < touched.length; i++) admitted[touched[i]!.index] = undefined;
      touched.length = baseCount;
      for (let i = 0; i < baseCount; i++) admitted[touched[i]!.index] = baseAdmitted[i];
      for (const keys of keyListsBySource.get(srcKey) ?? [])
        for (const rule of rulesByKeys.get(keys)!) admitBy(rule);
      if (src.type === 'workload' && !isEmpty(this.extraIngress(src, src))) {
        for (const w of this.workloads) visitDestination(w);
        return;
      }
      // Open destinations are never touched (only isolated ones are subjects): no duplicates so far.
      let lb: WorkloadEndpoint<T>[] | undefined;
      if (src.type === 'external')
        lb = lbTargets.filter((w) => admitted[w.index] === undefined && !this.sideFor('Ingress', w));
      for (const w of openIngress) visitDestination(w);
      for (const w of touched) visitDestination(w);
      if (lb) for (const w of lb) visitDestination(w);
    };

    /** Ingress of an isolated destination from `src`, once `forEachAdmitting` has filled it for that source. */
    const ingressAdmitted = (_srcKey: number, src: Endpoint<T>, dst: WorkloadEndpoint<T>): ConnSet =>
      union(admitted[dst.index] ?? EMPTY, this.extraIngress(src, dst));
    /** Ingress of an isolated destination from `src`, from its own policies' rules (a few destinations). */
    const ingressOfRules = (srcKey: number, src: Endpoint<T>, dst: WorkloadEndpoint<T>): ConnSet => {
      let out: ConnSet = EMPTY;
      for (const policy of this.selecting.Ingress[dst.index]!) {
        for (const rule of policy.ingress ?? []) {
          if (ingressTargets.set(rule, policy).has(srcKey)) out = union(out, this.ruleConnections(rule, dst));
        }
      }
      return union(out, this.extraIngress(src, dst));
    };
    type IngressOf = typeof ingressOfRules;

    const emit = (
      visit: (connection: Connection<T>) => void,
      src: Endpoint<T>,
      dst: Endpoint<T>,
      egress: ConnSet,
      srcKey: number,
      ingressFrom: IngressOf,
    ): void => {
      if (src.type === 'external' && dst.type === 'external') return;
      if (this.sameOwner(src, dst)) return;
      let ingress: ConnSet;
      if (dst.type === 'external') ingress = this.ingress(src, dst);
      else ingress = this.sideFor('Ingress', dst) ?? ingressFrom(srcKey, src, dst);
      const conns = this.intersectShared(egress, ingress);
      if (!isEmpty(conns)) visit({ src, dst, conns });
    };

    return (s, visit) => {
      const src = srcOf(s);
      if (src.type === 'external') {
        const egress = this.egress(src, src);
        forEachAdmitting(s, src, (dst) => emit(visit, src, dst, egress, s, ingressAdmitted));
        return;
      }
      const fixed = this.sideFor('Egress', src);
      if (fixed) {
        forEachAdmitting(s, src, (dst) => emit(visit, src, dst, fixed, s, ingressAdmitted));
        for (const dst of this.destinationBlocks) emit(visit, src, dst, fixed, s, ingressAdmitted);
        return;
      }
      // An isolated source: only what its egress rules name (and its own node's host-network pods).
      const towards = new Map<number, ConnSet>();
      for (const policy of this.selecting.Egress[src.index]!) {
        for (const rule of policy.egress ?? []) {
          for (const key of egressTargets.keys(rule, policy)) {
            const conns = this.ruleConnections(rule, dstOf(key));
            if (isEmpty(conns)) continue;
            const previous = towards.get(key);
            towards.set(key, previous ? union(previous, conns) : conns);
          }
        }
      }
      for (const [key, conns] of towards) {
        const dst = dstOf(key);
        emit(visit, src, dst, union(conns, this.ownNodeEgress(dst)), s, ingressOfRules);
      }
      for (const dst of ownNodeDsts)
        if (!towards.has(dst.index)) emit(visit, src, dst, this.ownNodeEgress(dst), s, ingressOfRules);
    };
  }

  /**
   * Every allowed connection from `src` (a workload or a source block), in the order `forEachConnection` visits
   * them: for output written source by source instead of one list of every connection.
   */
  forEachConnectionFrom(src: Endpoint<T>, visit: (connection: Connection<T>) => void): void {
    if (src.type === 'workload') {
      if (this.workloads[src.index] === src) this.policyConnectionsFrom()(src.index, visit);
    } else {
      const block = this.sourceBlocks[src.index] === src ? src.index : this.sourceBlocks.indexOf(src);
      if (block >= 0) this.policyConnectionsFrom()(this.workloads.length + block, visit);
    }
    const controller = this.ingressController;
    if (controller && src === controller) {
      for (const [dst, asked] of this.ingressControllerTargets) {
        const conns = intersect(asked, this.allowed(controller, dst));
        if (!isEmpty(conns)) visit({ src: controller, dst, conns });
      }
    }
  }

  connections(): Connection<T>[] {
    const out: Connection<T>[] = [];
    this.forEachConnection((c) => out.push(c));
    return out;
  }

  private peerTargets(
    peer: PolicyPeer,
    policyNamespace: string,
    peerBlocks: readonly ExternalEndpoint[],
    cache: Map<string, number[]>,
  ): number[] {
    if (peer.kind === 'pods') {
      const cacheKey = `${peer.namespaces === null ? `=${policyNamespace}` : peer.namespaces.key}|${peer.pods?.key ?? '*'}`;
      const cached = cache.get(cacheKey);
      if (cached) return cached;
      const out: number[] = [];
      const namespaces =
        peer.namespaces === null
          ? [policyNamespace]
          : [...this.namespaces.values()]
              .filter((ns) => matches(peer.namespaces!, ns.labels))
              .map((ns) => ns.name);
      for (const name of namespaces) {
        for (const w of this.workloadsByNamespace.get(name) ?? []) {
          if (this.peerMatches(peer, policyNamespace, w)) out.push(w.index);
        }
      }
      cache.set(cacheKey, out);
      return out;
    }
    // ipBlock peers do not depend on the policy namespace: cache by address ranges.
    const cacheKey = `ip:${peer.ranges.map((r) => `${r.start}-${r.end}`).join(',')}`;
    const cached = cache.get(cacheKey);
    if (cached) return cached;
    // Found from the ranges (as peerMatches decides for each workload and block), in key order.
    const workloads = this.workloadsWithin(peer.ranges).sort((a, b) => a - b);
    const n = this.workloads.length;
    const blocks = blocksWithin(peerBlocks, peer.ranges)
      .sort((a, b) => a - b)
      .map((index) => n + index);
    const out = [...workloads, ...blocks];
    cache.set(cacheKey, out);
    return out;
  }

  private addressIndexes: { pods: AddressIndex; nodes: AddressIndex } | undefined;

  /** Keys of the workloads an ipBlock with these ranges matches on this engine (peerMatches, by address index). */
  private workloadsWithin(ranges: readonly IpRange[]): number[] {
    if (!this.addressIndexes) {
      const asNode = (w: WorkloadEndpoint<T>) => w.hostNetwork && this.profile.hostNetworkIsNode;
      this.addressIndexes = {
        pods: new AddressIndex(
          this.workloads.filter((w) => !asNode(w)).map((w) => ({ key: w.index, addresses: w.podIps })),
        ),
        nodes: new AddressIndex(
          this.workloads.filter(asNode).map((w) => ({ key: w.index, addresses: w.hostIps })),
        ),
      };
    }
    const out: number[] = [];
    const side = (index: AddressIndex, unknownRanges: readonly IpRange[]) => {
      for (const key of index.within(ranges)) out.push(key);
      if (allWithin(unknownRanges, ranges)) for (const key of index.unknown) out.push(key);
    };
    if (this.profile.ipBlockMatchesNodes) side(this.addressIndexes.nodes, this.nodeRanges);
    if (this.profile.ipBlockMatchesPods) side(this.addressIndexes.pods, this.podRanges);
    return out;
  }
}

export function analyzeNetpol<T extends EngineObject>(
  objects: readonly T[],
  options: NetpolOptions = {},
): NetpolAnalysis<T> {
  return new NetpolAnalysis(objects, options);
}
