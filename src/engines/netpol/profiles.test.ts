/**
 * The engine switches of research/netpol.md §4.4, each with a hand-computed matrix per engine, plus
 * `auto` resolution from the cluster model and `compareEngines`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareEngines } from './compare.js';
import type { EngineObject } from './model.js';
import { type EngineName, resolveEngine } from './profiles.js';
import { daemonSet, matrix, pod, policy, run } from './testing.js';

const ALL = 'All Connections';

function per(engines: readonly EngineName[], objects: EngineObject[], key: string, options = {}) {
  const out: Record<string, string | undefined> = {};
  for (const engine of engines)
    out[engine] = matrix(run(objects, { engine, ...options }), { externals: true })[key];
  return out;
}

describe('engine switches (AKS: Azure NPM, Calico, Cilium)', () => {
  it('ipBlockMatchesPods: "0.0.0.0/0 except IMDS" reaches pods on NPM and Calico, not on Cilium', () => {
    const objects = [
      pod('x', 'a', { app: 'a' }),
      pod('x', 'b', { app: 'b' }),
      policy('x', 'imds', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
      }),
    ];
    assert.deepEqual(
      per(['spec', 'azure', 'calico', 'cilium', 'netpol-analyzer', 'none'], objects, 'x/a[Pod] => x/b[Pod]'),
      {
        spec: ALL,
        azure: ALL,
        calico: ALL,
        cilium: undefined,
        'netpol-analyzer': undefined,
        none: ALL,
      },
    );
    // IMDS itself is blocked wherever policies are enforced.
    assert.deepEqual(
      per(['azure', 'cilium', 'none'], objects, 'x/a[Pod] => 169.254.169.254-169.254.169.254[External]'),
      { azure: undefined, cilium: undefined, none: ALL },
    );
  });

  it('implicit egress to the own node: a host-network DaemonSet is reachable on NPM, not on Cilium', () => {
    const objects = [
      pod('x', 'a', { app: 'a' }),
      daemonSet('kube-system', 'node-agent', { app: 'agent' }, true),
      policy('x', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] }),
    ];
    assert.deepEqual(
      per(
        ['spec', 'azure', 'cilium', 'netpol-analyzer'],
        objects,
        'x/a[Pod] => kube-system/node-agent[DaemonSet]',
      ),
      {
        spec: ALL,
        azure: ALL,
        cilium: undefined,
        'netpol-analyzer': undefined,
      },
    );
  });

  it('host-network pods are node traffic: not policy subjects, except for netpol-analyzer', () => {
    const objects = [
      pod('x', 'a', { app: 'a' }),
      daemonSet('x', 'node-agent', { app: 'agent' }, true),
      policy('x', 'deny-in', { podSelector: {}, policyTypes: ['Ingress'] }),
    ];
    assert.deepEqual(
      per(['spec', 'cilium', 'netpol-analyzer'], objects, 'x/a[Pod] => x/node-agent[DaemonSet]'),
      {
        spec: ALL,
        cilium: ALL,
        'netpol-analyzer': undefined,
      },
    );
    // Ingress from the pod's own node is always allowed: the DaemonSet has a pod on every node.
    assert.deepEqual(
      per(['spec', 'cilium', 'netpol-analyzer'], objects, 'x/node-agent[DaemonSet] => x/a[Pod]'),
      {
        spec: ALL,
        cilium: ALL,
        'netpol-analyzer': undefined,
      },
    );
  });

  it('ipBlockMatchesNodes: an ipBlock covering the node subnet reaches host-network pods where the engine matches node IPs', () => {
    const egressTo = (cidr: string) =>
      policy('x', 'egress', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr } }] }],
      });
    const objects = (cidr: string) => [
      pod('x', 'a', { app: 'a' }),
      daemonSet('kube-system', 'agent', { app: 'agent' }, true),
      pod('kube-system', 'exporter', { app: 'exporter' }, { hostNetwork: true }),
      egressTo(cidr),
    ];
    const key = 'x/a[Pod] => kube-system/exporter[Pod]';
    assert.deepEqual(per(['spec', 'azure', 'cilium'], objects('10.224.0.0/12'), key), {
      spec: ALL,
      azure: ALL,
      cilium: undefined,
    });
    assert.deepEqual(per(['spec', 'azure'], objects('192.168.0.0/16'), key), {
      spec: undefined,
      azure: undefined,
    });
  });

  it('externalTrafficPolicy Local keeps ingress policy in force on NPM too', () => {
    const service = (externalTrafficPolicy: string | undefined): EngineObject => ({
      raw: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'front', namespace: 'x' },
        spec: {
          type: 'NodePort',
          selector: { app: 'a' },
          ports: [{ port: 80, targetPort: 8080 }],
          externalTrafficPolicy,
        },
      },
    });
    const objects = (etp: string | undefined) => [
      pod('x', 'a', { app: 'a' }, { ports: [{ containerPort: 8080 }] }),
      service(etp),
      policy('x', 'deny-in', { podSelector: {}, policyTypes: ['Ingress'] }),
    ];
    const key = '0.0.0.0-168.63.129.15[External] => x/a[Pod]';
    assert.equal(per(['azure'], objects(undefined), key).azure, 'TCP 8080');
    assert.equal(per(['azure'], objects('Local'), key).azure, undefined);
  });

  it('load-balancer ingress bypasses ingress policy on NPM only', () => {
    const objects: EngineObject[] = [
      pod('x', 'a', { app: 'a' }, { ports: [{ name: 'http', containerPort: 8080 }] }),
      {
        raw: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'front', namespace: 'x' },
          spec: { type: 'LoadBalancer', selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'http' }] },
        },
      },
      policy('x', 'deny-in', { podSelector: {}, policyTypes: ['Ingress'] }),
    ];
    assert.deepEqual(
      per(['spec', 'azure', 'cilium'], objects, '0.0.0.0-168.63.129.15[External] => x/a[Pod]'),
      {
        spec: undefined,
        azure: 'TCP 8080',
        cilium: undefined,
      },
    );
  });

  it('endPort: honoured except on Cilium before 1.17 (AKS 1.32), where only port is enforced', () => {
    const objects = [
      pod('x', 'a', { app: 'a' }),
      pod('x', 'b', { app: 'b' }),
      policy('x', 'range', {
        podSelector: { matchLabels: { app: 'a' } },
        ingress: [{ ports: [{ port: 8000, endPort: 8080 }] }],
      }),
    ];
    assert.deepEqual(per(['azure', 'cilium'], objects, 'x/b[Pod] => x/a[Pod]', { k8sVersion: '1.31.2' }), {
      azure: 'TCP 8000-8080',
      cilium: 'TCP 8000',
    });
    assert.deepEqual(per(['cilium'], objects, 'x/b[Pod] => x/a[Pod]', { k8sVersion: '1.32.0' }), {
      cilium: 'TCP 8000-8080',
    });
  });

  it('Windows pods are outside policy on Cilium', () => {
    const objects = [
      pod('x', 'a', { app: 'a' }),
      pod('x', 'w', { app: 'w' }, { windows: true }),
      policy('x', 'deny-in', { podSelector: {}, policyTypes: ['Ingress'] }),
    ];
    assert.deepEqual(per(['azure', 'cilium'], objects, 'x/a[Pod] => x/w[Pod]'), {
      azure: undefined,
      cilium: ALL,
    });
  });

  it('none: policies exist but nothing enforces them', () => {
    const objects = [
      pod('x', 'a'),
      pod('x', 'b'),
      policy('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    ];
    assert.deepEqual(matrix(run(objects, { engine: 'none' })), {
      'x/a[Pod] => x/b[Pod]': ALL,
      'x/b[Pod] => x/a[Pod]': ALL,
    });
    assert.deepEqual(matrix(run(objects, { engine: 'spec' })), {});
  });
});

describe('auto', () => {
  const cases: [unknown, EngineName][] = [
    [undefined, 'spec'],
    [{ networkProfile: { networkPolicy: 'azure' } }, 'azure'],
    [{ networkProfile: { networkPolicy: 'calico' } }, 'calico'],
    [{ networkProfile: { networkPolicy: 'cilium', networkDataplane: 'cilium' } }, 'cilium'],
    [{ networkDataplane: { value: 'cilium' } }, 'cilium'],
    [{ networkProfile: { networkPolicy: 'none' } }, 'none'],
    [{ name: 'aks', networkProfile: {} }, 'none'],
    [{ networkPolicy: { unknown: true, reason: 'depends on var.policy' } }, 'spec'],
  ];
  for (const [cluster, expected] of cases) {
    it(`${JSON.stringify(cluster)} → ${expected}`, () => {
      assert.equal(resolveEngine('auto', cluster).engine, expected);
    });
  }
  it('an explicit engine wins over the cluster', () => {
    assert.equal(resolveEngine('cilium', { networkProfile: { networkPolicy: 'azure' } }).engine, 'cilium');
  });
});

describe('compareEngines', () => {
  it('lists exactly the verdicts that change between NPM and Cilium', () => {
    const objects = [
      pod('x', 'a', { app: 'a' }),
      pod('x', 'b', { app: 'b' }),
      policy('x', 'imds', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
      }),
    ];
    const diffs = compareEngines(objects, ['azure', 'cilium']);
    assert.deepEqual(
      diffs.map((d) => [d.source, d.destination, d.verdicts.azure, d.verdicts.cilium]),
      [
        ['x/a[Pod]', 'x/b[Pod]', ALL, 'No Connections'],
        ['x/b[Pod]', 'x/a[Pod]', ALL, 'No Connections'],
      ],
    );
  });
});
