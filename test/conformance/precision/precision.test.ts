import assert from 'node:assert/strict';
import { it, describe as suite } from 'node:test';
import { describe, loadCases, runCase } from './harness.js';

const cases = loadCases();
const key = (entry: { rule: string; resource: string; at: string }) =>
  `${entry.rule} | ${entry.resource} | ${entry.at}`;

suite('precision corpus: every finding on realistic inputs is one a platform engineer agrees with', () => {
  it('has at least 30 inputs, each finding reviewed', () => {
    assert.ok(cases.length >= 30, `${cases.length} inputs`);
    for (const spec of cases)
      for (const finding of spec.findings)
        assert.ok(finding.review && finding.review.length > 3, `${spec.name}: ${key(finding)} has no review`);
  });

  for (const spec of cases) {
    it(`${spec.name}: exactly the reviewed findings, and none of the rules that must not fire`, async () => {
      const { folded, unfolded } = await runCase(spec);
      const actual = folded.map((finding) => key(describe(finding))).sort();
      const expected = spec.findings.map(key).sort();
      const unexpected = actual.filter((entry) => !expected.includes(entry));
      const missing = expected.filter((entry) => !actual.includes(entry));
      assert.deepEqual(
        { unexpected, missing },
        { unexpected: [], missing: [] },
        `${spec.name}: a new finding fails until it is reviewed and listed in expected/${spec.name}.yaml`,
      );
      const forbidden = unfolded.filter((finding) => spec.mustNotFire.includes(finding.ruleId));
      assert.deepEqual(
        forbidden.map((finding) => key(describe(finding))),
        [],
        `${spec.name}: rules that must not fire`,
      );
    });
  }
});
