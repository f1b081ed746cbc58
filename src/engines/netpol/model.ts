import type { Labels, Selector } from '../../model/labelSelector.js';
import type { ConnSet, Protocol } from './connections.js';
import type { IpRange } from './ipv4.js';

export type JsonObject = Record<string, unknown>;

/** What the engine reads: plain Kubernetes objects. `K8sObject` from the loader fits this shape. */
export interface EngineObject {
  raw: JsonObject;
  /** Effective namespace (manifest value or the scan default); falls back to `metadata.namespace`. */
  namespace?: string;
}

export type Direction = 'Ingress' | 'Egress';

export interface ContainerPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

/** Pods grouped by owner and label variant (netpol-analyzer's workload abstraction). */
export interface WorkloadEndpoint<T extends EngineObject = EngineObject> {
  type: 'workload';
  index: number;
  namespace: string;
  /** Owner name (or the Pod's own name when it has no controller). */
  name: string;
  /** Owner kind: Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob, ReplicationController, Pod. */
  kind: string;
  labels: Labels;
  ports: readonly ContainerPort[];
  hostNetwork: boolean;
  windows: boolean;
  /** Pod IPv4 addresses from `status.podIPs` when every pod reports one; otherwise unknown. */
  podIps?: readonly number[];
  hostIps?: readonly number[];
  /** The objects (Pods or the controller) this endpoint was built from. */
  objects: T[];
  /** 0 for the first label variant of an owner, 1, 2 … for the others. */
  variant: number;
  /** A virtual peer not built from manifests (netpol-analyzer's `{ingress-controller}`), shown by this name. */
  virtual?: string;
}

export interface ExternalEndpoint {
  type: 'external';
  index: number;
  range: IpRange;
  /** Named special block (IMDS, Azure wireserver, API server) when the block is exactly one. */
  special?: string;
}

export type Endpoint<T extends EngineObject = EngineObject> = WorkloadEndpoint<T> | ExternalEndpoint;

export interface NamespaceEndpointInfo {
  name: string;
  labels: Labels;
}

export type PolicyPeer =
  | { kind: 'pods'; namespaces: Selector | null; pods: Selector | null; path: (string | number)[] }
  | {
      kind: 'ipBlock';
      cidr: string;
      except: string[];
      ranges: IpRange[];
      ipv6: boolean;
      path: (string | number)[];
    };

export interface PolicyPort {
  protocol: Protocol;
  /** Absent: every port of the protocol. */
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  direction: Direction;
  index: number;
  /** null: the rule has no `from`/`to`, so it matches every peer, external addresses included. */
  peers: PolicyPeer[] | null;
  /** null: no `ports`, so every port of every protocol. */
  ports: PolicyPort[] | null;
  reason: number;
}

export interface Policy<T extends EngineObject = EngineObject> {
  index: number;
  namespace: string;
  name: string;
  object: T;
  podSelector: Selector;
  /** Undefined when the policy does not cover that direction (policyTypes, after API defaulting). */
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
  /** True when policyTypes was defaulted rather than written. */
  defaultedTypes: boolean;
}

export interface PolicyProblem {
  path: (string | number)[];
  message: string;
}

export interface InvalidPolicy<T extends EngineObject = EngineObject> {
  namespace: string;
  name: string;
  object: T;
  problems: PolicyProblem[];
}

/** Why a connection is allowed (or the note attached to a verdict). */
export type Reason =
  | { kind: 'rule'; policy: string; direction: Direction; index: number }
  | { kind: 'notIsolated'; direction: Direction }
  | { kind: 'notEnforced'; detail: string }
  | { kind: 'notSelectable'; direction: Direction; detail: string }
  | { kind: 'ownNode'; direction: Direction }
  | { kind: 'lbBypass'; service: string }
  | { kind: 'admin'; policy: string; direction: Direction; rule: string; action: 'Allow' | 'Deny' | 'Pass' };

export function formatReason(reason: Reason): string {
  switch (reason.kind) {
    case 'rule':
      return `${reason.direction} rule #${reason.index + 1} of NetworkPolicy ${reason.policy}`;
    case 'notIsolated':
      return `no NetworkPolicy selects the ${reason.direction === 'Egress' ? 'source' : 'destination'} for ${reason.direction} (allow all)`;
    case 'notEnforced':
      return `NetworkPolicies are not enforced: ${reason.detail}`;
    case 'notSelectable':
      return `${reason.direction}: ${reason.detail}`;
    case 'ownNode':
      return reason.direction === 'Egress'
        ? 'egress to the pod’s own node is implicitly allowed by this engine'
        : 'ingress from the pod’s own node is always allowed';
    case 'admin':
      return `${reason.direction} rule "${reason.rule}" (${reason.action}) of ${reason.policy}`;
    case 'lbBypass':
      return `ingress through LoadBalancer/NodePort Service ${reason.service} (externalTrafficPolicy Cluster) is not subject to ingress policy on this engine`;
  }
}

export class ReasonTable {
  private readonly byKey = new Map<string, number>();
  readonly list: Reason[] = [];

  add(reason: Reason): number {
    const key = JSON.stringify(reason);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.list.length;
    this.list.push(reason);
    this.byKey.set(key, id);
    return id;
  }

  get(id: number): Reason {
    return this.list[id]!;
  }
}

export interface Connection<T extends EngineObject = EngineObject> {
  src: Endpoint<T>;
  dst: Endpoint<T>;
  conns: ConnSet;
}
