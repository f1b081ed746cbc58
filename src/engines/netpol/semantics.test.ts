/**
 * Table tests for the NetworkPolicy semantics of research/netpol.md §4.1, with hand-computed expected
 * matrices. Every matrix is computed by both the list algorithm and the per-pair evaluation (`matrix`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from './model.js';
import { matrix, ns, pod, policy, run } from './testing.js';

const A = 'x/a[Pod]';
const B = 'x/b[Pod]';
const C = 'y/c[Pod]';
const ALL = 'All Connections';

function world(...policies: [string, string, JsonObject][]) {
  return [
    ns('x', { team: 'x' }),
    ns('y', { team: 'y' }),
    pod('x', 'a', { app: 'a' }),
    pod('x', 'b', { app: 'b' }),
    pod('y', 'c', { app: 'c' }),
    ...policies.map(([namespace, name, spec]) => policy(namespace, name, spec)),
  ];
}

const open = {
  [`${A} => ${B}`]: ALL,
  [`${A} => ${C}`]: ALL,
  [`${B} => ${A}`]: ALL,
  [`${B} => ${C}`]: ALL,
  [`${C} => ${A}`]: ALL,
  [`${C} => ${B}`]: ALL,
};

function without(...keys: string[]): Record<string, string> {
  const out: Record<string, string> = { ...open };
  for (const key of keys) delete out[key];
  return out;
}

describe('policyTypes defaulting', () => {
  it('no policies: every pair is allowed', () => {
    assert.deepEqual(matrix(run(world())), open);
  });

  it('egress rules without policyTypes default to [Ingress, Egress]: ingress is denied too', () => {
    const spec = {
      podSelector: { matchLabels: { app: 'b' } },
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 80 }] }],
    };
    assert.deepEqual(matrix(run(world(['x', 'p', spec]))), {
      [`${A} => ${C}`]: ALL,
      [`${B} => ${A}`]: 'TCP 80',
      [`${C} => ${A}`]: ALL,
    });
  });

  it('policyTypes [Egress] leaves ingress open', () => {
    const spec = {
      podSelector: { matchLabels: { app: 'b' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 80 }] }],
    };
    assert.deepEqual(matrix(run(world(['x', 'p', spec]))), {
      ...without(`${B} => ${C}`),
      [`${B} => ${A}`]: 'TCP 80',
    });
  });

  it('ingress rules only (no policyTypes) leave egress open', () => {
    const spec = { podSelector: { matchLabels: { app: 'a' } }, ingress: [] };
    assert.deepEqual(matrix(run(world(['x', 'p', spec]))), without(`${B} => ${A}`, `${C} => ${A}`));
  });

  it('protocol defaults to TCP', () => {
    const spec = { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ ports: [{ port: 53 }] }] };
    const m = matrix(run(world(['x', 'p', spec])));
    assert.equal(m[`${B} => ${A}`], 'TCP 53');
  });

  it('a port entry with a protocol and no port means every port of that protocol', () => {
    const spec = { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ ports: [{ protocol: 'UDP' }] }] };
    assert.equal(matrix(run(world(['x', 'p', spec])))[`${B} => ${A}`], 'UDP 1-65535');
  });
});

describe('selectors: empty versus absent, AND versus OR', () => {
  const onA = (ingress: unknown[]) => ({
    podSelector: { matchLabels: { app: 'a' } },
    policyTypes: ['Ingress'],
    ingress,
  });

  it('podSelector {} in a peer: every pod of the policy namespace only', () => {
    const m = matrix(run(world(['x', 'p', onA([{ from: [{ podSelector: {} }] }])])));
    assert.deepEqual(m, without(`${C} => ${A}`));
  });

  it('namespaceSelector {}: every pod of every namespace, but no external address', () => {
    const analysis = run(world(['x', 'p', onA([{ from: [{ namespaceSelector: {} }] }])]));
    assert.deepEqual(matrix(analysis), open);
    const external = Object.keys(matrix(analysis, { externals: true })).filter((k) => k.endsWith(`=> ${A}`));
    assert.deepEqual(external.sort(), [`${B} => ${A}`, `${C} => ${A}`]);
  });

  it('a rule without from: every source, external addresses included', () => {
    const m = matrix(run(world(['x', 'p', onA([{}])])), { externals: true });
    assert.equal(m[`0.0.0.0-168.63.129.15[External] => ${A}`], ALL);
    assert.equal(m[`169.254.169.254-169.254.169.254[External] => ${A}`], ALL);
  });

  it('ingress: [] with policyTypes [Ingress]: nothing comes in', () => {
    assert.deepEqual(matrix(run(world(['x', 'p', onA([])]))), without(`${B} => ${A}`, `${C} => ${A}`));
  });

  it('one peer with namespaceSelector AND podSelector: pods matching both', () => {
    const peer = {
      namespaceSelector: { matchLabels: { team: 'y' } },
      podSelector: { matchLabels: { app: 'b' } },
    };
    assert.deepEqual(
      matrix(run(world(['x', 'p', onA([{ from: [peer] }])]))),
      without(`${B} => ${A}`, `${C} => ${A}`),
    );
  });

  it('two peers: namespaceSelector OR podSelector', () => {
    const peers = [
      { namespaceSelector: { matchLabels: { team: 'y' } } },
      { podSelector: { matchLabels: { app: 'b' } } },
    ];
    assert.deepEqual(matrix(run(world(['x', 'p', onA([{ from: peers }])]))), open);
  });

  it('namespaces are matched by the kubernetes.io/metadata.name label the API server sets', () => {
    const peer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } };
    assert.deepEqual(matrix(run(world(['x', 'p', onA([{ from: [peer] }])]))), without(`${B} => ${A}`));
  });

  const exprWorld = (expression: JsonObject) => [
    pod('x', 'a', { app: 'a', tier: 'web' }),
    pod('x', 'b', { app: 'b' }),
    pod('x', 'd', { app: 'd', tier: 'db' }),
    policy('x', 'p', onA([{ from: [{ podSelector: { matchExpressions: [expression] } }] }])),
  ];
  const sourcesOfA = (expression: JsonObject) =>
    Object.keys(matrix(run(exprWorld(expression))))
      .filter((k) => k.endsWith(`=> ${A}`))
      .map((k) => k.split(' ')[0])
      .sort();

  for (const [expression, expected] of [
    [{ key: 'tier', operator: 'Exists' }, ['x/d[Pod]']],
    [{ key: 'tier', operator: 'DoesNotExist' }, ['x/b[Pod]']],
    [{ key: 'app', operator: 'In', values: ['b', 'd'] }, ['x/b[Pod]', 'x/d[Pod]']],
    [{ key: 'app', operator: 'NotIn', values: ['b'] }, ['x/d[Pod]']],
  ] as const) {
    it(`matchExpressions ${expression.key} ${expression.operator}`, () => {
      assert.deepEqual(sourcesOfA(expression as unknown as JsonObject), expected);
    });
  }
});

describe('ipBlock', () => {
  const objects = (engine: 'spec' | 'cilium') =>
    run(
      [
        pod('x', 'a', { app: 'a' }),
        pod('x', 'b', { app: 'b' }),
        pod('x', 'e', { app: 'e' }, { podIP: '10.1.2.3' }),
        policy('x', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
        }),
      ],
      { engine },
    );

  it('cidr minus except, split into disjoint external blocks', () => {
    const m = matrix(objects('cilium'), { externals: true });
    const fromA = Object.entries(m)
      .filter(([k]) => k.startsWith('x/a[Pod] =>'))
      .sort();
    assert.deepEqual(fromA, [
      ['x/a[Pod] => 10.0.0.0-10.0.255.255[External]', ALL],
      ['x/a[Pod] => 10.2.0.0-10.255.255.255[External]', ALL],
    ]);
  });

  it('matches pod IPs where the engine does (spec), by status.podIP or the pod CIDR', () => {
    const m = matrix(objects('spec'));
    assert.equal(m['x/a[Pod] => x/b[Pod]'], ALL, 'unknown pod IP: inside the default pod CIDR 10.244.0.0/16');
    assert.equal(m['x/a[Pod] => x/e[Pod]'], undefined, '10.1.2.3 is in the except');
  });
});

describe('ports', () => {
  it('named ports resolve per destination pod and protocol', () => {
    const analysis = run([
      pod('x', 'src', { app: 'src' }),
      pod('x', 'a', { app: 'a' }, { ports: [{ name: 'http', containerPort: 8080 }] }),
      pod('x', 'd', { app: 'd' }, { ports: [{ name: 'http', containerPort: 9090 }] }),
      pod('x', 'u', { app: 'u' }, { ports: [{ name: 'http', containerPort: 53, protocol: 'UDP' }] }),
      pod('x', 'n', { app: 'n' }),
      policy('x', 'p', {
        podSelector: { matchLabels: { app: 'src' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'http' }] }],
      }),
    ]);
    const fromSrc = Object.entries(matrix(analysis, { externals: true }))
      .filter(([k]) => k.startsWith('x/src[Pod] =>'))
      .sort();
    assert.deepEqual(fromSrc, [
      ['x/src[Pod] => x/a[Pod]', 'TCP 8080'],
      ['x/src[Pod] => x/d[Pod]', 'TCP 9090'],
    ]);
  });

  it('endPort opens the range', () => {
    const spec = {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [{ ports: [{ port: 8000, endPort: 8080 }] }],
    };
    assert.equal(matrix(run(world(['x', 'p', spec])))[`${B} => ${A}`], 'TCP 8000-8080');
  });

  it('policies are additive: the union of every selecting policy', () => {
    const p1 = {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80 }] }],
    };
    const p2 = {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 53, protocol: 'UDP' }] },
        { from: [{ namespaceSelector: { matchLabels: { team: 'y' } } }], ports: [{ port: 443 }] },
      ],
    };
    const m = matrix(run(world(['x', 'p1', p1], ['x', 'p2', p2])));
    assert.equal(m[`${B} => ${A}`], 'TCP 80,UDP 53');
    assert.equal(m[`${C} => ${A}`], 'TCP 443');
  });
});

describe('both directions', () => {
  it('egress at the source AND ingress at the destination are both required', () => {
    const egressB = {
      podSelector: { matchLabels: { app: 'b' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'c' } } }] }],
    };
    const ingressC = {
      podSelector: { matchLabels: { app: 'c' } },
      ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } }] }],
    };
    assert.deepEqual(matrix(run(world(['x', 'eb', egressB], ['y', 'ic', ingressC]))), {
      [`${A} => ${B}`]: ALL,
      [`${A} => ${C}`]: ALL,
      [`${C} => ${A}`]: ALL,
      [`${C} => ${B}`]: ALL,
    });
  });

  it('a workload never appears talking to itself', () => {
    const analysis = run([
      {
        raw: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'x' },
          spec: { replicas: 3, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } } },
        },
      },
      pod('x', 'b', { app: 'b' }),
    ]);
    assert.deepEqual(Object.keys(matrix(analysis)).sort(), [
      'x/b[Pod] => x/web[Deployment]',
      'x/web[Deployment] => x/b[Pod]',
    ]);
  });

  it('pods of one owner with different labels are distinct endpoints with one name', () => {
    const owned = (name: string, labels: Record<string, string>) => {
      const object = pod('x', name, labels);
      (object.raw.metadata as JsonObject).ownerReferences = [
        { kind: 'ReplicaSet', name: 'rs', controller: true },
      ];
      return object;
    };
    const analysis = run([
      owned('rs-1', { app: 'rs', v: '1' }),
      owned('rs-2', { app: 'rs', v: '2' }),
      pod('x', 'b', { app: 'b' }),
      policy('x', 'p', { podSelector: { matchLabels: { v: '1' } }, ingress: [] }),
    ]);
    assert.equal(analysis.workloads.length, 3);
    assert.deepEqual(matrix(analysis), {
      'x/b[Pod] => x/rs[ReplicaSet]': ALL,
      'x/rs[ReplicaSet] => x/b[Pod]': ALL,
    });
  });
});

describe('validation, as the API server validates', () => {
  const problemsOf = (spec: JsonObject) => {
    const analysis = run([pod('x', 'a'), policy('x', 'bad', spec)]);
    assert.equal(analysis.policies.length, 0, 'an invalid policy is not applied');
    return analysis.invalid[0]!.problems.map((p) => p.message);
  };
  const egressTo = (peer: JsonObject) => ({
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [peer] }],
  });

  it('the AKS docs IMDS example 10.10.0.0/0#example is not a CIDR', () => {
    const spec = egressTo({ ipBlock: { cidr: '10.10.0.0/0#example', except: ['169.254.169.254/32'] } });
    assert.match(
      problemsOf(spec)[0]!,
      /Invalid value: "10\.10\.0\.0\/0#example": must be a valid CIDR value/,
    );
  });

  it('bits beyond the prefix are rejected under strict CIDR validation', () => {
    assert.match(
      problemsOf(egressTo({ ipBlock: { cidr: '10.10.0.0/0' } }))[0]!,
      /bits set beyond the prefix/,
    );
  });

  it('leading zeros are rejected', () => {
    assert.match(problemsOf(egressTo({ ipBlock: { cidr: '010.0.0.0/8' } }))[0]!, /leading zeros/);
  });

  it('except must be a strict subset of cidr', () => {
    for (const except of ['10.1.0.0/24', '10.0.0.0/16']) {
      const spec = egressTo({ ipBlock: { cidr: '10.0.0.0/16', except: [except] } });
      assert.match(problemsOf(spec)[0]!, /must be a strict subset of `cidr`/);
    }
  });

  it('a peer must have exactly one of ipBlock or selectors', () => {
    assert.deepEqual(problemsOf(egressTo({})), ['must specify a peer']);
    assert.deepEqual(problemsOf(egressTo({ podSelector: {}, ipBlock: { cidr: '10.0.0.0/8' } })), [
      'may not specify both ipBlock and another peer',
    ]);
  });

  it('endPort needs a numeric port no greater than itself', () => {
    const withPorts = (ports: JsonObject[]) => ({ podSelector: {}, ingress: [{ ports }] });
    assert.deepEqual(problemsOf(withPorts([{ port: 'http', endPort: 90 }])), [
      'may not be specified when `port` is non-numeric',
    ]);
    assert.deepEqual(problemsOf(withPorts([{ endPort: 90 }])), [
      'may not be specified when `port` is not specified',
    ]);
    assert.deepEqual(problemsOf(withPorts([{ port: 100, endPort: 90 }])), [
      'must be greater than or equal to `port`',
    ]);
  });

  it('only TCP, UDP and SCTP', () => {
    const spec = { podSelector: {}, ingress: [{ ports: [{ protocol: 'ICMP', port: 1 }] }] };
    assert.match(problemsOf(spec)[0]!, /Unsupported value: "ICMP"/);
  });

  it('matchExpressions operators and values', () => {
    const spec = { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } };
    assert.match(problemsOf(spec)[0]!, /must be specified when `operator` is 'In' or 'NotIn'/);
  });

  it('Calico projectcalico.org NetworkPolicy objects are not Kubernetes NetworkPolicies', () => {
    const calico = policy('x', 'calico', { podSelector: {}, policyTypes: ['Ingress'] });
    calico.raw.apiVersion = 'projectcalico.org/v3';
    const analysis = run([pod('x', 'a'), pod('x', 'b'), calico]);
    assert.equal(analysis.policies.length + analysis.invalid.length, 0);
    assert.equal(Object.keys(matrix(analysis)).length, 2);
  });

  it('a valid policy is applied', () => {
    const analysis = run([pod('x', 'a'), policy('x', 'ok', egressTo({ ipBlock: { cidr: '0.0.0.0/0' } }))]);
    assert.equal(analysis.invalid.length, 0);
    assert.equal(analysis.policies.length, 1);
  });
});
