import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeNetpol } from '../../engines/netpol/analyze.js';
import { deployment, policy } from '../../engines/netpol/testing.js';
import { capGraph, connectivityView } from './connectivity.js';
import type { Graph } from './graph.js';

const inNamespace = (name: string) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
});

const edges = (graph: Graph) => graph.edges.map((e) => `${e.from} > ${e.to}: ${e.label}`);
const EXTERNALS = ['special:private', 'special:internet', 'special:wireserver', 'special:imds'];

describe('connectivity graph: namespaces, special peers, drill-downs', () => {
  it('draws the allowed connections between namespaces and to the special peers, per engine verdict', () => {
    // a: default-deny both ways, egress to b on 8080 only; b: ingress from a on 8080 only; c: no policy.
    const view = connectivityView(
      analyzeNetpol(
        [
          deployment('a', 'web'),
          deployment('b', 'api'),
          deployment('c', 'tool'),
          policy('a', 'deny', {
            podSelector: {},
            policyTypes: ['Ingress', 'Egress'],
            egress: [{ to: [inNamespace('b')], ports: [{ port: 8080 }] }],
          }),
          policy('b', 'from-a', {
            podSelector: {},
            policyTypes: ['Ingress'],
            ingress: [{ from: [inNamespace('a')], ports: [{ port: 8080 }] }],
          }),
        ],
        { engine: 'azure' },
      ),
    );
    assert.equal(view.engine, 'azure');
    assert.deepEqual(
      view.overview.nodes.map((n) => `${n.id} ${n.label} (${n.detail})${n.drill ? ` → ${n.drill}` : ''}`),
      [
        'ns:a a (1 workload) → drill-a',
        'ns:b b (1 workload) → drill-b',
        'ns:c c (1 workload) → drill-c',
        'special:imds IMDS (169.254.169.254)',
        'special:internet Internet (public addresses)',
        'special:private Private addresses (VNet, peered and on-premises ranges)',
        'special:wireserver Azure wireserver (168.63.129.16)',
      ],
    );
    assert.deepEqual(edges(view.overview), [
      'ns:a > ns:b: TCP 8080',
      'ns:b > ns:c: All Connections',
      ...EXTERNALS.map((to) => `ns:b > ${to}: All Connections`),
      ...EXTERNALS.map((to) => `ns:c > ${to}: All Connections`),
      ...EXTERNALS.map((from) => `${from} > ns:c: All Connections`),
    ]);
    assert.equal(view.overview.truncated, undefined);
    const a = view.drillDowns.find((d) => d.namespace === 'a')!;
    assert.equal(a.drawn, true);
    assert.deepEqual(edges(a.graph), ['wl:a/web[Deployment] > ns:b: TCP 8080']);
    const b = view.drillDowns.find((d) => d.namespace === 'b')!;
    assert.deepEqual(edges(b.graph).slice(0, 2), [
      'ns:a > wl:b/api[Deployment]: TCP 8080',
      'wl:b/api[Deployment] > ns:c: All Connections',
    ]);
  });

  it('without policies: one "any namespace" hub and one node for the namespaces alike', () => {
    const view = connectivityView(
      analyzeNetpol(
        [
          deployment('a', 'w1'),
          deployment('b', 'w2'),
          deployment('c', 'w3'),
          deployment('d', 'w4'),
          deployment('d', 'w5'),
        ],
        { engine: 'azure' },
      ),
    );
    const group = view.overview.nodes[0]!;
    assert.deepEqual(group, {
      id: 'group:0',
      label: '3 namespaces alike',
      kind: 'group',
      detail: 'a, b, c',
      members: ['a', 'b', 'c'],
    });
    assert.equal(view.overview.nodes[1]!.detail, '2 workloads, connected inside');
    const all = edges(view.overview);
    for (const node of ['group:0', 'ns:d']) {
      assert.ok(all.includes(`special:any-namespace > ${node}: All Connections`), node);
      assert.ok(all.includes(`${node} > special:any-namespace: All Connections`), node);
    }
    // Every namespace-to-namespace edge went into the hub.
    assert.deepEqual(
      all.filter((e) => /^(ns|group):\S+ > (ns|group):/.test(e)),
      [],
    );
    assert.equal(view.overview.edges.length, 20);
  });

  it('classifies external blocks: a /32 on the Internet, the IMDS address, private ranges', () => {
    const view = connectivityView(
      analyzeNetpol(
        [
          deployment('e', 'dns-client'),
          deployment('f', 'imds-client'),
          deployment('g', 'vnet-client'),
          ...[
            ['e', '8.8.8.8/32'],
            ['f', '169.254.169.254/32'],
            ['g', '192.168.0.0/16'],
          ].map(([namespace, cidr]) =>
            policy(namespace!, 'egress', {
              podSelector: {},
              policyTypes: ['Egress'],
              egress: [{ to: [{ ipBlock: { cidr } }] }],
            }),
          ),
        ],
        { engine: 'azure' },
      ),
    );
    const out = edges(view.overview).filter((e) => /^ns:[efg] > special:/.test(e));
    assert.deepEqual(out, [
      'ns:e > special:internet: All Connections',
      'ns:f > special:imds: All Connections',
      'ns:g > special:private: All Connections',
    ]);
  });

  it('draws at most maxDrillDowns namespaces; the others keep their edges as a table', () => {
    const objects = ['n1', 'n2', 'n3', 'n4'].map((ns) => deployment(ns, 'w'));
    const view = connectivityView(analyzeNetpol(objects, { engine: 'azure' }), { maxDrillDowns: 1 });
    assert.equal(view.drillDowns.length, 4);
    assert.deepEqual(
      view.drillDowns.map((d) => d.drawn),
      [true, false, false, false],
    );
    assert.equal(view.drillDownsOmitted, 3);
  });
});

describe('capGraph', () => {
  const graph: Graph = {
    id: 'g',
    title: 'g',
    nodes: [
      { id: 'ns:a', label: 'a', kind: 'namespace' },
      { id: 'ns:b', label: 'b', kind: 'namespace' },
      { id: 'ns:c', label: 'c', kind: 'namespace' },
      { id: 'ns:d', label: 'd', kind: 'namespace' },
      { id: 'special:internet', label: 'Internet', kind: 'internet' },
    ],
    edges: [
      { from: 'ns:a', to: 'ns:b', label: 'x' },
      { from: 'ns:a', to: 'ns:c', label: 'x' },
      { from: 'ns:b', to: 'ns:c', label: 'x' },
      { from: 'ns:d', to: 'special:internet', label: 'x' },
    ],
  };

  it('keeps the special peers and the best-connected nodes, and counts what it leaves out', () => {
    const capped = capGraph(graph, 3, 10);
    assert.deepEqual(
      capped.nodes.map((n) => n.id),
      ['ns:a', 'ns:b', 'special:internet'],
    );
    assert.deepEqual(edges(capped), ['ns:a > ns:b: x']);
    assert.deepEqual(capped.truncated, { nodes: 2, edges: 3 });
  });

  it('keeps edges of the special peers first when edges are capped', () => {
    const capped = capGraph(graph, 10, 1);
    assert.deepEqual(edges(capped), ['ns:d > special:internet: x']);
    assert.deepEqual(capped.truncated, { nodes: 0, edges: 3 });
    assert.equal(capGraph(graph, 10, 10).truncated, undefined);
  });
});
