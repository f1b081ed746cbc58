import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareLevels, formatVersion, parseLevel, parseVersion } from './version.js';

describe('parseLevel (upstream api.ParseLevel)', () => {
  const cases: [string, string, boolean][] = [
    ['privileged', 'privileged', false],
    ['baseline', 'baseline', false],
    ['restricted', 'restricted', false],
    ['Restricted', 'restricted', true],
    ['', 'restricted', true],
    ['bogus', 'restricted', true],
  ];
  for (const [input, level, invalid] of cases) {
    it(`${JSON.stringify(input)} → ${level}${invalid ? ' with an error' : ''}`, () => {
      const parsed = parseLevel(input);
      assert.equal(parsed.value, level);
      assert.equal(parsed.error !== undefined, invalid);
    });
  }
});

describe('parseVersion (upstream api.ParseVersion)', () => {
  const cases: [string, number | 'latest', boolean][] = [
    ['latest', 'latest', false],
    ['v1.0', 0, false],
    ['v1.1', 1, false],
    ['v1.25', 25, false],
    ['v1.10000', 10000, false],
    ['v1.025', 'latest', true],
    ['1.25', 'latest', true],
    ['v2.0', 'latest', true],
    ['v1', 'latest', true],
    ['v1.', 'latest', true],
    ['Latest', 'latest', true],
    ['v1.25.3', 'latest', true],
  ];
  for (const [input, version, invalid] of cases) {
    it(`${JSON.stringify(input)} → ${version}${invalid ? ' with an error' : ''}`, () => {
      const parsed = parseVersion(input);
      assert.equal(parsed.value, version);
      assert.equal(parsed.error !== undefined, invalid);
    });
  }
});

describe('levels and versions', () => {
  it('orders levels by strictness', () => {
    assert.equal(compareLevels('restricted', 'baseline'), 1);
    assert.equal(compareLevels('baseline', 'privileged'), 1);
    assert.equal(compareLevels('privileged', 'restricted'), -1);
    assert.equal(compareLevels('baseline', 'baseline'), 0);
  });
  it('formats versions', () => {
    assert.equal(formatVersion(25), 'v1.25');
    assert.equal(formatVersion('latest'), 'latest');
  });
});
