/**
 * `netpol list` written source by source gives exactly the text of the one-list formatter, on every vendored
 * netpol-analyzer scenario (core, AdminNetworkPolicy tiers, Ingress/Route), for every format and both merge modes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { joinChunks } from '../../report/stream.js';
import { analyzeNetpol, type NetpolAnalysis } from './analyze.js';
import { formatConnections, LIST_FORMATS, mergeAdjacentExternals } from './format.js';
import { connectionListChunks } from './listStream.js';
import { parseManifests } from './manifests.js';
import type { EngineName } from './profiles.js';
import { ns } from './testing.js';

const corpus = JSON.parse(
  gunzipSync(
    readFileSync(new URL('../../../test/conformance/netpol/data/connlist.json.gz', import.meta.url)),
  ).toString('utf8'),
) as { scenarios: Record<string, { files: Record<string, string>; expected?: string[] }> };

/** The streamed list equals the one-list formatter in every format; returns how many formats were compared. */
function assertStreamedAsWhole(analysis: NetpolAnalysis, engine: EngineName): number {
  const merge = engine !== 'netpol-analyzer';
  const connections = analysis.connections();
  for (const format of LIST_FORMATS) {
    const whole = formatConnections(
      merge ? mergeAdjacentExternals(connections, { keepSpecials: format === 'json' }) : connections,
      format,
    );
    assert.equal(joinChunks(connectionListChunks(analysis, format, { merge })), whole, `${engine} ${format}`);
  }
  return LIST_FORMATS.length;
}

describe('netpol list streamed source by source', () => {
  let compared = 0;
  for (const [name, scenario] of Object.entries(corpus.scenarios)) {
    if (!scenario.expected) continue;
    it(name, () => {
      const objects = Object.keys(scenario.files)
        .sort()
        .flatMap((file) => parseManifests(scenario.files[file]!));
      for (const engine of ['netpol-analyzer', 'azure'] as const)
        compared += assertStreamedAsWhole(analyzeNetpol(objects, { engine }), engine);
    });
  }
  it('compared every scenario', () => assert.ok(compared >= 100 * LIST_FORMATS.length * 2));
});

/** Two label variants of one ReplicaSet (one name, two endpoints), adjacent blocks, repeated and distinct texts. */
function variantsCluster() {
  const meta = (name: string, labels: Record<string, string>, owned: boolean) => ({
    name,
    namespace: 'a',
    labels,
    ...(owned ? { ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7f', controller: true }] } : {}),
  });
  const pod = (name: string, labels: Record<string, string>, owned = true) => ({
    raw: { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, labels, owned), spec: { containers: [] } },
  });
  const policy = (name: string, spec: Record<string, unknown>) => ({
    raw: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: 'a' },
      spec,
    },
  });
  const toDb = (ports: number[]) => ({
    to: [{ podSelector: { matchLabels: { app: 'db' } } }],
    ports: ports.map((port) => ({ port })),
  });
  const https = (...cidrs: string[]) => ({
    to: cidrs.map((cidr) => ({ ipBlock: { cidr } })),
    ports: [{ port: 443 }],
  });
  return [
    ns('a'),
    pod('web-7f-1', { app: 'web', v: '1' }),
    pod('web-7f-2', { app: 'web', v: '2' }),
    pod('db', { app: 'db' }, false),
    policy('v1', {
      podSelector: { matchLabels: { v: '1' } },
      policyTypes: ['Egress'],
      egress: [https('10.0.0.0/25', '10.0.0.128/25'), toDb([5432])],
    }),
    policy('v2', {
      podSelector: { matchLabels: { v: '2' } },
      policyTypes: ['Egress'],
      egress: [https('10.0.0.0/24', '169.254.169.0/24'), toDb([5432, 5433])],
    }),
    policy('db', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }, { port: 5433 }] },
        { from: [{ ipBlock: { cidr: '10.0.0.0/24' } }] },
      ],
    }),
  ];
}

describe('netpol list of label variants', () => {
  it("merges each variant's adjacent blocks, prints a repeated line once and distinct texts apart", () => {
    const analysis = analyzeNetpol(variantsCluster(), { engine: 'azure' });
    assert.equal(
      joinChunks(connectionListChunks(analysis, 'txt', { merge: true })),
      [
        '0.0.0.0-255.255.255.255[External] => a/web-7f[ReplicaSet] : All Connections',
        '10.0.0.0-10.0.0.255[External] => a/db[Pod] : All Connections',
        'a/db[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'a/db[Pod] => a/web-7f[ReplicaSet] : All Connections',
        'a/web-7f[ReplicaSet] => 10.0.0.0-10.0.0.255[External] : TCP 443',
        'a/web-7f[ReplicaSet] => 169.254.169.0-169.254.169.255[External] : TCP 443',
        'a/web-7f[ReplicaSet] => a/db[Pod] : TCP 5432',
        'a/web-7f[ReplicaSet] => a/db[Pod] : TCP 5432-5433',
        '',
      ].join('\n'),
    );
  });
  for (const engine of ['netpol-analyzer', 'azure'] as const)
    it(`gives the one-list text in every format (${engine})`, () => {
      assertStreamedAsWhole(analyzeNetpol(variantsCluster(), { engine }), engine);
    });
});
