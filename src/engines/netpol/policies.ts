/**
 * NetworkPolicy normalisation: API defaults applied (policyTypes, protocol TCP) and the spec validated
 * as `pkg/apis/networking/validation.ValidateNetworkPolicySpec` does. A policy with any error is not
 * applied (the API server would have rejected it).
 */

import { isJsonObject as isRecord } from '../../model/json.js';
import {
  compileSelector,
  MATCH_ALL,
  type Selector,
  type SelectorProblem,
} from '../../model/labelSelector.js';
import type { Protocol } from './connections.js';
import { type IpRange, parseCidr, subtractRanges } from './ipv4.js';
import type {
  Direction,
  EngineObject,
  InvalidPolicy,
  Policy,
  PolicyPeer,
  PolicyPort,
  PolicyProblem,
  PolicyRule,
  ReasonTable,
} from './model.js';

/**
 * Compiled selectors shared by every policy that writes the same one (a cluster's policies repeat a few selectors
 * thousands of times: 127k policies, a handful of distinct `app: …` selectors per namespace). Keyed by the
 * requirements in their written order, so a shared selector is the one each policy would have compiled.
 */
export class SelectorCache {
  private readonly known = new Map<string, Selector>();

  compile(raw: unknown, problems: SelectorProblem[], path: (string | number)[]): Selector {
    const before = problems.length;
    const selector = compileSelector(raw, problems, path);
    // MATCH_ALL (no selector written) stays itself: its key differs from that of a written `{}`.
    if (problems.length > before || selector === MATCH_ALL) return selector;
    const key = JSON.stringify(selector.requirements);
    const known = this.known.get(key);
    if (known) return known;
    this.known.set(key, selector);
    return selector;
  }
}

const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*$/;

/** validation.IsValidPortName: at most 15 characters, lowercase alphanumerics and '-', a letter, no '--', no edge '-'. */
export function isValidPortName(name: string): boolean {
  return name.length >= 1 && name.length <= 15 && IANA_SVC_NAME.test(name) && !name.endsWith('-');
}

function objectNamespace(object: EngineObject, defaultNamespace: string): string {
  const meta = isRecord(object.raw.metadata) ? object.raw.metadata : {};
  return (
    object.namespace ??
    (typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : defaultNamespace)
  );
}

function normalisePort(
  raw: unknown,
  path: (string | number)[],
  problems: PolicyProblem[],
): PolicyPort | undefined {
  if (!isRecord(raw)) {
    problems.push({ path, message: 'must be an object' });
    return undefined;
  }
  const protocolRaw = raw.protocol ?? 'TCP';
  if (protocolRaw !== 'TCP' && protocolRaw !== 'UDP' && protocolRaw !== 'SCTP') {
    problems.push({
      path: [...path, 'protocol'],
      message: `Unsupported value: "${String(protocolRaw)}": supported values: "SCTP", "TCP", "UDP"`,
    });
    return undefined;
  }
  const protocol = protocolRaw as Protocol;
  const out: PolicyPort = { protocol };
  const port = raw.port;
  if (port !== undefined && port !== null) {
    if (typeof port === 'number') {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        problems.push({ path: [...path, 'port'], message: 'must be between 1 and 65535, inclusive' });
        return undefined;
      }
      out.port = port;
    } else if (typeof port === 'string') {
      if (/^\d+$/.test(port)) {
        // An IntOrString written as a quoted number is a string to the API: not a valid port name.
        problems.push({
          path: [...path, 'port'],
          message: `must contain at least one letter (a-z) ("${port}")`,
        });
        return undefined;
      }
      if (!isValidPortName(port)) {
        problems.push({ path: [...path, 'port'], message: `must be a valid IANA service name ("${port}")` });
        return undefined;
      }
      out.port = port;
    } else {
      problems.push({ path: [...path, 'port'], message: 'must be a port number or name' });
      return undefined;
    }
  }
  const endPort = raw.endPort;
  if (endPort !== undefined && endPort !== null) {
    if (out.port === undefined) {
      problems.push({
        path: [...path, 'endPort'],
        message: 'may not be specified when `port` is not specified',
      });
      return undefined;
    }
    if (typeof out.port === 'string') {
      problems.push({
        path: [...path, 'endPort'],
        message: 'may not be specified when `port` is non-numeric',
      });
      return undefined;
    }
    if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort < 1 || endPort > 65535) {
      problems.push({ path: [...path, 'endPort'], message: 'must be between 1 and 65535, inclusive' });
      return undefined;
    }
    if (endPort < out.port) {
      problems.push({ path: [...path, 'endPort'], message: 'must be greater than or equal to `port`' });
      return undefined;
    }
    out.endPort = endPort;
  }
  return out;
}

function normalisePeer(
  raw: unknown,
  path: (string | number)[],
  problems: PolicyProblem[],
  selectorProblems: SelectorProblem[],
  selectors: SelectorCache,
): PolicyPeer | undefined {
  if (!isRecord(raw)) {
    problems.push({ path, message: 'must be an object' });
    return undefined;
  }
  const hasPods = raw.podSelector !== undefined && raw.podSelector !== null;
  const hasNs = raw.namespaceSelector !== undefined && raw.namespaceSelector !== null;
  const hasIp = raw.ipBlock !== undefined && raw.ipBlock !== null;
  if (!hasPods && !hasNs && !hasIp) {
    problems.push({ path, message: 'must specify a peer' });
    return undefined;
  }
  if (hasIp && (hasPods || hasNs)) {
    problems.push({ path, message: 'may not specify both ipBlock and another peer' });
    return undefined;
  }
  if (!hasIp) {
    return {
      kind: 'pods',
      pods: hasPods ? selectors.compile(raw.podSelector, selectorProblems, [...path, 'podSelector']) : null,
      namespaces: hasNs
        ? selectors.compile(raw.namespaceSelector, selectorProblems, [...path, 'namespaceSelector'])
        : null,
      path,
    };
  }
  const block = raw.ipBlock;
  const blockPath = [...path, 'ipBlock'];
  if (!isRecord(block)) {
    problems.push({ path: blockPath, message: 'must be an object' });
    return undefined;
  }
  if (typeof block.cidr !== 'string' || block.cidr === '') {
    problems.push({ path: [...blockPath, 'cidr'], message: 'Required value' });
    return undefined;
  }
  const cidr = parseCidr(block.cidr);
  if (!cidr.ok) {
    problems.push({
      path: [...blockPath, 'cidr'],
      message: `Invalid value: "${block.cidr}": ${cidr.reason}`,
    });
    return undefined;
  }
  const exceptRaw = block.except ?? [];
  if (!Array.isArray(exceptRaw)) {
    problems.push({ path: [...blockPath, 'except'], message: 'must be a list' });
    return undefined;
  }
  const holes: IpRange[] = [];
  const except: string[] = [];
  let ok = true;
  exceptRaw.forEach((item: unknown, index) => {
    const at = [...blockPath, 'except', index];
    const text = String(item);
    except.push(text);
    const parsed = parseCidr(text);
    if (!parsed.ok) {
      problems.push({ path: at, message: `Invalid value: "${text}": ${parsed.reason}` });
      ok = false;
      return;
    }
    if (parsed.family !== cidr.family) {
      problems.push({ path: at, message: `Invalid value: "${text}": must be a strict subset of \`cidr\`` });
      ok = false;
      return;
    }
    if (parsed.family === 'ipv4' && cidr.family === 'ipv4') {
      const strict =
        cidr.range.start <= parsed.range.start &&
        parsed.range.end <= cidr.range.end &&
        (parsed.range.start !== cidr.range.start || parsed.range.end !== cidr.range.end);
      if (!strict) {
        problems.push({ path: at, message: `Invalid value: "${text}": must be a strict subset of \`cidr\`` });
        ok = false;
        return;
      }
      holes.push(parsed.range);
    }
  });
  if (!ok) return undefined;
  return {
    kind: 'ipBlock',
    cidr: block.cidr,
    except,
    ranges: cidr.family === 'ipv4' ? subtractRanges(cidr.range, holes) : [],
    ipv6: cidr.family === 'ipv6',
    path,
  };
}

function normaliseRules(
  rawRules: unknown,
  direction: Direction,
  policyName: string,
  problems: PolicyProblem[],
  selectorProblems: SelectorProblem[],
  reasons: ReasonTable,
  selectors: SelectorCache,
): PolicyRule[] {
  const key = direction === 'Ingress' ? 'ingress' : 'egress';
  const peerKey = direction === 'Ingress' ? 'from' : 'to';
  if (rawRules === undefined || rawRules === null) return [];
  if (!Array.isArray(rawRules)) {
    problems.push({ path: ['spec', key], message: 'must be a list' });
    return [];
  }
  return rawRules.map((rawRule: unknown, index): PolicyRule => {
    const rulePath = ['spec', key, index];
    const rule = isRecord(rawRule) ? rawRule : {};
    if (!isRecord(rawRule) && rawRule !== null)
      problems.push({ path: rulePath, message: 'must be an object' });
    let ports: PolicyPort[] | null = null;
    if (Array.isArray(rule.ports) && rule.ports.length > 0) {
      ports = [];
      rule.ports.forEach((rawPort: unknown, i) => {
        const port = normalisePort(rawPort, [...rulePath, 'ports', i], problems);
        if (port) ports!.push(port);
      });
    } else if (rule.ports !== undefined && rule.ports !== null && !Array.isArray(rule.ports)) {
      problems.push({ path: [...rulePath, 'ports'], message: 'must be a list' });
    }
    let peers: PolicyPeer[] | null = null;
    const rawPeers = rule[peerKey];
    if (Array.isArray(rawPeers) && rawPeers.length > 0) {
      peers = [];
      rawPeers.forEach((rawPeer: unknown, i) => {
        const peer = normalisePeer(rawPeer, [...rulePath, peerKey, i], problems, selectorProblems, selectors);
        if (peer) peers!.push(peer);
      });
    } else if (rawPeers !== undefined && rawPeers !== null && !Array.isArray(rawPeers)) {
      problems.push({ path: [...rulePath, peerKey], message: 'must be a list' });
    }
    return {
      direction,
      index,
      peers,
      ports,
      reason: reasons.add({ kind: 'rule', policy: policyName, direction, index }),
    };
  });
}

export function normalisePolicy<T extends EngineObject>(
  object: T,
  index: number,
  defaultNamespace: string,
  reasons: ReasonTable,
  selectors: SelectorCache = new SelectorCache(),
): Policy<T> | InvalidPolicy<T> {
  const meta = isRecord(object.raw.metadata) ? object.raw.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = objectNamespace(object, defaultNamespace);
  const problems: PolicyProblem[] = [];
  const selectorProblems: SelectorProblem[] = [];
  const spec = isRecord(object.raw.spec) ? object.raw.spec : undefined;
  if (!spec) {
    problems.push({ path: ['spec'], message: 'Required value' });
    return { namespace, name, object, problems };
  }
  const podSelector = selectors.compile(spec.podSelector, selectorProblems, ['spec', 'podSelector']);
  const fullName = `${namespace}/${name}`;
  const ingress = normaliseRules(
    spec.ingress,
    'Ingress',
    fullName,
    problems,
    selectorProblems,
    reasons,
    selectors,
  );
  const egress = normaliseRules(
    spec.egress,
    'Egress',
    fullName,
    problems,
    selectorProblems,
    reasons,
    selectors,
  );

  let types: Direction[];
  let defaultedTypes = false;
  const rawTypes = spec.policyTypes;
  if (Array.isArray(rawTypes) && rawTypes.length > 0) {
    types = [];
    rawTypes.forEach((value: unknown, i) => {
      if (value !== 'Ingress' && value !== 'Egress') {
        problems.push({
          path: ['spec', 'policyTypes', i],
          message: `Unsupported value: "${String(value)}": supported values: "Egress", "Ingress"`,
        });
      } else if (types.includes(value)) {
        problems.push({ path: ['spec', 'policyTypes', i], message: `Duplicate value: "${value}"` });
      } else types.push(value);
    });
  } else {
    // SetDefaults_NetworkPolicy: Ingress always, Egress when egress rules are present.
    defaultedTypes = true;
    types = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) types.push('Egress');
  }
  problems.push(...selectorProblems);
  if (problems.length > 0) return { namespace, name, object, problems };
  const policy: Policy<T> = { index, namespace, name, object, podSelector, defaultedTypes };
  if (types.includes('Ingress')) policy.ingress = ingress;
  if (types.includes('Egress')) policy.egress = egress;
  return policy;
}

export function isInvalid<T extends EngineObject>(
  value: Policy<T> | InvalidPolicy<T>,
): value is InvalidPolicy<T> {
  return 'problems' in value;
}
