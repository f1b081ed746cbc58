import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseYamlFile } from '../yaml.js';
import { formatFloat32G } from './goResolve.js';

/**
 * Differential table: each row is what kubectl (go-yaml v2 → sigs.k8s.io/yaml YAMLToJSON) produces, written from
 * go-yaml v2.4.2 `resolve.go` and `decode.go`:
 * - resolveMapList: y Y yes Yes YES true True TRUE on On ON → true; n N no No NO false False FALSE off Off OFF → false;
 *   "" ~ null Null NULL → null; .nan/.inf families → floats (NaN/Inf are not JSON: the document is refused).
 * - hint 'D'/'S' (digit, sign): strconv.ParseInt(plain with '_' removed, 0, 64), then ParseUint, then
 *   yamlStyleFloat `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` + ParseFloat (out of range → string).
 * - hint '.': ParseFloat(in) (Go float syntax, `_` between digits allowed).
 * - base 60 is "purposefully unsupported"; timestamps decode into interface{} as their text.
 * - tags: !!str keeps text, !!binary is base64-decoded, !!int/!!float/!!bool/!!null/!!timestamp must match
 *   ("cannot decode !!str `x` as a !!int"), !!float takes ints, other tags keep text.
 * - keys (convertToJSONableObject): int → decimal, float → FormatFloat(f, 'g', -1, 32), bool → true/false,
 *   null and uint64 → "unsupported map key of type".
 */
type Expected = { value: unknown } | { key: string } | { error: RegExp };

const ROWS: [yaml: string, expected: Expected][] = [
  // YAML 1.1 booleans (resolveMapList), exact spellings only.
  ['y', { value: true }],
  ['Y', { value: true }],
  ['yes', { value: true }],
  ['Yes', { value: true }],
  ['YES', { value: true }],
  ['on', { value: true }],
  ['On', { value: true }],
  ['ON', { value: true }],
  ['true', { value: true }],
  ['True', { value: true }],
  ['TRUE', { value: true }],
  ['n', { value: false }],
  ['N', { value: false }],
  ['no', { value: false }],
  ['No', { value: false }],
  ['NO', { value: false }],
  ['off', { value: false }],
  ['Off', { value: false }],
  ['OFF', { value: false }],
  ['false', { value: false }],
  ['False', { value: false }],
  ['FALSE', { value: false }],
  ['tRUE', { value: 'tRUE' }],
  ['yES', { value: 'yES' }],
  ['oN', { value: 'oN' }],
  ['"yes"', { value: 'yes' }],
  ["'on'", { value: 'on' }],
  // Nulls.
  ['~', { value: null }],
  ['null', { value: null }],
  ['Null', { value: null }],
  ['NULL', { value: null }],
  ['', { value: null }],
  ['nULL', { value: 'nULL' }],
  ['"null"', { value: 'null' }],
  ['~x', { value: '~x' }],
  // Integers: strconv.ParseInt(plain, 0, 64).
  ['0', { value: 0 }],
  ['8080', { value: 8080 }],
  ['-1', { value: -1 }],
  ['+1', { value: 1 }],
  ['0x1F', { value: 31 }],
  ['0X1f', { value: 31 }],
  ['-0x1F', { value: -31 }],
  ['0o17', { value: 15 }],
  ['0O17', { value: 15 }],
  ['017', { value: 15 }],
  ['0b1010000', { value: 80 }],
  ['0B11', { value: 3 }],
  ['-0b101', { value: -5 }],
  ['1_000', { value: 1000 }],
  ['0_0', { value: 0 }],
  ['1__0', { value: 10 }],
  ['0x_1F', { value: 31 }],
  ['_1', { value: '_1' }],
  ['0x', { value: '0x' }],
  ['0b', { value: '0b' }],
  ['0b2', { value: '0b2' }],
  ['0o8', { value: '0o8' }],
  ['1,000', { value: '1,000' }],
  // int64 max, a uint64, int64 min (JavaScript numbers round beyond 2^53; map keys below keep them exact).
  ['9223372036854775807', { value: 2 ** 63 }],
  ['9223372036854775808', { value: 2 ** 63 }],
  ['-9223372036854775808', { value: -(2 ** 63) }],
  // Neither an int64 nor a uint64, but a yamlStyleFloat.
  ['-9223372036854775809', { value: -(2 ** 63) }],
  ['18446744073709551616', { value: 2 ** 64 }],
  // Floats.
  ['08', { value: 8 }],
  ['09.5', { value: 9.5 }],
  ['1.5', { value: 1.5 }],
  ['1e3', { value: 1000 }],
  ['1E3', { value: 1000 }],
  ['1e+3', { value: 1000 }],
  ['1.e5', { value: 100000 }],
  ['.5', { value: 0.5 }],
  ['-.5', { value: -0.5 }],
  ['+.5', { value: 0.5 }],
  ['.5_0', { value: 0.5 }],
  ['._5', { value: '._5' }],
  ['1_000.5', { value: 1000.5 }],
  ['6.02e23', { value: 6.02e23 }],
  ['1e999', { value: '1e999' }],
  ['.5e999', { value: '.5e999' }],
  ['.inf', { error: /not a JSON number/ }],
  ['-.Inf', { error: /not a JSON number/ }],
  ['.NaN', { error: /not a JSON number/ }],
  ['.infinity', { value: '.infinity' }],
  // No base 60; timestamps stay text.
  ['1:30', { value: '1:30' }],
  ['190:20:30', { value: '190:20:30' }],
  ['2001-12-14', { value: '2001-12-14' }],
  ['2001-12-14t21:59:43.10-05:00', { value: '2001-12-14t21:59:43.10-05:00' }],
  // Tags.
  ['!!str 1', { value: '1' }],
  ['!!str yes', { value: 'yes' }],
  ['!!str', { value: '' }],
  ['!!int "12"', { value: 12 }],
  ['!!int 0x10', { value: 16 }],
  ['!!float 1', { value: 1 }],
  ['!!float 0x10', { value: 16 }],
  ['!!bool yes', { value: true }],
  ['!!null ~', { value: null }],
  ['!!int abc', { error: /cannot decode !!str `abc` as a !!int/ }],
  ['!!int 1.5', { error: /cannot decode !!float `1.5` as a !!int/ }],
  ['!!bool 1', { error: /cannot decode !!int `1` as a !!bool/ }],
  ['!!float 18446744073709551615', { error: /cannot decode !!int `18446744073709551615` as a !!float/ }],
  ['!!binary U1lTX0FETUlO', { value: 'SYS_ADMIN' }],
  ['!!binary |\n    U1lT\n    X0FETUlO', { value: 'SYS_ADMIN' }],
  ['!!binary U1lTX0FETUl', { error: /invalid base64/ }],
  ['!<tag:yaml.org,2002:int> "7"', { value: 7 }],
  ['!!s%74r 5', { value: '5' }],
  ['!foo 123', { value: '123' }],
  ['! yes', { value: 'yes' }],
  ['!!timestamp 2001-12-14', { value: '2001-12-14' }],
  ['!!timestamp 2001-13-14', { error: /cannot decode !!str `2001-13-14` as a !!timestamp/ }],
  ['!!map 1', { value: '1' }],
  // Quoted and block scalars are strings.
  ['"1"', { value: '1' }],
  ["'0x10'", { value: '0x10' }],
  ['|\n    yes', { value: 'yes\n' }],
  ['>-\n    on', { value: 'on' }],
];

/** Rows for keys: `KEY: x` → the JSON key sigs.k8s.io/yaml writes. */
const KEY_ROWS: [yaml: string, expected: Expected][] = [
  ['yes', { key: 'true' }],
  ['on', { key: 'true' }],
  ['n', { key: 'false' }],
  ['1', { key: '1' }],
  ['0x10', { key: '16' }],
  ['1.5', { key: '1.5' }],
  ['1.0', { key: '1' }],
  ['0.1', { key: '0.1' }],
  ['1e6', { key: '1e+06' }],
  ['100000', { key: '100000' }],
  ['3.14159265358979', { key: '3.1415927' }],
  ['0.00001', { key: '1e-05' }],
  ['-0.0', { key: '-0' }],
  ['.inf', { key: '.inf' }],
  ['9223372036854775807', { key: '9223372036854775807' }],
  ['18446744073709551615', { error: /unsupported map key of type: uint64/ }],
  ['~', { error: /unsupported map key of type: <nil>/ }],
  ['"yes"', { key: 'yes' }],
  ['!!binary a2V5', { key: 'key' }],
  ['2001-12-14', { key: '2001-12-14' }],
  ['[a]', { error: /invalid map key/ }],
];

function read(text: string): { value?: unknown; error?: string } {
  const parsed = parseYamlFile('row.yaml', text);
  const error = parsed.issues.find((issue) => issue.level === 'error');
  if (error) return { error: error.message };
  return { value: parsed.documents[0]?.value };
}

function check(text: string, expected: Expected, pick: (value: unknown) => unknown): void {
  const result = read(text);
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

describe('go-yaml v2 differential table (what kubectl applies)', () => {
  it(`resolves ${ROWS.length} values as go-yaml v2 does`, () => {
    assert.ok(ROWS.length + KEY_ROWS.length >= 60);
    for (const [yaml, expected] of ROWS)
      check(`v: ${yaml}\n`, expected, (value) => (value as { v: unknown }).v);
  });

  it(`turns ${KEY_ROWS.length} keys into the JSON keys sigs.k8s.io/yaml writes`, () => {
    for (const [yaml, expected] of KEY_ROWS)
      check(`${yaml.startsWith('[') ? `? ${yaml}\n:` : `${yaml}:`} x\n`, expected, (value) =>
        Object.keys(value as object).find((key) => (value as Record<string, unknown>)[key] === 'x'),
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
