import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { joinChunks, jsonChunks, LazyJsonArray, safeJson, writeChunks } from './stream.js';

describe('streamed JSON', () => {
  it('is JSON.stringify(value, null, 2) for any JSON value (C1 and bidi controls escaped), nested deeper than the streamed levels', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        assert.equal(joinChunks(jsonChunks(value)), safeJson(value));
        assert.deepEqual(JSON.parse(joinChunks(jsonChunks(value))), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes C1 and bidirectional controls as escapes (the same string for a JSON reader)', () => {
    const value = { name: 'a\u009b31m\u202eb\u2028', plain: 'é' };
    const text = joinChunks(jsonChunks(value));
    assert.equal(text, '{\n  "name": "a\\u009b31m\\u202eb\\u2028",\n  "plain": "é"\n}');
    assert.deepEqual(JSON.parse(text), value);
  });

  it('leaves out what JSON.stringify leaves out and applies toJSON', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Symbol('s'), { toJSON: () => 'x' }],
      d: new Date(0),
      e: { toJSON: () => undefined },
      f: {},
      g: [],
      h: [[[{ deep: [1, { deeper: true }] }]]],
      i: new Map([['k', 1]]),
    };
    assert.equal(joinChunks(jsonChunks(value)), JSON.stringify(value, null, 2));
    assert.equal(joinChunks(jsonChunks(undefined)), '');
  });

  it('writes a lazy array as the array of its items', () => {
    const items = [{ a: 1 }, { b: [2, 3] }];
    const lazy = { runs: [{ results: new LazyJsonArray(() => items.values(), false), n: 1 }] };
    const plain = { runs: [{ results: items, n: 1 }] };
    assert.equal(joinChunks(jsonChunks(lazy)), JSON.stringify(plain, null, 2));
    const none = { results: new LazyJsonArray(() => [], true) };
    assert.equal(joinChunks(jsonChunks(none)), JSON.stringify({ results: [] }, null, 2));
  });

  it('writes long arrays in batches exactly as JSON.stringify, with items that must be written one by one among them', () => {
    const item = (index: number): unknown =>
      index % 97 === 0
        ? { toJSON: (key: string) => ({ key }) }
        : index % 89 === 0
          ? undefined
          : index % 83 === 0
            ? [index, { nested: [index] }]
            : { index, text: `t${index}`, tags: index % 2 === 0 ? [] : ['a', 'b'] };
    const long = Array.from({ length: 1_000 }, (_, index) => item(index));
    const report = { findings: long, runs: [{ results: long, n: 1 }], top: long.slice(0, 300) };
    for (const indent of [2, 4]) {
      assert.equal(joinChunks(jsonChunks(report, indent)), JSON.stringify(report, null, indent));
      assert.equal(joinChunks(jsonChunks(long, indent)), JSON.stringify(long, null, indent));
    }
    const lazy = { runs: [{ results: new LazyJsonArray(() => long.values(), false), n: 1 }] };
    assert.equal(joinChunks(jsonChunks(lazy)), JSON.stringify({ runs: [{ results: long, n: 1 }] }, null, 2));
    const holding = {
      findings: Array.from({ length: 300 }, (_, index) => ({
        index,
        lazy: new LazyJsonArray(() => [index], false),
      })),
    };
    const plain = { findings: holding.findings.map(({ index }) => ({ index, lazy: [index] })) };
    assert.equal(joinChunks(jsonChunks(holding)), JSON.stringify(plain, null, 2));
  });

  it('sizes batches by their text: items from a few characters to more than a batch, in any order, as JSON.stringify', () => {
    const sizes = [
      3,
      40_000,
      5,
      5,
      200_000,
      ...Array.from({ length: 600 }, (_, index) => index % 50),
      70_000,
      1,
    ];
    const items = sizes.map((size, index) => ({ index, text: 'x'.repeat(size), list: [size] }));
    const lazy = { runs: [{ results: new LazyJsonArray(() => items.values(), false) }] };
    assert.equal(joinChunks(jsonChunks({ findings: items })), JSON.stringify({ findings: items }, null, 2));
    assert.equal(joinChunks(jsonChunks(items)), JSON.stringify(items, null, 2));
    assert.equal(joinChunks(jsonChunks(lazy)), JSON.stringify({ runs: [{ results: items }] }, null, 2));
  });

  it('escapes exactly the unsafe characters in any string: lone surrogates, controls, DEL, U+2028/2029, non-ASCII', () => {
    const hostile = fc.string({
      unit: fc.constantFrom(
        'a',
        '"',
        '\\',
        '\u0000',
        '\u001f',
        '\u007f',
        '\u0080',
        '\u009b',
        'é',
        '\u2028',
        '\u2029',
        '\u202e',
        '\u2066',
        '\ud800',
        '\udfff',
        '😀',
        '\n',
      ),
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ message: hostile, evidence: fc.dictionary(hostile, hostile) }), {
          maxLength: 40,
        }),
        (findings) => {
          const text = joinChunks(jsonChunks({ findings }));
          assert.equal(text, safeJson({ findings }));
          assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify({ findings })));
          assert.doesNotMatch(text, /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        },
      ),
      { numRuns: 300 },
    );
    assert.equal(joinChunks(jsonChunks(['a\u007fb'])), '[\n  "a\\u007fb"\n]');
    assert.equal(joinChunks(jsonChunks(['\ud800'])), '[\n  "\\ud800"\n]');
  });

  it('cuts a piece longer than a block between characters, never inside a surrogate pair', () => {
    const blocks: string[] = [];
    const long = `${'a'.repeat(64 * 1024 - 1)}😀${'é😀'.repeat(50_000)}`;
    writeChunks(['x', long, 'y'], { write: (text) => blocks.push(text) });
    assert.equal(blocks.join(''), `x${long}y`);
    assert.ok(blocks.length > 3);
    for (const block of blocks) {
      assert.ok(block.length <= 64 * 1024);
      assert.equal(Buffer.from(block, 'utf8').toString('utf8'), block);
    }
  });

  it('joins small pieces into blocks and hands a piece of a quarter block or more over as it is', () => {
    const K = 1024;
    const piece = (character: string, length: number) => character.repeat(length);
    // [pieces as (character, length)], then the lengths of the writes the sink sees, in order.
    const cases: [string, [string, number][], number[]][] = [
      [
        'small pieces joined',
        [
          ['a', 10],
          ['b', 20],
          ['c', 30],
        ],
        [60],
      ],
      [
        'a block filled, then a new one',
        [
          ['a', 15 * K],
          ['b', 15 * K],
          ['c', 15 * K],
          ['d', 15 * K],
          ['e', 15 * K],
        ],
        [60 * K, 15 * K],
      ],
      [
        'a quarter block alone, after what is pending',
        [
          ['a', 10],
          ['b', 16 * K],
          ['c', 5],
        ],
        [10, 16 * K, 5],
      ],
      [
        'batches one after another',
        [
          ['a', 32 * K],
          ['b', 32 * K],
          ['c', 40 * K],
        ],
        [32 * K, 32 * K, 40 * K],
      ],
      ['a block exactly', [['a', 64 * K]], [64 * K]],
      [
        'longer than a block: slices',
        [
          ['a', 3],
          ['b', 64 * K + 1],
        ],
        [3, 64 * K, 1],
      ],
      [
        'empty pieces skipped',
        [
          ['a', 0],
          ['b', 2],
          ['c', 0],
        ],
        [2],
      ],
    ];
    for (const [name, pieces, writes] of cases) {
      const blocks: string[] = [];
      const text = pieces.map(([character, length]) => piece(character, length));
      writeChunks(text, { write: (block) => blocks.push(block) });
      assert.deepEqual(
        blocks.map((block) => block.length),
        writes,
        name,
      );
      assert.equal(blocks.join(''), text.join(''), name);
    }
  });

  it('hands the sink blocks of bounded size, never the whole text', () => {
    const blocks: string[] = [];
    const many = Array.from({ length: 20_000 }, (_, index) => ({ index, text: 'x'.repeat(20) }));
    writeChunks(jsonChunks(many), { write: (text) => blocks.push(text) });
    assert.ok(blocks.length > 10);
    assert.ok(Math.max(...blocks.map((block) => block.length)) < 70 * 1024);
    assert.equal(blocks.join(''), JSON.stringify(many, null, 2));
  });
});
