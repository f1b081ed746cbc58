import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Expected, KEY_ROWS, ROWS } from '../../../test/support/goScalars.js';
import { parseYamlFile } from '../yaml.js';
import { formatFloat32G } from './goResolve.js';

/** Both readers run the table: the fast reader (default) and the event decoder it falls back to. */
type Reader = 'fast' | 'events';

function read(text: string, reader: Reader = 'fast'): { value?: unknown; error?: string } {
  const parsed = parseYamlFile('row.yaml', text, { reader });
  const error = parsed.issues.find((issue) => issue.level === 'error');
  if (error) return { error: error.message };
  return { value: parsed.documents[0]?.value };
}

function check(text: string, expected: Expected, pick: (value: unknown) => unknown, reader: Reader): void {
  const result = read(text, reader);
  if ('error' in expected) {
    assert.match(result.error ?? 'no error', expected.error, text);
    return;
  }
  assert.equal(result.error, undefined, `${text}: ${result.error}`);
  const actual = pick(result.value);
  const wanted = 'value' in expected ? expected.value : expected.key;
  assert.ok(
    Object.is(actual, wanted) || actual === wanted,
    `${JSON.stringify(text)}: ${String(actual)} ≠ ${String(wanted)}`,
  );
}

for (const reader of ['fast', 'events'] as const)
  describe(`go-yaml v2 differential table (what kubectl applies), ${reader} reader`, () => {
    it(`resolves ${ROWS.length} values as go-yaml v2 does`, () => {
      assert.ok(ROWS.length + KEY_ROWS.length >= 60);
      for (const [yaml, expected] of ROWS)
        check(`v: ${yaml}\n`, expected, (value) => (value as { v: unknown }).v, reader);
    });

    it(`turns ${KEY_ROWS.length} keys into the JSON keys sigs.k8s.io/yaml writes`, () => {
      for (const [yaml, expected] of KEY_ROWS)
        check(
          `${yaml.startsWith('[') ? `? ${yaml}\n:` : `${yaml}:`} x\n`,
          expected,
          (value) =>
            Object.keys(value as object).find((key) => (value as Record<string, unknown>)[key] === 'x'),
          reader,
        );
    });
  });

function withUnderscores(text: string, places: readonly number[]): string {
  let out = text;
  for (const place of [...places].sort((a, b) => b - a)) out = `${out.slice(0, place)}_${out.slice(place)}`;
  return out;
}

describe('go-yaml v2 resolver properties', () => {
  it('reads any int64 in decimal, hex, 0o/leading-zero octal or binary, with a sign and underscores, exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
        fc.constantFrom('dec', 'hex', 'oct', 'oldoct', 'bin'),
        fc.array(fc.nat({ max: 30 }), { maxLength: 3 }),
        fc.boolean(),
        (value, format, underscores, plus) => {
          const magnitude = value < 0n ? -value : value;
          const body =
            format === 'hex'
              ? `0x${magnitude.toString(16)}`
              : format === 'oct'
                ? `0o${magnitude.toString(8)}`
                : format === 'oldoct'
                  ? `0${magnitude.toString(8)}`
                  : format === 'bin'
                    ? `0b${magnitude.toString(2)}`
                    : magnitude.toString();
          const places = underscores.map((place) => 1 + (place % Math.max(1, body.length - 1)));
          const text = `${value < 0n ? '-' : plus ? '+' : ''}${withUnderscores(body, places)}`;
          const result = read(`v: ${text}\n`);
          assert.equal((result.value as { v: unknown }).v, Number(value), text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads any finite double written by JavaScript as that number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = String(value);
        const result = read(`v: ${text}\n`);
        assert.ok((result.value as { v: number }).v === value, text);
      }),
      { numRuns: 500 },
    );
  });

  it('is a boolean exactly for the spellings of the resolve table, whatever the casing', () => {
    const words = ['y', 'yes', 'true', 'on', 'n', 'no', 'false', 'off'];
    const exact = new Set(
      words.flatMap((word) => [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()]),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        (word, upper) => {
          const text = [...word].map((char, index) => (upper[index] ? char.toUpperCase() : char)).join('');
          const value = (read(`v: ${text}\n`).value as { v: unknown }).v;
          assert.equal(typeof value === 'boolean', exact.has(text), text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps any double-quoted string as written', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const value = (read(`v: ${JSON.stringify(text)}\n`).value as { v: unknown }).v;
        assert.equal(value, text);
      }),
      { numRuns: 300 },
    );
  });

  it('writes float keys as Go FormatFloat(f, g, -1, 32): shortest text that reads back as the same float32', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = formatFloat32G(value);
        assert.match(text, /^-?(\d+(\.\d+)?|\d(\.\d+)?e[+-]\d{2,3})$/, text);
        assert.ok(
          Object.is(Math.fround(Number(text)), Math.fround(value)) || (value === 0 && Number(text) === 0),
          text,
        );
      }),
      { numRuns: 500 },
    );
  });
});
