import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedMemo } from './boundedMemo.js';

describe('boundedMemo', () => {
  it('computes each key once while under the bound, undefined answers included', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key) => {
      calls.push(key);
      return key === 'none' ? undefined : key.toUpperCase();
    });
    assert.deepEqual(
      ['a', 'none', 'a', 'none', 'b'].map((key) => memo(key)),
      ['A', undefined, 'A', undefined, 'B'],
    );
    assert.deepEqual(calls, ['a', 'none', 'b']);
  });

  it('past the bound, computes the keys it could not keep each time and keeps the first ones', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key) => {
      calls.push(key);
      return `<${key}>`;
    }, 2);
    assert.deepEqual(
      ['a', 'b', 'c', 'c', 'a', 'b'].map((key) => memo(key)),
      ['<a>', '<b>', '<c>', '<c>', '<a>', '<b>'],
    );
    assert.deepEqual(calls, ['a', 'b', 'c', 'c']);
  });
});
