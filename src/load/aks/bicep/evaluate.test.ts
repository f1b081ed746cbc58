// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Bicep interpolations in fixtures
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectDeclarations } from './declarations.js';
import { type BicepFile, type LoadContext, Program } from './program.js';
import { bicepParser, parseWith } from './syntax.js';
import { toPlain, type Val } from './values.js';

/** Evaluates `var x` of a Bicep text (plus extra files for imports and loadTextContent). */
async function evaluateX(text: string, files: Record<string, string> = {}): Promise<Val> {
  const parser = await bicepParser();
  const file = (path: string, source: string): BicepFile => {
    const parsed = parseWith(parser, source, path.endsWith('.bicepparam'));
    assert.deepEqual(
      parsed.errors.map((error) => error.line),
      [],
      `${path} parses`,
    );
    return { path, kind: 'bicep', parsed, declarations: collectDeclarations(parsed) };
  };
  const context: LoadContext = {
    bicepFile: (path) => (Object.hasOwn(files, path) ? file(path, files[path]!) : undefined),
    readText: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    issues: [],
    skipped: [],
    budget: { steps: 1_000_000 },
    registryModule: () => undefined,
  };
  return new Program(context, file('main.bicep', text), undefined, '').variable('x');
}

function plain(value: Val): unknown {
  return toPlain(value);
}

const cases: [name: string, bicep: string, expected: unknown][] = [
  ['string escapes', "var x = 'it\\'s \\${not} a\\ttab \\u{1F600}'", "it's ${not} a\ttab 😀"],
  ['interpolation of strings and numbers', "param p string = 'aks'\nvar x = '${p}-${2}-dns'", 'aks-2-dns'],
  ['interpolation writes booleans as ARM does', "var x = 'on=${true}'", 'on=True'],
  ['multi-line string is verbatim', "var x = '''\nline ${1}\n'''", 'line ${1}\n'],
  ['multi-line ternary', "param prod bool = true\nvar x = prod\n  ? 'Standard'\n  : 'Free'", 'Standard'],
  [
    '== is case-sensitive, =~ is not',
    "var x = ['A' == 'a', 'A' =~ 'a', 'A' !~ 'a', 1 != 2]",
    [false, true, false, true],
  ],
  [
    'arithmetic and comparison',
    'var x = [1 + 2 * 3, 7 / 2, 7 % 4, -3, 2 > 1, 2 <= 1]',
    [7, 3, 3, -3, true, false],
  ],
  [
    '&& and || decide on their left side',
    "param p string\nvar x = [false && p == 'a', true || p == 'a']",
    [false, true],
  ],
  ['?? takes the first non-null', "param p string?\nvar x = p ?? 'default'", 'default'],
  ['safe access .? on a missing property', "var o = { a: 1 }\nvar x = o.?b ?? 'none'", 'none'],
  ['property access is case-insensitive', "var o = { Name: 'n' }\nvar x = o.name", 'n'],
  ['index and safe index', "var a = ['p', 'q']\nvar x = [a[1], a[?5]]", ['q', null]],
  [
    'a non-null assertion leaves the value as it is',
    "var o = { a: { b: 'v' } }\nvar x = [o.?a!.b, o.a!, last(['p', 'q'])!, o.?a.?b!, !(o.a.b! == 'v')]",
    ['v', { b: 'v' }, 'q', 'v', false],
  ],
  ['a typed variable has its value', "var x string = 'typed'", 'typed'],
  ['object spread and overrides', 'var base = { a: 1, b: 2 }\nvar x = { ...base, b: 3 }', { a: 1, b: 3 }],
  ['array spread', "var one = ['a']\nvar x = [...one, 'b', ...['c']]", ['a', 'b', 'c']],
  ['for loop with index', "var x = [for (n, i) in ['a', 'b']: '${n}${i}']", ['a0', 'b1']],
  [
    'new for-loop formatting',
    'var x = [\n  for n in filter(range(0, 5), n => n % 2 == 0): n * 10\n]',
    [0, 20, 40],
  ],
  [
    'precedence with member access (the grammar groups these wrongly)',
    "var o = { v: 2, n: 'a', off: false }\nvar x = [o.v > 1 && o.n == 'a', !o.off == true, o.v * o.v + 1, o.off ? o.n : o.v, o.?none ?? o.v > 1 || o.off]",
    [true, true, 5, 2, true],
  ],
  [
    'lambda bodies run to the end of the expression',
    "var l = [{ v: 2, n: 'a' }, { v: 0, n: 'b' }]\nvar x = map(filter(l, i => i.v > 1 && i.n == 'a'), i => i.n)",
    ['a'],
  ],
  [
    'array elements the grammar would split',
    "var a = ['p', 'q']\nvar x = [a[0], concat(a, ['r'])[2], a[1]]",
    ['p', 'r', 'q'],
  ],
  ['union merges nested objects', 'var x = union({ a: { b: 1 } }, { a: { c: 2 } })', { a: { b: 1, c: 2 } }],
  [
    'contains, length, split, join',
    "var x = [contains(['a'], 'a'), length('abc'), split('a,b', ','), join(['a', 'b'], '-')]",
    [true, 3, ['a', 'b'], 'a-b'],
  ],
  [
    'format and string',
    "var x = [format('{0}-{1}', 'a', 1), string(false), toLower('AB')]",
    ['a-1', 'False', 'ab'],
  ],
  [
    'lambdas: map, filter, reduce, toObject',
    "var l = [{ n: 'a', v: 1 }, { n: 'b', v: 2 }]\nvar x = [map(l, i => i.n), filter(l, i => i.v > 1), reduce(l, 0, (c, i) => c + i.v), toObject(l, i => i.n, i => i.v)]",
    [['a', 'b'], [{ n: 'b', v: 2 }], 3, { a: 1, b: 2 }],
  ],
  ['user-defined function', "func suffix(name string) string => '${name}-x'\nvar x = suffix('a')", 'a-x'],
  [
    'imported variable and function',
    "import { shared, twice } from 'lib.bicep'\nvar x = twice(shared)",
    'vv',
  ],
  ['namespace import', "import * as lib from 'lib.bicep'\nvar x = lib.twice('z')", 'zz'],
  [
    'loadJsonContent and loadTextContent',
    "var x = [loadJsonContent('cfg.json').policy, loadTextContent('note.txt')]",
    ['calico', 'hi'],
  ],
  [
    'nameof',
    'var o = { enablePrivateCluster: true }\nvar x = nameof(o.enablePrivateCluster)',
    'enablePrivateCluster',
  ],
  ['any and sys namespace', 'var x = sys.any(sys.concat([1], [2]))', [1, 2]],
];

const files = {
  'lib.bicep': "@export()\nvar shared = 'v'\n@export()\nfunc twice(s string) string => '${s}${s}'\n",
  'cfg.json': '{ "policy": "calico" }',
  'note.txt': 'hi',
};

const unknownCases: [name: string, bicep: string, reason: RegExp][] = [
  [
    'param without default',
    'param p bool\nvar x = p',
    /^depends on var 'x', which depends on param 'p', which has no default value$/,
  ],
  [
    'deployment function',
    'var x = resourceGroup().location',
    /^depends on var 'x', which depends on resourceGroup\(\)$/,
  ],
  [
    'var naming what it depends on',
    "var loc = resourceGroup().location\nvar x = '${loc}-1'",
    /^depends on var 'x', which depends on var 'loc', which depends on resourceGroup\(\)$/,
  ],
  ['environment variable (bicepparam)', "var x = readEnvironmentVariable('X', 'd')", /machine that deploys/],
  [
    'existing resource property',
    "resource v 'Microsoft.Network/virtualNetworks@2024-01-01' existing = {\n  name: 'v'\n}\nvar x = v.properties.subnets",
    /existing resource 'v'/,
  ],
  [
    'declared resource property',
    "resource a 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'a'\n}\nvar x = a.properties.fqdn",
    /known after deployment/,
  ],
  [
    'ternary on an unknown condition',
    "param p bool\nvar x = p ? 'a' : 'b'",
    /the condition p: depends on param 'p'/,
  ],
  ['loop over an unknown list', 'param l array\nvar x = [for i in l: i]', /a loop over l/],
  ['spread of an unknown object', 'param o object\nvar x = { ...o, a: 1 }', /a spread \(\.\.\.\) depends on/],
  ['circular vars', 'var a = b\nvar b = a\nvar x = a', /circular reference/],
];

describe('Bicep expressions', () => {
  for (const [name, bicep, expected] of cases) {
    it(name, async () => assert.deepEqual(plain(await evaluateX(bicep, files)), expected));
  }
  for (const [name, bicep, reason] of unknownCases) {
    it(`unknown: ${name}`, async () => {
      const value = await evaluateX(bicep, files);
      assert.equal(value.k, 'unk', `${name} is unknown`);
      assert.match(value.k === 'unk' ? value.reason : '', reason);
    });
  }

  it('a value read through a reference is located at the property that uses it', async () => {
    const value = await evaluateX("var v = {\n  a: 'x'\n}\nvar x = {\n  b: v\n}");
    assert.equal(value.k, 'obj');
    const b = value.k === 'obj' ? value.props.get('b')?.val : undefined;
    assert.equal(b?.at?.line, 5);
    assert.equal(b?.k === 'obj' ? b.props.get('a')?.val.at?.line : undefined, 5);
  });

  it('bounds evaluation of hostile loops', async () => {
    const value = await evaluateX('var x = [for i in range(0, 20000): i]');
    assert.equal(value.k, 'unk');
  });
});
