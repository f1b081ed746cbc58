/**
 * `aksguard fix netpol`: NetworkPolicies that close the zero-trust gaps — per namespace a default-deny
 * (Ingress and Egress) with the DNS egress it needs, allow policies for the intended connections, and
 * IMDS kept out in the form that works on the engine in use — verified by re-running the engine.
 */

import { analyzeNetpol, type NetpolOptions } from '../engines/netpol/analyze.js';
import { contains, type Protocol } from '../engines/netpol/connections.js';
import { endpointName } from '../engines/netpol/format.js';
import type { Endpoint, EngineObject, JsonObject, WorkloadEndpoint } from '../engines/netpol/model.js';
import { parseAddress, parsePortQuery, resolveEndpoints } from '../engines/netpol/query.js';
import { lazyRequire } from '../lazyRequire.js';

const yamlPackage = lazyRequire<typeof import('yaml')>('yaml');

export const IMDS_CIDR = '169.254.169.254/32';

/** One intended connection. `from`/`to`: `ns/workload`, `internet`, or an IPv4 CIDR. */
export interface Intent {
  from: string;
  to: string;
  /** `8080`, `53/UDP`; absent: every port. */
  ports?: string[];
}

export class IntentError extends Error {}

/** Selects every pod of the namespace and allows nothing: the zero-trust starting point. */
export function defaultDenySpec() {
  return { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
}

/** Egress to the cluster DNS (CoreDNS in kube-system), which a default-deny namespace still needs. */
export function allowDnsSpec() {
  return {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  };
}

/** Reads an intent file: `connections: [{from, to, ports}]` (YAML or JSON). */
export function parseIntents(text: string): Intent[] {
  let doc: unknown;
  try {
    doc = yamlPackage().parse(text);
  } catch (error) {
    throw new IntentError(`intent file is not YAML: ${(error as Error).message}`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { connections?: unknown } | null)?.connections;
  if (!Array.isArray(list))
    throw new IntentError('intent file needs a `connections:` list of {from, to, ports}');
  return list.map((item, index) => {
    const entry = item as Record<string, unknown>;
    if (typeof entry?.from !== 'string' || typeof entry.to !== 'string') {
      throw new IntentError(`connections[${index}]: needs from and to`);
    }
    const intent: Intent = { from: entry.from, to: entry.to };
    if (entry.ports !== undefined) {
      if (!Array.isArray(entry.ports)) throw new IntentError(`connections[${index}].ports must be a list`);
      intent.ports = entry.ports.map(String);
      for (const port of intent.ports) {
        if (!parsePortQuery(port))
          throw new IntentError(`connections[${index}].ports: "${port}" is not N or N/PROTOCOL`);
      }
    }
    return intent;
  });
}

export interface FixOptions {
  engine: NonNullable<NetpolOptions['engine']>;
  cluster?: unknown;
  defaultNamespace?: string;
  intents?: Intent[];
  /** Also cover kube-* namespaces (off by default: a default-deny there breaks cluster add-ons). */
  includeSystemNamespaces?: boolean;
}

export interface Verification {
  /** Intended connections (per resolved pair and port) now allowed. */
  allowed: string[];
  /** Intended connections still denied (should be none). */
  denied: string[];
  /** Whether any covered workload can still reach IMDS. */
  imdsReachable: string[];
}

export interface FixResult {
  engine: string;
  policies: JsonObject[];
  yaml: string;
  verification: Verification;
  /** What else the cluster needs for these policies to hold (e.g. an engine that enforces them). */
  notes: string[];
}

const HASH_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'pod-template-generation']);

function selectorLabels(w: WorkloadEndpoint): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(w.labels)) if (!HASH_LABELS.has(key)) out[key] = value;
  return out;
}

function dnsName(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'x'
  );
}

function portsOf(intent: Intent): JsonObject[] | undefined {
  if (!intent.ports) return undefined;
  return intent.ports.map((text) => {
    const q = parsePortQuery(text)!;
    return { protocol: q.protocol, port: q.port };
  });
}

function workloadPeer(w: WorkloadEndpoint): JsonObject {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': w.namespace } },
    podSelector: { matchLabels: selectorLabels(w) },
  };
}

/**
 * Peers for an external destination. The IMDS address is always excepted. On Cilium an ipBlock never
 * matches pods or nodes, so "anywhere" also needs a selector peer for in-cluster destinations.
 */
function externalPeers(cidr: string, engine: string, direction: 'to' | 'from'): JsonObject[] {
  const range = parseAddress(cidr)!;
  const imds = parseAddress(IMDS_CIDR)!;
  const block: JsonObject = { cidr };
  const containsImds = range.start <= imds.start && imds.end <= range.end;
  if (direction === 'to' && containsImds && cidr !== IMDS_CIDR) block.except = [IMDS_CIDR];
  const peers: JsonObject[] = [{ ipBlock: block }];
  if (engine === 'cilium' && cidr === '0.0.0.0/0') peers.push({ namespaceSelector: {} });
  return peers;
}

function isSystemNamespace(name: string): boolean {
  return (
    name.startsWith('kube-') ||
    name === 'gatekeeper-system' ||
    name === 'calico-system' ||
    name === 'tigera-operator'
  );
}

interface RuleSet {
  namespace: string;
  name: string;
  podSelector: JsonObject;
  ingress: JsonObject[];
  egress: JsonObject[];
}

export function fixNetpol(objects: readonly EngineObject[], options: FixOptions): FixResult {
  const analysisOptions: NetpolOptions = {
    engine: options.engine,
    ...(options.cluster !== undefined ? { cluster: options.cluster } : {}),
    ...(options.defaultNamespace ? { defaultNamespace: options.defaultNamespace } : {}),
  };
  const before = analyzeNetpol(objects, analysisOptions);
  const engine = before.engine;
  const namespaces = [...new Set(before.workloads.map((w) => w.namespace))]
    .filter((ns) => options.includeSystemNamespaces || !isSystemNamespace(ns))
    .sort();

  const policies: JsonObject[] = [];
  const policy = (namespace: string, name: string, spec: JsonObject): JsonObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'aksguard' } },
    spec,
  });
  for (const namespace of namespaces) {
    policies.push(policy(namespace, 'default-deny', defaultDenySpec()));
    policies.push(policy(namespace, 'allow-dns', allowDnsSpec()));
  }

  // Allow policies: one per workload and direction, gathering every intended connection.
  const ruleSets = new Map<string, RuleSet>();
  const ruleSet = (w: WorkloadEndpoint, direction: 'ingress' | 'egress'): RuleSet => {
    const key = `${w.namespace}/${w.name}/${w.variant}/${direction}`;
    let set = ruleSets.get(key);
    if (!set) {
      set = {
        namespace: w.namespace,
        name: `allow-${dnsName(w.name)}${w.variant > 0 ? `-v${w.variant}` : ''}-${direction}`,
        podSelector: { matchLabels: selectorLabels(w) },
        ingress: [],
        egress: [],
      };
      ruleSets.set(key, set);
    }
    return set;
  };
  const resolve = (text: string, side: 'source' | 'destination'): WorkloadEndpoint[] | string => {
    const cidr = text.toLowerCase() === 'internet' ? '0.0.0.0/0' : text;
    if (parseAddress(cidr)) return cidr.includes('/') ? cidr : `${cidr}/32`;
    const found = resolveEndpoints(before, text, side).filter(
      (e): e is WorkloadEndpoint => e.type === 'workload',
    );
    if (found.length === 0)
      throw new IntentError(`intent endpoint "${text}": no such workload in the manifests`);
    return found;
  };
  for (const intent of options.intents ?? []) {
    const from = resolve(intent.from, 'source');
    const to = resolve(intent.to, 'destination');
    if (typeof from === 'string' && typeof to === 'string') {
      throw new IntentError(`intent ${intent.from} -> ${intent.to}: at least one side must be a workload`);
    }
    const ports = portsOf(intent);
    const withPorts = (rule: JsonObject): JsonObject => (ports ? { ...rule, ports } : rule);
    if (typeof from !== 'string') {
      const peers = typeof to === 'string' ? externalPeers(to, engine, 'to') : to.map(workloadPeer);
      for (const w of from) ruleSet(w, 'egress').egress.push(withPorts({ to: peers }));
    }
    if (typeof to !== 'string') {
      const peers = typeof from === 'string' ? externalPeers(from, engine, 'from') : from.map(workloadPeer);
      for (const w of to) ruleSet(w, 'ingress').ingress.push(withPorts({ from: peers }));
    }
  }
  for (const set of ruleSets.values()) {
    const spec: JsonObject = { podSelector: set.podSelector };
    if (set.ingress.length > 0) spec.policyTypes = ['Ingress'];
    if (set.egress.length > 0) spec.policyTypes = ['Egress'];
    if (set.ingress.length > 0) spec.ingress = set.ingress;
    if (set.egress.length > 0) spec.egress = set.egress;
    policies.push(policy(set.namespace, set.name, spec));
  }

  const verification = verify(objects, policies, analysisOptions, options.intents ?? []);
  const yaml = policies.map((p) => yamlPackage().stringify(p, { lineWidth: 0 })).join('---\n');
  const notes: string[] = [];
  if (!before.profile.enforced) {
    notes.push(
      'the cluster has no network policy engine, so no NetworkPolicy is enforced: enable one (AKS: Azure CNI powered by Cilium, `az aks update -g <rg> -n <cluster> --network-dataplane cilium`), and restrict IMDS with `--enable-imds-restriction`',
    );
  }
  if (engine === 'cilium' && (options.intents ?? []).some((i) => /^(internet|0\.0\.0\.0\/0)$/i.test(i.to))) {
    notes.push(
      'Cilium: an ipBlock never matches pods or nodes, so "anywhere" egress also carries a `namespaceSelector: {}` peer for in-cluster destinations',
    );
  }
  return { engine, policies, yaml, verification, notes };
}

/** Re-runs the engine on the inputs plus the generated policies and checks every intent and IMDS. */
function verify(
  objects: readonly EngineObject[],
  policies: JsonObject[],
  options: NetpolOptions,
  intents: readonly Intent[],
): Verification {
  const after = analyzeNetpol([...objects, ...policies.map((raw) => ({ raw }))], options);
  const result: Verification = { allowed: [], denied: [], imdsReachable: [] };
  const endpoints = (text: string, side: 'source' | 'destination'): Endpoint[] => {
    const cidr = text.toLowerCase() === 'internet' ? '8.8.8.8' : text;
    return resolveEndpoints(after, cidr, side);
  };
  for (const intent of intents) {
    const ports = intent.ports?.map((p) => parsePortQuery(p)!) ?? [undefined];
    for (const src of endpoints(intent.from, 'source')) {
      for (const dst of endpoints(intent.to, 'destination')) {
        if (src.type === 'external' && dst.type === 'external') continue;
        const conns = after.allowed(src, dst);
        for (const port of ports) {
          const ok = port
            ? contains(conns, port.protocol as Protocol, port.port) !== undefined
            : conns.TCP.length > 0;
          const label = `${endpointName(src)} => ${endpointName(dst)}${port ? ` ${port.protocol} ${port.port}` : ''}`;
          (ok ? result.allowed : result.denied).push(label);
        }
      }
    }
  }
  const imdsIp = parseAddress(IMDS_CIDR)!.start;
  const imds = after.destinationBlocks.find((b) => b.range.start <= imdsIp && imdsIp <= b.range.end)!;
  const covered = new Set(policies.map((p) => (p.metadata as { namespace: string }).namespace));
  for (const w of after.workloads) {
    if (!covered.has(w.namespace) || w.hostNetwork) continue;
    const conns = after.allowed(w, imds);
    if (conns.TCP.length + conns.UDP.length + conns.SCTP.length > 0)
      result.imdsReachable.push(endpointName(w));
  }
  return result;
}
