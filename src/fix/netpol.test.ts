import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeNetpol } from '../engines/netpol/analyze.js';
import { contains } from '../engines/netpol/connections.js';
import type { EngineObject, JsonObject } from '../engines/netpol/model.js';
import { resolveEndpoints } from '../engines/netpol/query.js';
import { daemonSet, pod } from '../engines/netpol/testing.js';
import { fixNetpol, IntentError, parseIntents } from './netpol.js';

const objects: EngineObject[] = [
  pod('shop', 'frontend', { app: 'frontend', 'pod-template-hash': 'abc' }),
  pod('shop', 'backend', { app: 'backend' }, { ports: [{ containerPort: 8080 }] }),
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }),
  daemonSet('kube-system', 'kube-proxy', { app: 'kube-proxy' }, true),
];

const intents = parseIntents(`connections:
  - { from: shop/frontend, to: shop/backend, ports: [8080] }
  - { from: shop/frontend, to: internet, ports: [443] }
`);

function allowed(
  all: EngineObject[],
  engine: 'azure' | 'cilium',
  from: string,
  to: string,
  port: number,
  protocol: 'TCP' | 'UDP' = 'TCP',
) {
  const analysis = analyzeNetpol(all, { engine });
  const [src] = resolveEndpoints(analysis, from, 'source');
  const [dst] = resolveEndpoints(analysis, to, 'destination');
  return contains(analysis.allowed(src!, dst!), protocol, port) !== undefined;
}

describe('fix netpol', () => {
  it('per namespace a default-deny and the DNS egress it needs; system namespaces left alone', () => {
    const result = fixNetpol(objects, { engine: 'azure' });
    assert.deepEqual(
      result.policies.map(
        (p) => `${(p.metadata as JsonObject).namespace}/${(p.metadata as JsonObject).name}`,
      ),
      ['shop/default-deny', 'shop/allow-dns'],
    );
    const all = [...objects, ...result.policies.map((raw) => ({ raw }))];
    assert.equal(allowed(all, 'azure', 'shop/frontend', 'kube-system/coredns', 53, 'UDP'), true);
    assert.equal(allowed(all, 'azure', 'shop/frontend', 'shop/backend', 8080), false);
    assert.deepEqual(result.verification.imdsReachable, []);
    assert.match(result.yaml, /^apiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\n/);
  });

  for (const engine of ['azure', 'cilium'] as const) {
    it(`allow policies from the intents, verified on ${engine}`, () => {
      const result = fixNetpol(objects, { engine, intents });
      assert.deepEqual(result.verification.denied, []);
      assert.equal(result.verification.allowed.length, 2);
      assert.deepEqual(result.verification.imdsReachable, []);
      const all = [...objects, ...result.policies.map((raw) => ({ raw }))];
      assert.equal(allowed(all, engine, 'shop/frontend', 'shop/backend', 8080), true);
      assert.equal(allowed(all, engine, 'shop/frontend', 'shop/backend', 9090), false);
      assert.equal(allowed(all, engine, 'shop/backend', 'shop/frontend', 8080), false);
      assert.equal(allowed(all, engine, 'shop/frontend', '8.8.8.8', 443), true);
      assert.equal(allowed(all, engine, 'shop/frontend', '169.254.169.254', 80), false);
    });
  }

  it('hash labels stay out of selectors; Cilium gets a selector peer beside "anywhere except IMDS"', () => {
    const egress = (engine: 'azure' | 'cilium') => {
      const result = fixNetpol(objects, { engine, intents });
      const policy = result.policies.find(
        (p) => (p.metadata as JsonObject).name === 'allow-frontend-egress',
      )!;
      return policy.spec as JsonObject as { podSelector: unknown; egress: { to: unknown[] }[] };
    };
    assert.deepEqual(egress('azure').podSelector, { matchLabels: { app: 'frontend' } });
    assert.deepEqual(egress('azure').egress[1]!.to, [
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
    ]);
    assert.deepEqual(egress('cilium').egress[1]!.to, [
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
      { namespaceSelector: {} },
    ]);
  });

  it('on a cluster without a policy engine the verification fails and says why', () => {
    const result = fixNetpol(objects, { engine: 'none' });
    assert.deepEqual(result.verification.imdsReachable, ['shop/frontend[Pod]', 'shop/backend[Pod]']);
    assert.match(result.notes[0]!, /no network policy engine/);
  });

  it('rejects intents that name nothing or are malformed', () => {
    assert.throws(() => parseIntents('nope: 1'), IntentError);
    assert.throws(
      () => parseIntents('connections: [{ from: a, to: b, ports: [http] }]'),
      /not N or N\/PROTOCOL/,
    );
    assert.throws(
      () => fixNetpol(objects, { engine: 'azure', intents: [{ from: 'shop/ghost', to: 'shop/backend' }] }),
      /no such workload/,
    );
  });
});
