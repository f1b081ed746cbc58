import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeText } from './files.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

const BINARY = { error: 'binary file (contains NUL bytes or is not UTF-8 text); skipped' };

describe('decodeText: what kubectl reads as text (ASCII read directly, the rest as UTF-8)', () => {
  const cases: { name: string; input: Uint8Array; expected: { text: string } | { error: string } }[] = [
    { name: 'ASCII', input: bytes('kind: Pod\n'), expected: { text: 'kind: Pod\n' } },
    { name: 'empty', input: bytes(''), expected: { text: '' } },
    { name: 'ASCII with a NUL byte', input: bytes('kind: Pod\n', [0]), expected: BINARY },
    {
      // The NUL check samples 8 KiB; after it, NUL is valid UTF-8 and kept either way.
      name: 'ASCII with a NUL byte past the sample',
      input: bytes('#'.repeat(9000), [0], '\n'),
      expected: { text: `${'#'.repeat(9000)}\u0000\n` },
    },
    { name: 'UTF-8', input: bytes('name: café ☕\n'), expected: { text: 'name: café ☕\n' } },
    {
      name: 'UTF-8 byte-order mark dropped',
      input: bytes([0xef, 0xbb, 0xbf], 'a: 1\n'),
      expected: { text: 'a: 1\n' },
    },
    { name: 'DEL (ASCII 127) kept', input: bytes('a: "\u007f"\n'), expected: { text: 'a: "\u007f"\n' } },
    { name: 'Latin-1 byte (invalid UTF-8)', input: bytes('a: ', [0xe9], '\n'), expected: BINARY },
    {
      name: 'UTF-16LE with its mark',
      input: bytes([0xff, 0xfe, 0x61, 0, 0x0a, 0]),
      expected: { text: 'a\n' },
    },
    {
      name: 'UTF-16LE without a mark',
      input: bytes([0x61, 0, 0x3a, 0, 0x20, 0, 0x31, 0]),
      expected: { error: 'UTF-16 is not supported, save as UTF-8' },
    },
  ];
  for (const { name, input, expected } of cases)
    it(name, () => {
      assert.deepEqual(decodeText(input), expected);
    });

  it('reads a view into a larger buffer from its own offset', () => {
    const whole = bytes('xxxxkind: Pod\nyyyy');
    assert.deepEqual(decodeText(whole.subarray(4, 14)), { text: 'kind: Pod\n' });
  });
});
