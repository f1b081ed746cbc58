import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lineStartsOf } from '../positions.js';
import { splitLikeKubectl } from './kubectlSplit.js';

function lineStartsOfSplit(text: string): number[] {
  const split = splitLikeKubectl(text, 1000);
  assert.ok('parts' in split);
  return [...split.lineStarts];
}

describe('splitLikeKubectl line starts', () => {
  it('are the line table lineStartsOf makes for text without CR', () => {
    for (const text of [
      '',
      'a',
      'a\n',
      '\n\n',
      'a: 1\n---\nb: 2',
      '---\n---\n',
      'a: 1\n--- # c\nb: [1,\n 2]\n',
    ])
      assert.deepEqual(lineStartsOfSplit(text), [...lineStartsOf(text)], JSON.stringify(text));
  });

  it('agree with lineStartsOf on any text of lines and separators', () => {
    const line = fc.constantFrom('', 'a: 1', '---', '--- #x', '- b', '  c: "d"', '#');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), (lines, finalBreak) => {
        const text = lines.join('\n') + (finalBreak ? '\n' : '');
        assert.deepEqual(lineStartsOfSplit(text), [...lineStartsOf(text)]);
      }),
    );
  });

  it('survive a text longer than the scratch table (grown, not cut)', () => {
    const text = 'a: 1\n'.repeat(10_000);
    assert.deepEqual(lineStartsOfSplit(text), [...lineStartsOf(text)]);
    assert.equal(lineStartsOfSplit('x\ny').length, 2);
  });
});
