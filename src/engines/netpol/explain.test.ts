import assert from 'node:assert/strict';
import { it } from 'node:test';
import { explainPair } from './explain.js';
import { resolveEndpoints } from './query.js';
import { pod, policy, run } from './testing.js';

it('explain: allowed ranges with the rules of both sides, and the side that denies the rest', () => {
  const analysis = run([
    pod('x', 'a', { app: 'a' }),
    pod('x', 'b', { app: 'b' }),
    policy('x', 'b-in', {
      podSelector: { matchLabels: { app: 'b' } },
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { app: 'a' } } }],
          ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }],
        },
      ],
    }),
  ]);
  const [a] = resolveEndpoints(analysis, 'x/a', 'source');
  const [b] = resolveEndpoints(analysis, 'x/b', 'destination');
  assert.deepEqual(explainPair(analysis, a!, b!), [
    'x/a[Pod] => x/b[Pod]',
    '  Allowed: TCP 80,UDP 53',
    '    TCP 80,UDP 53:',
    '      - no NetworkPolicy selects the source for Egress (allow all)',
    '      - Ingress rule #1 of NetworkPolicy x/b-in',
    '  Denied: SCTP 1-65535,TCP 1-79,81-65535,UDP 1-52,54-65535',
    '    - Ingress: SCTP 1-65535,TCP 1-79,81-65535,UDP 1-52,54-65535 denied: x/b[Pod] is selected by x/b-in and no Ingress rule allows traffic from x/a[Pod]',
  ]);
});
