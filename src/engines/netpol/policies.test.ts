/** Compiled selectors shared between policies: only when the requirements are the same, in the same order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MATCH_ALL, type SelectorProblem } from '../../model/labelSelector.js';
import { SelectorCache } from './policies.js';

describe('SelectorCache', () => {
  const cases: { name: string; a: unknown; b: unknown; shared: boolean }[] = [
    {
      name: 'same matchLabels',
      a: { matchLabels: { app: 'web' } },
      b: { matchLabels: { app: 'web' } },
      shared: true,
    },
    { name: 'written {}', a: {}, b: {}, shared: true },
    {
      name: 'other value',
      a: { matchLabels: { app: 'web' } },
      b: { matchLabels: { app: 'db' } },
      shared: false,
    },
    {
      // Equal as selectors (same key), but printed in their written order (formatSelector): not shared.
      name: 'other order',
      a: { matchLabels: { app: 'web', tier: 'a' } },
      b: { matchLabels: { tier: 'a', app: 'web' } },
      shared: false,
    },
    { name: 'absent and {}', a: undefined, b: {}, shared: false },
  ];
  for (const { name, a, b, shared } of cases)
    it(name, () => {
      const cache = new SelectorCache();
      const problems: SelectorProblem[] = [];
      const first = cache.compile(a, problems, ['spec', 'podSelector']);
      const second = cache.compile(b, problems, ['spec', 'podSelector']);
      assert.equal(first === second, shared);
      assert.deepEqual(problems, []);
    });

  it('keeps MATCH_ALL for an absent selector', () => {
    assert.equal(new SelectorCache().compile(undefined, [], []), MATCH_ALL);
  });

  it('does not share a selector with problems, and reports them each time', () => {
    const cache = new SelectorCache();
    const problems: SelectorProblem[] = [];
    const bad = { matchLabels: { 'bad key!': 'x' } };
    const first = cache.compile(bad, problems, ['a']);
    const second = cache.compile(bad, problems, ['b']);
    assert.notEqual(first, second);
    assert.deepEqual(
      problems.map((problem) => problem.path),
      [
        ['a', 'matchLabels', 'bad key!'],
        ['b', 'matchLabels', 'bad key!'],
      ],
    );
  });
});
