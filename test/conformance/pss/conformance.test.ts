import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveCheck, evaluatePod, MAX_POLICY_VERSION } from '../../../src/engines/pss/index.js';
import { loadFixtures } from './fixtures.js';

const { fixtures, pods, files } = loadFixtures();

describe('PSS conformance on the upstream fixtures', () => {
  it('vendors every fixture file', () => {
    assert.equal(fixtures.length, files);
    assert.equal(files, 4537);
  });

  it('every fail fixture is named after a check', () => {
    const unnamed = fixtures.filter((f) => f.expect === 'fail' && f.target === undefined).map((f) => f.name);
    assert.deepEqual(unnamed, []);
  });

  it('allows every pass fixture and refuses every fail fixture with the check it targets', () => {
    const wrong: string[] = [];
    for (const f of fixtures) {
      const result = evaluatePod(pods[f.content]!, { level: f.level, version: f.minor });
      const where = `${f.level}/v1.${f.minor}/${f.expect}/${f.name}`;
      if (f.expect === 'pass') {
        if (!result.allowed)
          wrong.push(`${where}: refused by ${result.violations.map((v) => v.check).join(', ')}`);
        continue;
      }
      // A baseline fixture in a restricted folder is judged by the restricted check that overrides its target.
      const expected = effectiveCheck(f.target!, f.level, f.minor);
      const checks = result.violations.map((v) => v.check);
      if (expected === undefined || !checks.includes(expected)) {
        wrong.push(`${where}: expected ${expected ?? `${f.target} (inactive)`}, got [${checks.join(', ')}]`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('evaluates "latest" and versions newer than the newest change as the newest fixture folder', () => {
    const newest = fixtures.filter((f) => f.minor === MAX_POLICY_VERSION);
    assert.ok(newest.length > 0, `fixtures exist for v1.${MAX_POLICY_VERSION}`);
    for (const f of newest) {
      const pod = pods[f.content]!;
      const at = evaluatePod(pod, { level: f.level, version: f.minor });
      assert.deepEqual(evaluatePod(pod, { level: f.level, version: 'latest' }), at, f.name);
      assert.deepEqual(evaluatePod(pod, { level: f.level, version: 99 }), at, f.name);
    }
  });

  it('the privileged level allows every fixture', () => {
    for (const pod of pods)
      assert.equal(evaluatePod(pod, { level: 'privileged', version: 'latest' }).allowed, true);
  });
});
