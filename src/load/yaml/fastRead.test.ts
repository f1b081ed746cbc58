import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { prng } from '../../../bench/rbac/generate.js';
import { KEY_ROWS, ROWS } from '../../../test/support/goScalars.js';
import type { PositionIndex } from '../positionTable.js';
import { type ReaderTally, readYamlFile, type YamlRead } from '../yaml.js';
import { fastReadable } from './fastRead.js';

/**
 * The fast reader must never read differently from the event decoder (js-yaml's parseEvents + decode.ts): both
 * paths run over every YAML input the project has and a seeded fuzz, and must give the same values (deep, key order
 * included), the same position tables, the same issues and the same skipped entry.
 */

/** A position table as nested data: [start, end, kind, [key, child]...]. */
function tableShape(tree: PositionIndex): unknown {
  const portable = tree.portable();
  if (portable.kind !== 'table') return portable.root;
  const { data, childBase, keyBase, names } = portable;
  const keyOf = (slot: number) => (data[keyBase + slot]! < 0 ? undefined : names[data[keyBase + slot]!]);
  const walk = (node: number): unknown => {
    const packed = data[node * 4 + 3]!;
    const first = data[node * 4 + 2]!;
    const children: unknown[] = [];
    for (let slot = first; slot < first + (packed >>> 2); slot++)
      children.push([keyOf(slot), walk(data[childBase + slot]!)]);
    return [data[node * 4], data[node * 4 + 1], packed & 3, children];
  };
  return walk(portable.root);
}

/** Everything a read gives, as one comparable string (key order kept; -0, NaN and undefined told apart). */
function shapeOf(read: YamlRead): string {
  return JSON.stringify(
    {
      documents: read.documents.map((document) => [
        document.index,
        document.value,
        tableShape(document.tree),
      ]),
      issues: read.issues,
      skipped: read.skipped,
      lineStarts: [...read.lineStarts],
    },
    (_key, value) =>
      Object.is(value, -0)
        ? '-0'
        : typeof value === 'number' && !Number.isFinite(value)
          ? String(value)
          : value,
  );
}

interface Comparison {
  files: number;
  differing: string[];
  tally: ReaderTally;
}

function compare(inputs: Iterable<{ file: string; text: string }>): Comparison {
  const result: Comparison = { files: 0, differing: [], tally: { fast: 0, events: 0 } };
  for (const { file, text } of inputs) {
    result.files++;
    const fast = shapeOf(readYamlFile(file, text, { readerTally: result.tally }));
    const events = shapeOf(readYamlFile(file, text, { reader: 'events' }));
    if (fast !== events) result.differing.push(file);
  }
  return result;
}

function share(tally: ReaderTally): string {
  const total = tally.fast + tally.events;
  return `${tally.fast} of ${total} documents by the fast reader (${((100 * tally.fast) / Math.max(total, 1)).toFixed(1)} %), ${tally.events} by the event decoder`;
}

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const CORPORA = join(REPOSITORY, '../shared/corpora');

function* yamlFiles(root: string): Generator<{ file: string; text: string }> {
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git' || entry.name === 'dist') continue;
    const path = join(root, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(entry.name)) yield { file: path, text: readFileSync(path, 'utf8') };
  }
}

describe('the fast YAML reader reads exactly as the event decoder', () => {
  it('on every YAML file of the repository (tests, fixtures, examples, docs) and of the shared corpora', (t) => {
    const roots = ['test', 'examples', 'docs', 'src', 'bench'].map((root) => join(REPOSITORY, root));
    if (existsSync(CORPORA)) roots.push(CORPORA);
    const result = compare(roots.flatMap((root) => [...yamlFiles(root)]));
    t.diagnostic(`${result.files} files: ${share(result.tally)}`);
    assert.deepEqual(result.differing, []);
    assert.ok(result.files > 300, `${result.files} files`);
    // Real manifests are the fast reader's subset.
    assert.ok(result.tally.fast >= 0.99 * (result.tally.fast + result.tally.events), share(result.tally));
  });

  it('on the go-yaml v2 scalar table, as values and keys, in block, flow and quoted places', (t) => {
    const inputs: { file: string; text: string }[] = [];
    for (const [yaml] of [...ROWS, ...KEY_ROWS]) {
      const texts = [
        `a: ${yaml}\n`,
        `- ${yaml}\n- x\n`,
        `m:\n  - k: ${yaml}\n    other: 1\n`,
        `${yaml}: x\nb: y\n`,
        `f: [${yaml}, 1]\n`,
        `g: {k: ${yaml}}\n`,
        `h: {${yaml}: v}\n`,
        `a: ${yaml}  # comment\n`,
        `a:\n  ${yaml}\nb: 1\n`,
      ];
      texts.forEach((text, index) => {
        inputs.push({ file: `row-${index}.yaml`, text });
      });
    }
    const result = compare(inputs);
    t.diagnostic(`${result.files} texts: ${share(result.tally)}`);
    assert.deepEqual(result.differing, []);
    assert.ok(result.tally.fast > 0.6 * result.files, share(result.tally));
  });

  it("on the scalar table read a second time, from the reader's remembered plain scalars", () => {
    // The reader remembers plain scalars by their text across files (strings, and numbers, booleans and nulls with
    // their values): the second read of each text is answered from there and must read as the first did.
    for (const [yaml] of [...ROWS, ...KEY_ROWS])
      for (const text of [`a: ${yaml}\nb: ${yaml}\n`, `- ${yaml}\n- [${yaml}]\n`]) {
        const events = shapeOf(readYamlFile('row.yaml', text, { reader: 'events' }));
        const first = readYamlFile('row.yaml', text);
        const second = readYamlFile('row.yaml', text);
        assert.equal(shapeOf(first), events, text);
        assert.equal(shapeOf(second), events, text);
      }
  });

  it('finds a template action in a plain key or value on every read, not only the first', () => {
    for (const text of ['a: x-{{ .Values.y }}\n', 'x-{{ .Values.k }}: 1\n', 'a:\n  - p-{{ .Values.q }}\n']) {
      for (let read = 0; read < 3; read++) {
        const tally: ReaderTally = { fast: 0, events: 0 };
        const result = readYamlFile('t.yaml', text, { readerTally: tally });
        assert.equal(result.skipped?.category, 'unrendered-template', `${text} read ${read}`);
        assert.deepEqual(result.documents, []);
        assert.equal(tally.fast, 1);
      }
    }
  });

  it('on hand-written layouts at the edges of the subset', (t) => {
    const result = compare(EDGES.map((text, index) => ({ file: `edge-${index}.yaml`, text })));
    t.diagnostic(`${result.files} texts: ${share(result.tally)}`);
    assert.deepEqual(result.differing, []);
  });

  it('on a seeded fuzz of generated manifests with the edge cases, and on broken copies of them', (t) => {
    const random = prng(16);
    const inputs: { file: string; text: string }[] = [];
    for (let index = 0; index < 800; index++) {
      const documents = Array.from({ length: 1 + Math.floor(random() * 3) }, () => manifest(random));
      let text = documents.join(random() < 0.5 ? '---\n' : '\n---\n');
      if (random() < 0.1) text = text.replaceAll('\n', '\r\n');
      if (random() < 0.03) text = `\ufeff${text}`;
      inputs.push({ file: `fuzz-${index}.yaml`, text });
      inputs.push({ file: `broken-${index}.yaml`, text: mutate(text, random) });
    }
    const result = compare(inputs);
    t.diagnostic(`${result.files} generated files: ${share(result.tally)}`);
    assert.deepEqual(result.differing, []);
    assert.ok(result.tally.fast > 700, share(result.tally));
  });

  // Which reader takes what: the subset, exactly; anything else is the event decoder's.
  const READERS: [name: string, text: string, reader: 'fast' | 'events'][] = [
    ['block mapping and sequence', 'a: 1\nb:\n  - x\n  - y: z\n', 'fast'],
    ['indentless sequence', 'a:\n- 1\n- 2\nb: 3\n', 'fast'],
    ['flow collections on one line', 'a: [1, {b: "c"}]\n', 'fast'],
    ['block scalars with chomping', 'a: |-\n  x\nb: >+\n  y\n\n', 'fast'],
    ['quoted keys and escapes', "\"a b\": \"c\\td\"\n'e': 'f''g'\n", 'fast'],
    ['CRLF line breaks', 'a: 1\r\nb: |\r\n  x\r\n', 'fast'],
    ['duplicate keys (a note)', 'a: 1\na: 2\n', 'fast'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n', 'events'],
    ['a merge key', 'a: &x {b: 1}\nc:\n  <<: *x\n', 'events'],
    ['a tag', 'a: !!str 1\n', 'events'],
    ['a multi-line plain scalar', 'a: b\n  c\n', 'events'],
    ['a flow collection over lines', 'a: [\n  "b", # c\n\n  {d: e,\n   f: g}\n  ]\n', 'fast'],
    ['a flow collection indented too little', 'a:\n  b: [c,\n  d]\n', 'events'],
    ['a multi-line quoted scalar', 'a: "b\n  c"\nd: \'e\n\n   f\'\n', 'fast'],
    ['a quoted scalar indented too little', 'a:\n  - "b\n  c"\n', 'events'],
    ['an indentation indicator', 'a: |2\n   x\n', 'events'],
    ['a tab before a value', 'a:\tb\n', 'events'],
    ['a CR alone', 'a: 1\rb: 2\r', 'events'],
    ['an explicit key', '? a\n: b\n', 'events'],
    ['a syntax error', 'a: b: c\n', 'events'],
    ['a NaN value', 'a: .nan\n', 'events'],
    ['keys that meet as one JSON key', '1: a\n"1": b\n', 'events'],
    ['a document end marker', 'a: 1\n...\nb: 2\n', 'events'],
    ['a directive', '%YAML 1.1\n---\na: 1\n', 'events'],
  ];
  for (const [name, text, reader] of READERS)
    it(`${name}: read by the ${reader === 'fast' ? 'fast reader' : 'event decoder'}`, () => {
      const tally: ReaderTally = { fast: 0, events: 0 };
      const fast = shapeOf(readYamlFile('r.yaml', text, { readerTally: tally }));
      assert.equal(fast, shapeOf(readYamlFile('r.yaml', text, { reader: 'events' })));
      if (reader === 'fast') assert.deepEqual(tally, { fast: 1, events: 0 });
      else assert.equal(tally.fast, 0);
    });

  it('a file mixing both readers keeps each document, its note and its position', () => {
    const text = 'a: 1\na: 2\n---\nb: &x 1\nc: *x\n---\nd: [1, 2]\n';
    const tally: ReaderTally = { fast: 0, events: 0 };
    const read = readYamlFile('mixed.yaml', text, { readerTally: tally });
    assert.deepEqual(tally, { fast: 2, events: 1 });
    assert.deepEqual(
      read.documents.map((document) => document.value),
      [{ a: 2 }, { b: 1, c: 1 }, { d: [1, 2] }],
    );
    assert.deepEqual(
      read.issues.map((issue) => [issue.line, issue.level]),
      [[2, 'note']],
    );
    assert.deepEqual(read.documents[2]!.tree.span(['d', 1]), { start: 39, end: 40 });
    assert.equal(shapeOf(read), shapeOf(readYamlFile('mixed.yaml', text, { reader: 'events' })));
  });
});

describe('fastReadable', () => {
  // The characters the reader leaves to the event decoder, as the pattern says them (fastRead.ts OUTSIDE_SUBSET).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  const outside = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]|\r(?!\n)/;
  const codes = [
    ...Array.from({ length: 0x300 }, (_, code) => code),
    0x2028,
    0xd800,
    0xdbff,
    0xdc00,
    0xfeff,
    0xfffe,
    0xffff,
  ];

  it('refuses exactly the characters outside the subset, in short texts and in long ASCII or other ones', () => {
    const line = 'key: value # comment\n';
    for (const filler of [line, `${line}é: ü\n`, `${line}a: 😀\n`])
      for (const size of [30, 6000])
        for (const code of codes)
          for (const where of ['start', 'middle', 'end'] as const) {
            const base = filler.repeat(Math.ceil(size / filler.length));
            const character = String.fromCharCode(code);
            const at = where === 'start' ? 0 : where === 'middle' ? base.length >> 1 : base.length;
            const text = base.slice(0, at) + character + base.slice(at);
            assert.equal(
              fastReadable(text),
              !outside.test(text),
              `U+${code.toString(16)} ${where} of ${size}`,
            );
          }
  });

  it('judges a part of a text by that part alone', () => {
    const text = `${'a: 1\n'.repeat(1000)}b: \u0007\n${'c: 2\n'.repeat(1000)}`;
    assert.equal(fastReadable(text), false);
    assert.equal(fastReadable(text, 0, 5000), true);
    assert.equal(fastReadable(text, 0, 5005), false);
  });
});

/** Layouts where a reader could slip: indentation, comments, empty values, ends of text, quoting, tabs. */
const EDGES = [
  // A tab after the spaces that indent a line (the reader counts them once, where it skips blank lines).
  'a:\n  \tb: 1\n',
  'a:\n \t- x\n',
  'a:\n  b: 1\n  \t# c\n  c: 2\n',
  '- a\n \t\n- b\n',
  'a  : b\n',
  'a:    # comment\n  value\n',
  'a: # comment\n  - x\n',
  '# only a comment\n',
  '\n\n   \n',
  '-\n  a: 1\n-\n- b\n',
  '- - - a\n    - b\n  - c\n- d\n',
  '  a: 1\n  b: 2\n',
  '  a: 1\nb: 2\n',
  'a: |\n  x',
  'a: |\n  x\n# c\nb: 1\n',
  'a: |+\n  x\n\n\n',
  'a: |+\n  x\n\n  ',
  'a: >\n  x\n   y\n  z\n\n  w\n',
  'a: |\n     \n  x\n',
  'a: |\n  x\n      \n',
  'a: |\n\n\n',
  'a: |',
  'a: |\nb: 1\n',
  'a: |-\n    x\n  y\n',
  '- |\n  x\n- >-\n  y\n',
  '"a\\tb": 1\n"c\\"d": 2\n',
  'a: "x" # c\n',
  "a: 'x'#c\n",
  'a: "x"y\n',
  'a: [a, b]  # c\n',
  'a: {a: b}x\n',
  'a: b\tc\n',
  'a: b\t\n',
  'a: b \t# c\n',
  'a:\t\n  b: 1\n',
  '? a\n',
  'a: é 中文 ✓\n',
  'a:\n- 1\nb:\n  - 2\n  -\nc: 3\n',
  'a:\n  b:\n  c:\n',
  'a: {}\nb: []\nc: [ ]\nd: { }\n',
  'a: [[], [[]], {b: []}]\n',
  'a: {"b":1, \'c\': 2}\n',
  'a: [b: c]\n',
  'a: {b}\n',
  'a: [b, , c]\n',
  'a: [b, ]\nc: {d: 1,}\ne: [\n    "f",\n    {g: h,},\n  ]\n',
  'a: [,]\n',
  'a: [b,,]\n',
  'a: [b # c\n  ]\n',
  'a: [b, # c\n  d]\n',
  'a: [b,#c\n  d]\n',
  'a: [\n\tb]\n',
  'a: [\n  b\n  ]\n',
  'a: b:c\n',
  'a: b: c\n',
  'a: -b\n',
  'a: - b\n',
  'a: :b\n',
  'a: ?b\n',
  'a: b#c\n',
  'a: "b\n\n  c"\n',
  'a: "b\\\n  c"\n',
  "a: 'b\n c'\n",
  'a:\n  - "b\n   c"\n',
  'a: "b\nc"\n',
  '---\na: 1\n--- # c\nb: 2\n---\n',
  'a: 1\n--- b\n',
  '--- {a: 1}\n',
  'a: 1\n---\n---\n\n---\nb: 2',
  'a:\n  - b\n  c: 1\n',
  'a:\n    b: 1\n  c: 2\n',
  'a: 1\n a: 2\n',
  'a: [1,\n  2]\n',
  'a: {b: 1,\n  c: 2}\n',
  'a: [1, 2]]\n',
  'a: "\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\e\\0"\n',
  'a: "\\x4"\n',
  'k: v\r\nl:\r\n  - |\r\n    x\r\n    y\r\n  - "q\r\n    r"\r\n',
  'a: 1\r\n\r\n# c\r\nb: 2',
  '__proto__: 1\nconstructor: 2\ntoString: {a: 1}\n',
  'a: 1\nb: 2\na: 3\n"a": 4\n',
  '1: a\n2: b\n1: c\n',
  'yes: 1\ntrue: 2\n',
  '0x1F: a\n1e3: b\n.5: c\n',
  '~: a\n',
  '.inf: a\n',
  `a: ${'x'.repeat(100_000)}\n`,
  `${'- '.repeat(150)}x\n`,
  `${'- '.repeat(250)}x\n`,
  `${Array.from({ length: 300 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n')} end\n`,
  'a: "{{ .Values.x }}"\n',
  'a: {{ .Values.x }}\n',
  '"{{ include \\"x\\" . }}": 1\n',
  'a: |\n  {{ .Values.x }}\n',
  'a: b\n...\n',
];

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Scalars as written in a manifest, edge cases first: YAML 1.1 words, numbers, quoting, `#` and `: ` inside. */
const SCALARS = [
  'nginx:1.25',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'N',
  'true',
  'False',
  '0x1F',
  '0o17',
  '017',
  '1e3',
  '1_000',
  '0b101',
  '.inf',
  '-.Inf',
  '.nan',
  '~',
  'null',
  'NULL',
  '12:30',
  '2001-12-14',
  '1.5',
  '-0',
  '+12',
  '9223372036854775808',
  '"quoted"',
  "'single'",
  "'it''s'",
  '"a: b"',
  '"x # y"',
  '"tab\\there"',
  '"\\u00e9\\x41\\U0001F600"',
  '"\\q"',
  'a#b',
  'a # comment',
  'http://example.com:8080/path?q=1',
  'value with spaces',
  'trailing   ',
  'a: b',
  '- dash',
  '-dash',
  '?what',
  ':colon',
  '[a, b]',
  '{a: 1}',
  '[a, [b, {c: d}]]',
  '{ "k": "v" , x: [1,2] }',
  '[a,]',
  '[]',
  '{}',
  '&anchor v',
  '*alias',
  '!!str 5',
  '"{{ .Values.image }}"',
  '{{ .Values.image }}',
  '%percent',
  '@at',
  '`tick`',
  'x'.repeat(3000),
  '"unterminated',
  'tab\there',
];

const KEYS = [
  'name',
  'image',
  'a b',
  '"quoted key"',
  "'single'",
  'yes',
  '1',
  'on',
  '__proto__',
  'toString',
  'x.y/z',
  'k',
];

const BLOCK_SCALARS = [
  '|\n{i}line one\n{i}line two\n',
  '|-\n{i}stripped\n\n',
  '|+\n{i}kept\n\n\n',
  '>\n{i}folded\n{i}text\n\n{i}  more indented\n{i}back\n',
  '>-\n{i}a\n{i}b\n',
  '|2\n{i}  explicit\n',
  '| # comment\n{i}x\n',
  '|\n\n{i}after blank\n',
  '|\n{i}  \n{i}x\n',
  '|\n',
  '>\n{i}#not a comment\n',
  '|\n{i}\tTab inside\n',
];

/** One generated value at `indent` (spaces of the enclosing mapping's keys). */
function value(random: Random, indent: number, depth: number): string {
  const roll = random();
  const inner = ' '.repeat(indent + 2);
  if (depth < 5 && roll < 0.25) return `\n${mapping(random, indent + 2, depth + 1)}`;
  if (depth < 5 && roll < 0.4) return `\n${sequence(random, indent + (random() < 0.3 ? 0 : 2), depth + 1)}`;
  if (roll < 0.5) return ` ${pick(random, BLOCK_SCALARS).replaceAll('{i}', inner).replace(/\n$/, '')}`;
  if (roll < 0.55) return ` ${pick(random, SCALARS)}\n${inner}continued`;
  if (roll < 0.58) return `\n${inner}${pick(random, SCALARS)}`;
  if (roll < 0.6) return ` [\n${inner}a,\n${inner}b\n${inner}]`;
  if (roll < 0.605)
    return ` [\n${inner}"a", # c\n${' '.repeat(indent + Math.floor(random() * 3))}{b: c,\n${inner}d: [e]}\n${inner}]`;
  if (roll < 0.61) {
    const quote = pick(random, ['"', "'"]);
    const pad = ' '.repeat(Math.max(0, indent + Math.floor(random() * 4) - 1));
    return ` ${quote}multi${pick(random, ['', ' ', '\\', '\t'])}\n${pad}line${pick(random, ['', '\n', '\n\n'])}${pad}end${quote}`;
  }
  if (roll < 0.62) return '';
  if (roll < 0.64) return ` ${pick(random, SCALARS)}\t`;
  if (roll < 0.66) return `\t${pick(random, SCALARS)}`;
  return ` ${pick(random, SCALARS)}`;
}

function mapping(random: Random, indent: number, depth: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const entries = 1 + Math.floor(random() * 4);
  for (let entry = 0; entry < entries; entry++) {
    if (random() < 0.1) lines.push(`${pad}# a comment: with [brackets]`);
    if (random() < 0.05) lines.push('');
    lines.push(`${pad}${pick(random, KEYS)}:${value(random, indent, depth)}`);
  }
  return lines.join('\n');
}

function sequence(random: Random, indent: number, depth: number): string {
  const pad = ' '.repeat(indent);
  const items: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let item = 0; item < count; item++) {
    const roll = random();
    if (depth < 5 && roll < 0.4) {
      // A compact mapping: its first key on the dash's line.
      const body = mapping(random, indent + 2, depth + 1);
      items.push(`${pad}- ${body.slice(indent + 2)}`);
    } else if (depth < 5 && roll < 0.5)
      items.push(`${pad}- ${sequence(random, indent + 2, depth + 1).slice(indent + 2)}`);
    else if (roll < 0.55) items.push(`${pad}-`);
    else items.push(`${pad}- ${pick(random, SCALARS)}`);
  }
  return items.join('\n');
}

function manifest(random: Random): string {
  const head = `apiVersion: v1\nkind: ${pick(random, ['Pod', 'ConfigMap', 'Deployment'])}\nmetadata:\n  name: n${Math.floor(random() * 100)}\n`;
  const roll = random();
  if (roll < 0.05)
    return `${head}deep:${'\n'.concat(Array.from({ length: 40 }, (_, level) => `${' '.repeat(level * 2 + 2)}l${level}:`).join('\n'))} end\n`;
  if (roll < 0.08) return `${sequence(random, 0, 1)}\n`;
  return `${head}${mapping(random, 0, 1)}\n${random() < 0.2 ? '# trailing comment\n' : ''}`;
}

/** A copy with one small edit: a character dropped, a tab or `: ` put in, a line's indentation changed. */
function mutate(text: string, random: Random): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return `${text.slice(0, at)}\t${text.slice(at)}`;
    case 2:
      return `${text.slice(0, at)}: ${text.slice(at)}`;
    case 3: {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      return `${text.slice(0, lineStart)} ${text.slice(lineStart)}`;
    }
    default:
      return `${text.slice(0, at)}${pick(random, ['"', "'", '#', '[', '{', '- ', '|', '\r', '---\n'])}${text.slice(at)}`;
  }
}
