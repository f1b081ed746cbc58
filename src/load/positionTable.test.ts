import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PathSegment } from '../model/source.js';
import { lineStartsOf } from './positions.js';
import { parseYamlFile } from './yaml.js';

/** Every path of a value, depth first (the root first). */
function pathsOf(value: unknown, path: PathSegment[] = []): PathSegment[][] {
  const out: PathSegment[][] = [path];
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) out.push(...pathsOf(item, [...path, index]));
  } else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...path, key]));
  return out;
}

function positions(file: string, text: string, reader: 'fast' | 'events'): string[] {
  const out: string[] = [];
  for (const document of parseYamlFile(file, text, { reader }).documents)
    for (const path of pathsOf(document.value)) {
      const at = document.locate(path);
      out.push(
        `${document.index} ${JSON.stringify(path)} ${at.line}:${at.column}-${at.endLine}:${at.endColumn}`,
      );
    }
  return out;
}

const SMALL = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: {k: v, "x": [1, 2]}\n';
/** Deeper and wider than the builder's first scratch arrays (1,024 numbers, a stack of 256), with duplicate keys. */
const BIG = [
  `root:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(1)}k${i}:\n    - a: ${i}\n      a: dup\n      b: [x, {y: z}]`).join('\n')}\n`,
  `deep: ${'['.repeat(200)}1${']'.repeat(200)}\n`,
].join('---\n');

describe('position tables: the builder scratch arrays passed from file to file', () => {
  for (const reader of ['fast', 'events'] as const)
    it(`give every file the same positions whatever was read before (${reader} reader)`, () => {
      const small = positions('small.yaml', SMALL, reader);
      const big = positions('big.yaml', BIG, reader);
      assert.equal(small.length, 10);
      assert.equal(small[9], '0 ["data","x",1] 5:23-5:24');
      assert.ok(big.length > 1500);
      assert.deepEqual(positions('small.yaml', SMALL, reader), small);
      assert.deepEqual(positions('big.yaml', BIG, reader), big);
      assert.deepEqual(positions('small.yaml', SMALL, reader), small);
    });
});

describe('lineStartsOf: the offset of every line, for LF, CRLF and lone CR files', () => {
  const cases: [string, number[]][] = [
    ['', [0]],
    ['a', [0]],
    ['a\n', [0, 2]],
    ['a\nb\n\nc', [0, 2, 4, 5]],
    ['\n\n', [0, 1, 2]],
    ['a\r\nb', [0, 3]],
    ['a\rb\r\nc\n', [0, 2, 5, 7]],
  ];
  for (const [text, expected] of cases)
    it(JSON.stringify(text), () => {
      assert.deepEqual([...lineStartsOf(text)], expected);
    });
});
