/**
 * Conformance with netpol-analyzer: for every vendored scenario, `netpol list -o txt` under the
 * `netpol-analyzer` profile equals the golden connection list as a set of lines, and `netpol diff`
 * equals the golden diff of every vendored pair of scenarios.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { analyzeNetpol } from '../../../src/engines/netpol/analyze.js';
import { diffConnections, formatDiffTxt } from '../../../src/engines/netpol/compare.js';
import { formatConnections } from '../../../src/engines/netpol/format.js';
import { parseManifests } from '../../../src/engines/netpol/manifests.js';

interface Corpus {
  scenarios: Record<
    string,
    { files: Record<string, string>; expected?: string[]; admin?: boolean; ingress?: boolean }
  >;
  diffs: { older: string; newer: string; expected: string[] }[];
  skipped: Record<string, string[]>;
}

const corpus = JSON.parse(
  gunzipSync(readFileSync(new URL('./data/connlist.json.gz', import.meta.url))).toString('utf8'),
) as Corpus;

function objectsOf(name: string) {
  const scenario = corpus.scenarios[name]!;
  return Object.keys(scenario.files)
    .sort()
    .flatMap((file) => parseManifests(scenario.files[file]!));
}

test('the vendored corpus holds the applicable scenarios', () => {
  const lists = Object.values(corpus.scenarios).filter((s) => s.expected);
  assert.equal(lists.filter((s) => !s.admin && !s.ingress).length, 42, 'core NetworkPolicy scenarios');
  assert.equal(lists.filter((s) => s.admin).length, 54, 'scenarios with AdminNetworkPolicy tiers');
  assert.equal(lists.filter((s) => s.ingress).length, 8, 'scenarios with Ingress/Route objects');
  assert.equal(corpus.diffs.length, 45);
});

for (const [name, scenario] of Object.entries(corpus.scenarios)) {
  if (!scenario.expected) continue;
  const expected = scenario.expected;
  test(`netpol-analyzer connlist: ${name}`, () => {
    const analysis = analyzeNetpol(objectsOf(name), { engine: 'netpol-analyzer' });
    const got = formatConnections(analysis.connections(), 'txt').split('\n').filter(Boolean).sort();
    assert.deepEqual(got, [...new Set(expected)].sort());
  });
}

/**
 * Known differences, each with its reason. The comparison is skipped; the test checks the reason holds.
 */
const DIFF_EXCEPTIONS: Record<string, { reason: string; files: string[] }> = {};

for (const diff of corpus.diffs) {
  const name = `${diff.newer} vs ${diff.older}`;
  const exception = DIFF_EXCEPTIONS[name];
  if (exception) {
    test(`netpol-analyzer diff: ${name} — exception: ${exception.reason}`, () => {
      for (const file of exception.files) {
        const errors: string[] = [];
        parseManifests(corpus.scenarios[diff.newer]!.files[file]!, (message) => errors.push(message));
        assert.ok(errors.length > 0, `${file} should fail to parse`);
      }
    });
    continue;
  }
  test(`netpol-analyzer diff: ${name}`, () => {
    const text = formatDiffTxt(
      diffConnections(objectsOf(diff.older), objectsOf(diff.newer), { engine: 'netpol-analyzer' }),
    );
    assert.deepEqual(text.split('\n').filter(Boolean).sort(), [...diff.expected].sort());
  });
}
