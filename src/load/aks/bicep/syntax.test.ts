// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Bicep interpolations in fixtures
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rewriteForGrammar } from './compat.js';
import { parseBicep, type SyntaxNode, textOf } from './syntax.js';

/**
 * Syntax that breaks other Bicep readers must parse: Checkov's parse gaps (bridgecrewio/checkov #7038 full syntax,
 * #6640 join(), #7424 import, #7475 typed arrays, #7364 extension, #6234 multi-line ternary and if, #6351 new
 * for-loop formatting) and what the grammar aksguard ships predates or mis-reads.
 */
const modern: [name: string, source: string][] = [
  ['#6640 join() in a property', "var x = {\n  name: join(['a', 'b'], '-')\n}"],
  [
    '#7424 import of types, variables and namespaces',
    "import { poolType, defaults as d } from 'types.bicep'\nimport * as lib from 'lib.bicep'\nimport 'az@1.0.0'",
  ],
  [
    '#7475 typed arrays and nullable types',
    'param ranges string[] = []\nparam zones int[]?\nparam pools poolType[]\nparam tags object?',
  ],
  [
    '#7364 extension statements',
    "extension microsoftGraphV1\nextension kubernetes with {\n  namespace: 'default'\n  kubeConfig: ''\n} as k8s\nparam after string = 'ok'",
  ],
  ['#6234 multi-line ternary', "param prod bool = true\nvar tier = prod\n  ? 'Standard'\n  : 'Free'"],
  [
    '#6234 conditional resource',
    "param deploy bool\nresource r 'Microsoft.Storage/storageAccounts@2023-01-01' = if (deploy) {\n  name: 's'\n}",
  ],
  ['#6351 new for-loop formatting', "var names = [\n  for (pool, i) in ['a', 'b']: '${pool}${i}'\n]"],
  [
    'decorators everywhere',
    "@description('x')\n@secure()\nparam secret string\n@batchSize(1)\nresource r 'Microsoft.Storage/storageAccounts@2023-01-01' = [for i in range(0, 2): {\n  name: 's${i}'\n}]",
  ],
  [
    'user-defined types and functions',
    "@export()\ntype poolType = {\n  name: string\n  @minValue(1)\n  count: int?\n  mode: 'System' | 'User'\n}\nfunc suffix(name string) string => '${name}-x'",
  ],
  [
    'resource-derived types',
    "param props resourceInput<'Microsoft.ContainerService/managedClusters@2024-05-01'>.properties?\nparam after string = 'ok'",
  ],
  [
    'spread, safe access and safe index',
    'var base = { a: 1 }\nvar x = { ...base, b: base.?a, c: [...[1], 2][?0] }',
  ],
  [
    'strings that start like comments',
    "var q = '//https://learn.microsoft.com'\nvar r = '/*not a comment*/'\nvar s = 'a${1}//b'",
  ],
  [
    'lambdas and nested resources',
    "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'a'\n  resource pool 'agentPools' = {\n    name: 'p'\n  }\n}\nvar n = map([1], i => i * 2)\nvar p = aks::pool.name",
  ],
  ['assert and targetScope', "targetScope = 'resourceGroup'\nparam n int = 1\nassert positive = n > 0"],
  ['diagnostic comments', '#disable-next-line no-unused-vars\nvar x = 1 // trailing\n/* block */ var y = 2'],
  [
    'non-null assertions after member, safe member, call, index, parentheses and strings',
    "module m 'br/public:avm/res/x:1.0.0' = {\n  name: 'm'\n}\noutput oidc string = m.outputs.?oidcIssuerUrl!\nvar a = last([1])!\nvar b = [1][0]! > 0 && (a)! != 2\nvar c = concat('x')!.length\nvar d = 'x'!\noutput e int = a! + 1",
  ],
  [
    'prefix not and the not-equal operators stay operators',
    "param p bool\nvar a = !p\nvar b = p != true && 'A' !~ 'a' && !(!p)\nvar c = [!p, true ? !p : p]\nvar d = '${!p}'",
  ],
  [
    'typed variables',
    "var name string = 'aks'\nvar pools { name: string, count: int? }[] = [\n  { name: 'a' }\n]\n@export()\nvar mode 'System' | 'User' = 'System'",
  ],
];

describe('Bicep syntax: modern constructs parse without errors', () => {
  for (const [name, source] of modern) {
    it(name, async () => {
      const parsed = await parseBicep(source, false);
      assert.deepEqual(
        parsed.errors.map((error) => `${error.line}:${error.column} ${textOf(parsed, error)}`),
        [],
      );
    });
  }

  it('.bicepparam: using, param assignments without type, vars', async () => {
    const parsed = await parseBicep(
      "using './main.bicep'\nvar env = 'prod'\nparam clusterName = 'aks-${env}'\nparam pools = [\n  { name: 'a' }\n]\n",
      true,
    );
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.root.children.map((statement) => [statement.type, statement.line]),
      [
        ['using_statement', 1],
        ['variable_declaration', 2],
        ['variable_declaration', 3],
        ['variable_declaration', 4],
      ],
    );
    assert.deepEqual([...parsed.compat.paramAssignments], [38, 71]);
  });

  it('invalid syntax is reported with its line', async () => {
    const parsed = await parseBicep("param a string = 'x'\nvar b = {\n  c: \n}\nvar d = 1\n", false);
    assert.ok(parsed.errors.length > 0);
    assert.equal(parsed.errors[0]!.line, 3);
  });
});

/** The shape of an expression: `type(children...)`, with the operator of binary and unary nodes. */
function shape(node: SyntaxNode): string {
  const head = node.operator ? `${node.type}[${node.operator}]` : node.type;
  return node.children.length > 0 ? `${head}(${node.children.map(shape).join(' ')})` : head;
}

describe('Bicep syntax: expressions the grammar groups wrongly are regrouped', () => {
  const cases: [source: string, expected: string][] = [
    ['!a.b', 'unary_expression[!](member_expression(identifier property_identifier))'],
    ['a && b.c', 'binary_expression[&&](identifier member_expression(identifier property_identifier))'],
    [
      'a.v > 1 && b.n == c',
      'binary_expression[&&](binary_expression[>](member_expression(identifier property_identifier) number) binary_expression[==](member_expression(identifier property_identifier) identifier))',
    ],
    [
      'c ? a.b : d.e',
      'ternary_expression(identifier member_expression(identifier property_identifier) member_expression(identifier property_identifier))',
    ],
    ['a + b[0]', 'binary_expression[+](identifier subscript_expression(identifier number))'],
    [
      '[f(1), a[0]]',
      'array(call_expression(identifier arguments(number)) subscript_expression(identifier number))',
    ],
    [
      'map(l, i => i.n)',
      'call_expression(identifier arguments(identifier lambda_expression(identifier member_expression(identifier property_identifier))))',
    ],
    [
      '(a + b).c',
      'member_expression(parenthesized_expression(binary_expression[+](identifier identifier)) property_identifier)',
    ],
  ];
  for (const [source, expected] of cases) {
    it(source, async () => {
      const parsed = await parseBicep(`var x = ${source}\n`, false);
      assert.deepEqual(parsed.errors, []);
      const value = parsed.root.children[0]!.children[1]!;
      assert.equal(shape(value), expected);
      assert.deepEqual([value.line, value.column, textOf(parsed, value)], [1, 9, source]);
    });
  }

  it('a regrouped element keeps its lines and columns', async () => {
    const parsed = await parseBicep("var x = [\n  'a'\n  list[0]\n]\n", false);
    const element = parsed.root.children[0]!.children[1]!.children[1]!;
    assert.deepEqual(
      [element.type, element.line, element.column, textOf(parsed, element)],
      ['subscript_expression', 3, 3, 'list[0]'],
    );
  });
});

describe('Bicep syntax: the rewrite before parsing keeps every position', () => {
  const cases: [name: string, source: string, bicepparam: boolean][] = [
    ['extension', "extension k8s with {\n  a: 'b'\n} as k\nparam x string", false],
    ['spread', 'var x = { ...a, b: [...c] }', false],
    ['safe index', 'var x = a[?0]', false],
    ['resource type', "param p resourceInput<'T@2024-01-01'>.properties?", false],
    ['comment-like string', "var s = '//x${a}//y'", false],
    ['bicepparam', "using 'main.bicep'\nparam a = 1", true],
    ['non-null assertion', 'output o string = m.outputs.?x!\nvar y = f()!.z', false],
    ['typed variable', "var t {\n  a: string\n} = { a: 'x' }", false],
  ];
  for (const [name, source, bicepparam] of cases) {
    it(name, () => {
      const { text } = rewriteForGrammar(source, bicepparam);
      assert.equal(text.length, source.length);
      assert.deepEqual(
        [...text].flatMap((char, index) => (char === '\n' ? [index] : [])),
        [...source].flatMap((char, index) => (char === '\n' ? [index] : [])),
      );
    });
  }

  it('records what it rewrote', () => {
    const result = rewriteForGrammar(
      "extension x\nvar s = '${a}'\nvar o = { ...b }\nvar l = [...c]\nvar i = l[?0]",
      false,
    );
    assert.deepEqual(
      [result.extensions, [...result.objectSpreads], [...result.arraySpreads], [...result.safeIndexes]],
      [[1], [37], [56], [68]],
    );
    assert.equal(result.text.split('\n')[0], '           ');
  });

  it('a postfix ! becomes a space, a prefix ! and != / !~ stay; a variable type becomes spaces', () => {
    const source = "var a = x.?y! != !z\nvar b string = f()!\nvar c = 'A' !~ b";
    const result = rewriteForGrammar(source, false);
    assert.deepEqual([...result.nonNullAssertions], [12, 38]);
    assert.equal(result.text, "var a = x.?y  != !z\nvar b        = f() \nvar c = 'A' !~ b");
  });
});
