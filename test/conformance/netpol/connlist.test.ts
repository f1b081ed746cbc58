/**
 * Conformance with netpol-analyzer: for every vendored scenario, `netpol list -o txt` under the
 * `netpol-analyzer` profile equals the golden connection list as a set of lines.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { analyzeNetpol } from '../../../src/engines/netpol/analyze.js';
import { formatConnections } from '../../../src/engines/netpol/format.js';
import { parseManifests } from '../../../src/engines/netpol/manifests.js';

interface Corpus {
  scenarios: Record<string, { files: Record<string, string>; expected: string[] }>;
  skipped: Record<string, string[]>;
}

const corpus = JSON.parse(
  gunzipSync(readFileSync(new URL('./data/connlist.json.gz', import.meta.url))).toString('utf8'),
) as Corpus;

test('the vendored corpus holds the applicable scenarios', () => {
  assert.equal(Object.keys(corpus.scenarios).length, 42);
});

for (const [name, scenario] of Object.entries(corpus.scenarios)) {
  test(`netpol-analyzer connlist: ${name}`, () => {
    const objects = Object.keys(scenario.files)
      .sort()
      .flatMap((file) => parseManifests(scenario.files[file]!));
    const analysis = analyzeNetpol(objects, { engine: 'netpol-analyzer' });
    const got = formatConnections(analysis.connections(), 'txt').split('\n').filter(Boolean).sort();
    assert.deepEqual(got, [...new Set(scenario.expected)].sort());
  });
}
