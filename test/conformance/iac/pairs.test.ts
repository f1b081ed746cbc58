import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { casesOf, expectedOf, pairedVerdicts, SETS } from './harness.js';

/**
 * Conformance: one cluster written two ways is judged alike. Terraform module calls (caller + module) against the
 * flattened resource, nested ARM deployments against the flat template, and az CLI scripts against the
 * `az aks show` JSON of the cluster they create. For every rule, both sides must fire (and be not evaluated)
 * the same number of times, with the same reasons; `expected.json` pins the lines on each side.
 */
for (const set of SETS) {
  describe(`conformance ${set.set}: ${set.sides[0]} vs ${set.sides[1]}`, () => {
    const cases = casesOf(set.set);
    it('has at least 10 cluster definitions', () => assert.ok(cases.length >= 10, String(cases.length)));
    for (const name of cases) {
      it(name, async () => {
        const paired = await pairedVerdicts(set, name);
        for (const [rule, reasons] of Object.entries(paired.reasons))
          for (const [left, right] of reasons)
            assert.equal(left, right, `${rule}: same reason on both sides`);
        assert.deepEqual(paired, expectedOf(set.set, name));
      });
    }
  });
}
