import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from './model.js';
import { parsePortQuery, query, resolveEndpoints } from './query.js';
import { pod, policy, run } from './testing.js';

function owned(name: string, owner: string, labels: Record<string, string>) {
  const object = pod('shop', name, labels);
  (object.raw.metadata as JsonObject).ownerReferences = [
    { kind: 'ReplicaSet', name: owner, controller: true },
  ];
  return object;
}

const analysis = run([
  owned('web-7d77fb55cc-abcde', 'web-7d77fb55cc', { app: 'web' }),
  owned('db-5d8f9c7b4-xyz12', 'db-5d8f9c7b4', { app: 'db' }),
  policy('shop', 'db', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
  }),
]);

describe('netpol query', () => {
  it('names workloads as ns/name, name, ns/name[Kind], or a Deployment name for its ReplicaSet pods', () => {
    const names = (text: string) =>
      resolveEndpoints(analysis, text, 'source').map((e) => (e.type === 'workload' ? e.name : ''));
    assert.deepEqual(names('shop/web'), ['web-7d77fb55cc']);
    assert.deepEqual(names('web-7d77fb55cc'), ['web-7d77fb55cc']);
    assert.deepEqual(names('shop/web-7d77fb55cc[ReplicaSet]'), ['web-7d77fb55cc']);
    assert.deepEqual(names('shop/web[Deployment]'), []);
    assert.deepEqual(names('other/web'), []);
  });

  it('addresses resolve to the external blocks they overlap', () => {
    assert.equal(resolveEndpoints(analysis, '8.8.8.8', 'destination').length, 1);
    assert.equal(
      resolveEndpoints(analysis, '0.0.0.0/0', 'destination').length,
      analysis.destinationBlocks.length,
    );
  });

  it('ports: N, N/PROTO, rejects the rest', () => {
    assert.deepEqual(parsePortQuery('53/udp'), { port: 53, protocol: 'UDP' });
    assert.deepEqual(parsePortQuery('8080'), { port: 8080, protocol: 'TCP' });
    assert.equal(parsePortQuery('http'), undefined);
    assert.equal(parsePortQuery('70000'), undefined);
  });

  it('names the rules on both sides, or the side that denies', () => {
    const [web] = resolveEndpoints(analysis, 'shop/web', 'source');
    const [db] = resolveEndpoints(analysis, 'shop/db', 'destination');
    const ok = query(analysis, [web!], [db!], { port: 5432, protocol: 'TCP' });
    assert.equal(ok.allowed, true);
    assert.deepEqual(ok.pairs[0]!.ingress.allowedBy, ['Ingress rule #1 of NetworkPolicy shop/db']);
    assert.deepEqual(ok.pairs[0]!.egress.allowedBy, [
      'no NetworkPolicy selects the source for Egress (allow all)',
    ]);
    const denied = query(analysis, [web!], [db!], { port: 6379, protocol: 'TCP' });
    assert.equal(denied.allowed, false);
    assert.match(
      denied.pairs[0]!.ingress.deniedBecause!,
      /selected for Ingress by shop\/db, and no rule of them allows traffic from shop\/web-7d77fb55cc\[ReplicaSet\] on TCP 6379/,
    );
  });
});
