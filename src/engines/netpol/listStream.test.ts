/**
 * `netpol list` written source by source gives exactly the text of the one-list formatter, on every vendored
 * netpol-analyzer scenario (core, AdminNetworkPolicy tiers, Ingress/Route), for every format and both merge modes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { joinChunks } from '../../report/stream.js';
import { analyzeNetpol } from './analyze.js';
import { formatConnections, LIST_FORMATS, mergeAdjacentExternals } from './format.js';
import { connectionListChunks } from './listStream.js';
import { parseManifests } from './manifests.js';

const corpus = JSON.parse(
  gunzipSync(
    readFileSync(new URL('../../../test/conformance/netpol/data/connlist.json.gz', import.meta.url)),
  ).toString('utf8'),
) as { scenarios: Record<string, { files: Record<string, string>; expected?: string[] }> };

describe('netpol list streamed source by source', () => {
  let compared = 0;
  for (const [name, scenario] of Object.entries(corpus.scenarios)) {
    if (!scenario.expected) continue;
    it(name, () => {
      const objects = Object.keys(scenario.files)
        .sort()
        .flatMap((file) => parseManifests(scenario.files[file]!));
      for (const engine of ['netpol-analyzer', 'azure'] as const) {
        const analysis = analyzeNetpol(objects, { engine });
        const merge = engine !== 'netpol-analyzer';
        const connections = analysis.connections();
        for (const format of LIST_FORMATS) {
          const whole = formatConnections(
            merge ? mergeAdjacentExternals(connections, { keepSpecials: format === 'json' }) : connections,
            format,
          );
          assert.equal(
            joinChunks(connectionListChunks(analysis, format, { merge })),
            whole,
            `${engine} ${format}`,
          );
          compared++;
        }
      }
    });
  }
  it('compared every scenario', () => assert.ok(compared >= 100 * LIST_FORMATS.length * 2));
});
