/**
 * The structures that keep `netpol list` linear at 50,000 pods: pod addresses appended in place per owner, lines
 * de-duplicated after sorting, and the per-source ingress index of the connection walk (checked against per-pair
 * evaluation on a cluster of the benchmark's shape: cross-namespace rules, ipBlocks, open namespaces).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCluster, REAL_CLUSTER } from '../../../bench/netpol/generate.js';
import { compareCodePoints } from '../../model/order.js';
import { analyzeNetpol } from './analyze.js';
import { allConnections, type ConnSet, formatConnSet, fromRanges } from './connections.js';
import { type ConnectionLine, connectionLines, endpointName } from './format.js';
import type { Connection, EngineObject, WorkloadEndpoint } from './model.js';
import { matrix, ns, pod, policy } from './testing.js';
import { buildWorkloads } from './workloads.js';

function ownedPod(name: string, status: Record<string, unknown> | undefined): EngineObject {
  const raw: Record<string, unknown> = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      labels: { app: 'web' },
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', controller: true }],
    },
    spec: { containers: [{ name: 'web' }] },
  };
  if (status) raw.status = status;
  return { raw };
}

describe('pod addresses of one owner', () => {
  const cases: {
    name: string;
    statuses: (Record<string, unknown> | undefined)[];
    podIps: number[] | undefined;
    hostIps: number[] | undefined;
  }[] = [
    {
      name: 'every pod reports its addresses: all of them, in input order',
      statuses: [
        { podIP: '10.0.0.1', hostIP: '10.1.0.1' },
        { podIPs: [{ ip: '10.0.0.2' }, { ip: '10.0.0.3' }], hostIP: '10.1.0.2' },
        { podIP: '10.0.0.4', hostIP: '10.1.0.1' },
      ],
      podIps: [0x0a000001, 0x0a000002, 0x0a000003, 0x0a000004],
      hostIps: [0x0a010001, 0x0a010002, 0x0a010001],
    },
    {
      name: 'one pod without an address: the owner’s addresses are unknown',
      statuses: [{ podIP: '10.0.0.1', hostIP: '10.1.0.1' }, { hostIP: '10.1.0.2' }, { podIP: '10.0.0.4' }],
      podIps: undefined,
      hostIps: undefined,
    },
    {
      name: 'the first pod without an address: unknown even when the others report one',
      statuses: [undefined, { podIP: '10.0.0.2', hostIP: '10.1.0.2' }],
      podIps: undefined,
      hostIps: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const objects = c.statuses.map((status, index) => ownedPod(`web-abc-${index}`, status));
      const [endpoint, ...others] = buildWorkloads(objects, 'default');
      assert.equal(others.length, 0);
      assert.deepEqual(endpoint!.podIps, c.podIps);
      assert.deepEqual(endpoint!.hostIps, c.hostIps);
      assert.equal(endpoint!.objects.length, c.statuses.length);
    });
  }
});

/** The lines as they were computed before: de-duplicated by a key per line, then sorted (stable). */
function referenceLines(connections: readonly Connection[]): ConnectionLine[] {
  const seen = new Set<string>();
  const out: ConnectionLine[] = [];
  for (const c of connections) {
    const line = { src: endpointName(c.src), dst: endpointName(c.dst), conn: formatConnSet(c.conns) };
    const key = `${line.src}\u0000${line.dst}\u0000${line.conn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(line);
  }
  return out.sort((a, b) => compareCodePoints(a.src, b.src) || compareCodePoints(a.dst, b.dst));
}

function workload(index: number, name: string, variant: number): WorkloadEndpoint {
  return {
    type: 'workload',
    index,
    namespace: 'ns',
    name,
    kind: 'Deployment',
    labels: { variant: String(variant) },
    ports: [],
    hostNetwork: false,
    windows: false,
    objects: [],
    variant,
  };
}

describe('connection lines', () => {
  // Label variants print alike: lines of one source and destination may differ only by their connections.
  const a0 = workload(0, 'a', 0);
  const a1 = workload(1, 'a', 1);
  const b0 = workload(2, 'b', 0);
  const b1 = workload(3, 'b', 1);
  const tcp80 = fromRanges([{ protocol: 'TCP', start: 80, end: 80 }], 0);
  const udp53 = fromRanges([{ protocol: 'UDP', start: 53, end: 53 }], 0);
  const all = allConnections(0);

  it('keeps the first of each line, in the order they came, sorted by source then destination', () => {
    const c = (src: WorkloadEndpoint, dst: WorkloadEndpoint, conns: ConnSet): Connection => ({
      src,
      dst,
      conns,
    });
    const lines = connectionLines([
      c(b0, a0, tcp80),
      c(a0, b0, udp53),
      c(a1, b1, tcp80),
      c(a0, b1, udp53),
      c(a1, b0, all),
      c(b1, a1, tcp80),
    ]).map((l) => `${l.src} => ${l.dst} : ${l.conn}`);
    assert.deepEqual(lines, [
      'ns/a[Deployment] => ns/b[Deployment] : UDP 53',
      'ns/a[Deployment] => ns/b[Deployment] : TCP 80',
      'ns/a[Deployment] => ns/b[Deployment] : All Connections',
      'ns/b[Deployment] => ns/a[Deployment] : TCP 80',
    ]);
  });

  it('gives the lines of de-duplicating first on random lists with repeats', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const endpoints = [a0, a1, b0, b1, workload(4, 'c', 0), workload(5, 'a', 2)];
    const sets = [tcp80, udp53, all];
    for (let round = 0; round < 200; round++) {
      const list: Connection[] = [];
      for (let index = random(40); index > 0; index--)
        list.push({ src: endpoints[random(6)]!, dst: endpoints[random(6)]!, conns: sets[random(3)]! });
      assert.deepEqual(connectionLines(list), referenceLines(list));
    }
  });
});

describe('the connection walk on a cluster of the benchmark’s shape', () => {
  const { objects } = generateCluster({ ...REAL_CLUSTER, namespaces: 40, cidrPool: 20 });
  for (const engine of ['spec', 'azure', 'calico'] as const) {
    it(`${engine}: every source's connections are those of per-pair evaluation`, () => {
      const connections = Object.keys(matrix(analyzeNetpol(objects, { engine }), { externals: true }));
      // Cross-namespace rules (team monitoring) make some workloads reachable from many namespaces.
      assert.ok(connections.length > 1000, `${connections.length} connections`);
    });
  }
});

describe('ipBlock peers found by address', () => {
  // Pods with and without addresses, host-network pods, and ipBlocks with excepts that cut through them: the peers
  // found from the ranges must be those peerMatches gives for each endpoint (per-pair evaluation), on every engine.
  let seed = 11;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const cidrs = [
    '10.244.0.0/16',
    '10.244.1.0/24',
    '10.224.0.0/12',
    '10.0.0.0/8',
    '0.0.0.0/0',
    '10.244.1.7/32',
    '10.244.0.4/30',
    '10.244.2.0/29',
  ];
  for (let round = 0; round < 6; round++) {
    const objects: EngineObject[] = [ns('a'), ns('b')];
    for (let index = 0; index < 12; index++) {
      const extras: Parameters<typeof pod>[3] = {};
      if (random(3) > 0) extras.podIP = `10.244.${random(3)}.${random(12)}`;
      if (random(5) === 0) extras.hostNetwork = true;
      // Pods of one ReplicaSet make one workload with several addresses (matched only when all are inside).
      const made = pod(index % 2 ? 'a' : 'b', `p${index}`, { app: `x${index % 4}` }, extras);
      const meta = made.raw.metadata as Record<string, unknown>;
      if (index % 3 > 0)
        meta.ownerReferences = [{ kind: 'ReplicaSet', name: `rs${index % 4}`, controller: true }];
      objects.push(made);
    }
    for (let index = 0; index < 6; index++) {
      const cidr = cidrs[random(cidrs.length)]!;
      const except = random(2) ? ['10.244.1.0/28'] : [];
      const block = { cidr, ...(except.length > 0 && cidr !== '10.244.1.7/32' ? { except } : {}) };
      objects.push(
        policy(index % 2 ? 'a' : 'b', `ip${index}`, {
          podSelector: { matchLabels: { app: `x${random(4)}` } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ ipBlock: block }] }],
          egress: [{ to: [{ ipBlock: block }], ports: [{ port: 443 }] }],
        }),
      );
    }
    for (const engine of ['spec', 'azure', 'calico', 'cilium', 'netpol-analyzer'] as const) {
      it(`cluster ${round + 1}, ${engine}: the walk equals per-pair evaluation`, () => {
        matrix(analyzeNetpol(objects, { engine }), { externals: true });
      });
    }
  }
});

describe('ipBlock peers of workloads with several addresses', () => {
  const owned = (name: string, ip: string, owner: string, app: string) => {
    const made = pod('a', name, { app }, { podIP: ip });
    (made.raw.metadata as Record<string, unknown>).ownerReferences = [
      { kind: 'ReplicaSet', name: owner, controller: true },
    ];
    return made;
  };
  const objects = [
    ns('a'),
    owned('split-0', '10.244.1.5', 'split', 'split'),
    owned('split-1', '10.244.2.5', 'split', 'split'),
    owned('inside-0', '10.244.1.6', 'inside', 'inside'),
    owned('inside-1', '10.244.1.7', 'inside', 'inside'),
    pod('a', 'client', { app: 'client' }, { podIP: '10.244.3.1' }),
    policy('a', 'to-block', {
      podSelector: { matchLabels: { app: 'client' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.244.1.0/24' } }] }],
    }),
  ];
  it('matches a workload only when every one of its pods is inside the block', () => {
    const lines = Object.entries(matrix(analyzeNetpol(objects, { engine: 'spec' }), { externals: true }))
      .filter(([pair]) => pair.startsWith('a/client'))
      .map(([pair, conns]) => `${pair} : ${conns}`);
    assert.deepEqual(lines.sort(), [
      'a/client[Pod] => 10.244.1.0-10.244.1.255[External] : All Connections',
      'a/client[Pod] => a/inside[ReplicaSet] : All Connections',
    ]);
  });
});
