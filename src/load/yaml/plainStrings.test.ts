import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashStep, RangeStringSet } from './plainStrings.js';

describe('RangeStringSet', () => {
  const text = 'name: app\nimage: nginx\nnames: x\nnam: y\n';
  const held = new RangeStringSet(10, 8);
  for (const value of ['name', 'image', 'app', '']) held.add(value);

  const cases: { range: [number, number]; expected: string | undefined }[] = [
    { range: [0, 4], expected: 'name' },
    { range: [6, 9], expected: 'app' },
    { range: [10, 15], expected: 'image' },
    { range: [17, 22], expected: undefined }, // nginx: never added
    { range: [23, 28], expected: undefined }, // names: a longer string with `name` as its prefix
    { range: [32, 35], expected: undefined }, // nam: a prefix of `name`
    { range: [4, 4], expected: '' },
  ];
  for (const { range, expected } of cases)
    it(`finds ${JSON.stringify(text.slice(...range))} as ${JSON.stringify(expected)}`, () => {
      const found = held.find(text, ...range);
      assert.equal(found, expected);
      // The copy held, not a slice of the text.
      if (expected !== undefined) assert.equal(held.find(`${expected}`, 0, expected.length), found);
    });

  it('finds a range by the hash a caller made with hashStep from its basis, as find does', () => {
    for (const { range, expected } of cases) {
      let hash = held.hashBasis;
      for (let index = range[0]; index < range[1]; index++) hash = hashStep(hash, text.charCodeAt(index));
      assert.equal(held.findHashed(text, ...range, hash), expected);
    }
    // Another basis gives other hashes: the held strings are not found with them.
    let other = held.hashBasis ^ 1;
    for (const code of 'name') other = hashStep(other, code.charCodeAt(0));
    assert.equal(held.findHashed(text, 0, 4, other), undefined);
  });

  it('holds a string added with its hash as one added without, once', () => {
    const set = new RangeStringSet(10, 8, held.hashBasis);
    let hash = set.hashBasis;
    for (const character of 'nginx') hash = hashStep(hash, character.charCodeAt(0));
    set.addHashed('nginx', hash);
    set.add('nginx');
    set.addHashed('nginx', hash);
    assert.equal(set.size, 1);
    assert.equal(set.find(text, 17, 22), 'nginx');
  });

  it('shares its hash with a set made on the same basis', () => {
    const shared = new RangeStringSet(10, 8, held.hashBasis);
    shared.add('nginx');
    let hash = held.hashBasis;
    for (let index = 17; index < 22; index++) hash = hashStep(hash, text.charCodeAt(index));
    assert.equal(held.findHashed(text, 17, 22, hash), undefined);
    assert.equal(shared.findHashed(text, 17, 22, hash), 'nginx');
  });

  it('holds each string once, and no more than its bound or its longest length', () => {
    const set = new RangeStringSet(3, 5);
    for (const value of ['a', 'a', 'toolong', 'b', 'c', 'd']) set.add(value);
    assert.equal(set.size, 3);
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'toolong'].map((value) => set.find(value, 0, value.length)),
      ['a', 'b', 'c', undefined, undefined],
    );
  });

  it('keeps finding every string while it grows past its first table', () => {
    const set = new RangeStringSet(5000, 64);
    const values = Array.from({ length: 5000 }, (_, index) => `key-${index.toString(36)}`);
    for (const value of values) set.add(value);
    const joined = values.join(' ');
    let at = 0;
    let found = 0;
    for (const value of values) {
      if (set.find(joined, at, at + value.length) === value) found++;
      at += value.length + 1;
    }
    assert.equal(found, 5000);
    assert.equal(set.find('key-zzzz', 0, 8), undefined);
  });

  it('looks at no more than 32 slots however many strings input makes collide', () => {
    // With a known basis, strings that land on the same slot of the first table (1,024 slots) are easy to find.
    const basis = 0x811c9dc5 | 0;
    const slotOf = (value: string) => {
      let hash = basis;
      for (let index = 0; index < value.length; index++)
        hash = Math.imul(hash ^ value.charCodeAt(index), 0x01000193);
      return hash & 1023;
    };
    const colliding: string[] = [];
    for (let candidate = 0; colliding.length < 40; candidate++)
      if (slotOf(`k${candidate}`) === 7) colliding.push(`k${candidate}`);
    const set = new RangeStringSet(1000, 64, basis);
    for (const value of colliding) set.add(value);
    // The first 32 have a slot within reach; the others are not held (a miss reads them the slow way).
    assert.equal(set.size, 32);
    assert.deepEqual(
      colliding.map((value) => set.find(value, 0, value.length) === value),
      colliding.map((_, index) => index < 32),
    );
  });
});
