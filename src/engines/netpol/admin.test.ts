/**
 * AdminNetworkPolicy tiers (v1alpha1), hand-computed: priority order, first match per port,
 * Pass to the NetworkPolicies or to the baseline, and which engines apply them at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineObject, JsonObject } from './model.js';
import { matrix, ns, pod, policy, run } from './testing.js';

function anp(name: string, priority: number, spec: JsonObject, kind = 'AdminNetworkPolicy'): EngineObject {
  return {
    raw: {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind,
      metadata: { name },
      spec: { priority, ...spec },
    },
  };
}

const base = [
  ns('a', { team: 'a' }),
  ns('b', { team: 'b' }),
  pod('a', 'x', { app: 'x' }),
  pod('b', 'y', { app: 'y' }),
];
const toB = { namespaces: { matchLabels: { team: 'b' } } };
const subjectA = { namespaces: { matchLabels: { team: 'a' } } };
const X_Y = 'a/x[Pod] => b/y[Pod]';

describe('AdminNetworkPolicy tiers', () => {
  it('Deny overrides a NetworkPolicy allow; Allow overrides a NetworkPolicy deny', () => {
    const objects = [
      ...base,
      anp('deny-8080', 10, {
        subject: subjectA,
        egress: [{ name: 'd', action: 'Deny', to: [toB], ports: [{ portNumber: { port: 8080 } }] }],
      }),
      anp('allow-9090', 20, {
        subject: subjectA,
        egress: [{ name: 'a', action: 'Allow', to: [toB], ports: [{ portNumber: { port: 9090 } }] }],
      }),
      policy('a', 'only-8080', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 8080 }] }],
      }),
    ];
    assert.equal(matrix(run(objects))[X_Y], 'TCP 9090');
  });

  it('the lower priority number wins; inside an ANP the first matching rule wins', () => {
    const objects = [
      ...base,
      anp('second', 20, { subject: subjectA, egress: [{ name: 'allow', action: 'Allow', to: [toB] }] }),
      anp('first', 5, {
        subject: subjectA,
        egress: [
          { name: 'allow-80', action: 'Allow', to: [toB], ports: [{ portNumber: { port: 80 } }] },
          { name: 'deny-tcp', action: 'Deny', to: [toB], ports: [{ portRange: { start: 1, end: 65535 } }] },
        ],
      }),
    ];
    assert.equal(matrix(run(objects))[X_Y], 'SCTP 1-65535,TCP 80,UDP 1-65535');
  });

  it('Pass hands the decision to the NetworkPolicies selecting the pod, else to the baseline', () => {
    const pass = anp('pass', 1, { subject: subjectA, egress: [{ name: 'p', action: 'Pass', to: [toB] }] });
    const baselineDeny = anp(
      'default',
      0,
      { subject: subjectA, egress: [{ name: 'deny', action: 'Deny', to: [toB] }] },
      'BaselineAdminNetworkPolicy',
    );
    assert.equal(
      matrix(run([...base, pass, baselineDeny]))[X_Y],
      undefined,
      'no NetworkPolicy: the baseline denies',
    );
    const npAllows = policy('a', 'allow-b', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'b' } } }], ports: [{ port: 443 }] }],
    });
    assert.equal(
      matrix(run([...base, pass, baselineDeny, npAllows]))[X_Y],
      'TCP 443',
      'the NetworkPolicy decides',
    );
  });

  it('only spec and netpol-analyzer apply admin tiers; the AKS engines ignore them', () => {
    const objects = [
      ...base,
      anp('deny', 1, { subject: subjectA, egress: [{ name: 'd', action: 'Deny', to: [toB] }] }),
    ];
    for (const engine of ['spec', 'netpol-analyzer'] as const)
      assert.equal(matrix(run(objects, { engine }))[X_Y], undefined);
    for (const engine of ['azure', 'calico', 'cilium'] as const)
      assert.equal(matrix(run(objects, { engine }))[X_Y], 'All Connections');
  });

  it('networks peers split the destination blocks', () => {
    const objects = [
      ...base,
      anp('no-dns', 1, {
        subject: subjectA,
        egress: [
          {
            name: 'd',
            action: 'Deny',
            to: [{ networks: ['8.8.8.8/32'] }],
            ports: [{ portNumber: { protocol: 'UDP', port: 53 } }],
          },
        ],
      }),
    ];
    const m = matrix(run(objects, { engine: 'netpol-analyzer' }), { externals: true });
    assert.equal(m['a/x[Pod] => 8.8.8.8-8.8.8.8[External]'], 'SCTP 1-65535,TCP 1-65535,UDP 1-52,54-65535');
    assert.equal(m['a/x[Pod] => 8.8.8.9-255.255.255.255[External]'], 'All Connections');
  });
});
