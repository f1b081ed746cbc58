import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/k8s.js';
import {
  defaultSettings,
  defineRule,
  type ReportInput,
  type Rule,
  type RuleContext,
  type RuleFix,
} from './defineRule.js';
import { WORKLOADS_IN_NAMESPACES } from './inputs.js';
import { fingerprintOf, runRules } from './runRules.js';

// One finding per (fingerprint, message): the very same report twice is one finding; another message under the same
// identity is a collision and gets the occurrence number in its fingerprint.

const resource = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' };
const location = { file: 'shop.yaml', line: 3, column: 1 };
const inventory = { coverage: { unreadable: [] } } as unknown as Inventory;

/** A rule of the tests: `check` reports what the case needs; everything else fixed. */
function testRule(id: string, check: Rule['check'], fix?: RuleFix): Rule {
  return defineRule({
    id,
    title: 'test',
    description: 'test',
    severity: 'low',
    family: 'workload',
    inputs: WORKLOADS_IN_NAMESPACES,
    ...(fix ? { fix } : {}),
    check,
  });
}

/** Each report: its message under the key `k`, or a [key, message] pair. */
function run(reports: readonly (string | readonly [string, string])[]) {
  const rule = testRule('TEST-dedupe', (ctx) => {
    for (const report of reports) {
      const [key, message] = typeof report === 'string' ? ['k', report] : report;
      ctx.report({ resource, location, message, key });
    }
  });
  return runRules(inventory, [rule], { settings: defaultSettings() });
}

describe('runRules reporting', () => {
  /** The fingerprint of the n-th message under `key`. */
  const keyed = (key: string, n = 1) =>
    fingerprintOf('TEST-dedupe', 'shop.yaml', resource, n === 1 ? key : `${key}\u0000#${n}`);
  const base = keyed('k');
  const nth = (n: number) => keyed('k', n);

  const table: [string, (string | [string, string])[], [string, string][], number][] = [
    ['one report', ['a'], [['a', base]], 0],
    ['the same report twice is one finding', ['a', 'a'], [['a', base]], 0],
    [
      'two messages under one identity: a collision',
      ['a', 'b', 'a'],
      [
        ['a', base],
        ['b', nth(2)],
      ],
      1,
    ],
    [
      'three messages, repeats dropped',
      ['a', 'b', 'b', 'c', 'a', 'c'],
      [
        ['a', base],
        ['b', nth(2)],
        ['c', nth(3)],
      ],
      2,
    ],
    // Identities first met once each, then again: the repeat is judged against the message of the earlier finding.
    [
      'other identities between: the same report again is dropped',
      [
        ['k1', 'a'],
        ['k2', 'b'],
        ['k3', 'c'],
        ['k2', 'b'],
        ['k4', 'd'],
      ],
      [
        ['a', keyed('k1')],
        ['b', keyed('k2')],
        ['c', keyed('k3')],
        ['d', keyed('k4')],
      ],
      0,
    ],
    [
      'other identities between: another message is a collision, repeats after it dropped',
      [
        ['k1', 'a'],
        ['k2', 'b'],
        ['k1', 'x'],
        ['k2', 'b'],
        ['k1', 'a'],
        ['k1', 'x'],
        ['k2', 'y'],
      ],
      [
        ['a', keyed('k1')],
        ['b', keyed('k2')],
        ['x', keyed('k1', 2)],
        ['y', keyed('k2', 2)],
      ],
      2,
    ],
  ];
  for (const [name, reports, expected, collisions] of table)
    it(name, () => {
      const result = run(reports);
      assert.deepEqual(
        result.findings.map((f) => [f.message, f.fingerprint]),
        expected,
      );
      assert.equal(result.collisions.length, collisions);
    });

  it('each rule judges repeats among its own findings only', () => {
    const report = (ctx: RuleContext) => {
      ctx.report({ resource, location, message: 'a', key: 'k1' });
      ctx.report({ resource, location, message: 'a', key: 'k1' });
    };
    const result = runRules(inventory, [testRule('TEST-one', report), testRule('TEST-two', report)], {
      settings: defaultSettings(),
    });
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.fingerprint]),
      [
        ['TEST-one', fingerprintOf('TEST-one', 'shop.yaml', resource, 'k1')],
        ['TEST-two', fingerprintOf('TEST-two', 'shop.yaml', resource, 'k1')],
      ],
    );
    assert.equal(result.collisions.length, 0);
  });
});

// The finding record: the fields in the report's order whatever the shape (one literal for the usual shape, field by
// field otherwise), the location of the path inside the object (through its place in a List), and a live object's
// API path in its resource instead of a location.

interface ObjectShape {
  basePath?: (string | number)[];
  duplicates?: { file: string; line: number; column: number }[];
  origin?: { chart: string; template: string };
  live?: boolean;
}

function objectOf(shape: ObjectShape): K8sObject {
  const document = {
    file: 'apps.yaml',
    index: 0,
    value: {},
    // Line = how deep the path goes, so the test sees which path was located.
    locate: (path: readonly (string | number)[]) =>
      shape.live
        ? { file: '/apis/apps/v1/namespaces/shop/deployments/web', line: 0, column: 0, live }
        : { file: 'apps.yaml', line: path.length, column: 1, endLine: path.length, endColumn: 9 },
    ...(shape.origin ? { origin: shape.origin, valuePath: () => 'image.tag' } : {}),
  };
  const live = {
    source: 'context prod',
    path: '/apis/apps/v1/namespaces/shop/deployments/web',
    api: 'kubernetes',
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    group: 'apps',
    metadata: { name: 'web', namespace: 'shop', labels: {}, annotations: {} },
    namespace: 'shop',
    raw: {},
    document,
    basePath: shape.basePath ?? [],
    location: { file: 'apps.yaml', line: 1, column: 1 },
    ...(shape.duplicates ? { duplicates: shape.duplicates } : {}),
  } as unknown as K8sObject;
}

function findingsOf(object: K8sObject, inputs: readonly Omit<ReportInput, 'object'>[], fix?: RuleFix) {
  const rule = testRule(
    'TEST-record',
    (ctx) => {
      for (const input of inputs) ctx.report({ object, ...input });
    },
    fix,
  );
  return runRules(inventory, [rule], { settings: defaultSettings() }).findings;
}

describe('runRules finding records', () => {
  const image = ['spec', 'template', 'spec', 'containers', 0, 'image'];
  // Every finding starts with these, in this order.
  const HEAD = ['ruleId', 'severity', 'title', 'message', 'resource', 'fingerprint'];
  const USUAL = [...HEAD, 'location', 'path', 'evidence', 'fix'];
  const evidence = { image: 'nginx' };
  const fileLocation = (line: number) => ({
    file: 'apps.yaml',
    line,
    column: 1,
    endLine: line,
    endColumn: 9,
  });
  const table: [string, ObjectShape, Omit<ReportInput, 'object'>, boolean, string[], unknown][] = [
    [
      'usual shape: location, path, evidence, fix',
      {},
      { path: image, message: 'm', evidence },
      true,
      USUAL,
      fileLocation(6),
    ],
    ['no path, evidence nor fix', {}, { message: 'm' }, false, [...HEAD, 'location'], fileLocation(0)],
    [
      'declared twice: duplicates before the path',
      { duplicates: [{ file: 'copy.yaml', line: 1, column: 1 }] },
      { path: image, message: 'm', evidence },
      true,
      [...HEAD, 'location', 'duplicates', 'path', 'evidence', 'fix'],
      fileLocation(6),
    ],
    [
      'rendered by a chart: the origin names the value',
      { origin: { chart: 'charts/web', template: 'templates/deployment.yaml' } },
      { path: image, message: 'm', evidence },
      true,
      [...HEAD, 'location', 'origin', 'path', 'evidence', 'fix'],
      fileLocation(6),
    ],
    [
      'item of a List: located through its place in the List',
      { basePath: ['items', 2] },
      { path: image, message: 'm', evidence },
      true,
      USUAL,
      fileLocation(8),
    ],
    [
      'item of a List, no path: the item itself',
      { basePath: ['items', 2] },
      { message: 'm' },
      false,
      [...HEAD, 'location'],
      fileLocation(2),
    ],
    [
      'live object: no location, the API path in the resource',
      { live: true },
      { path: image, message: 'm', evidence },
      true,
      [...HEAD, 'path', 'evidence', 'fix'],
      undefined,
    ],
  ];
  for (const [name, shape, input, withFix, keys, location] of table)
    it(name, () => {
      const [finding] = findingsOf(objectOf(shape), [input], withFix ? { manifest: 'pin it' } : undefined);
      assert.ok(finding);
      assert.deepEqual(Object.keys(finding), keys);
      assert.deepEqual(finding.location, location);
      assert.deepEqual(
        finding.resource,
        shape.live
          ? {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'web',
              namespace: 'shop',
              apiPath: '/apis/apps/v1/namespaces/shop/deployments/web',
            }
          : { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
      );
      if (shape.origin) assert.deepEqual(finding.origin, { ...shape.origin, value: 'image.tag' });
      if (input.path) assert.equal(finding.path, 'spec.template.spec.containers[0].image');
      if (withFix) assert.equal(finding.fix, 'pin it');
    });

  it('findings on one object share its resource record', () => {
    const findings = findingsOf(objectOf({}), [
      { message: 'a', key: 'a' },
      { message: 'b', key: 'b' },
    ]);
    assert.equal(findings.length, 2);
    assert.equal(findings[0]!.resource, findings[1]!.resource);
  });
});

describe('runRules report input', () => {
  // report() reads each field of its input as a property (not a copy of the own fields): a field an input inherits, or
  // gives through a getter, counts like one written in the literal; rules of different input shapes give the same record.
  const record = (input: ReportInput) => {
    const rule = testRule('TEST-input', (ctx) => ctx.report(input));
    const [finding] = runRules(inventory, [rule], { settings: defaultSettings() }).findings;
    return finding;
  };
  const literal = record({ resource, location, message: 'm', key: 'k', severity: 'high', fix: 'f' });
  const table: [string, ReportInput][] = [
    ['fields in another order', { fix: 'f', severity: 'high', key: 'k', message: 'm', location, resource }],
    [
      'fields inherited from a prototype',
      Object.assign(Object.create({ resource, location, severity: 'high' }), {
        message: 'm',
        key: 'k',
        fix: 'f',
      }),
    ],
    [
      'fields given by getters',
      {
        get resource() {
          return resource;
        },
        location,
        get message() {
          return 'm';
        },
        key: 'k',
        severity: 'high',
        fix: 'f',
      },
    ],
  ];
  for (const [name, input] of table)
    it(name, () => {
      assert.deepEqual(record(input), literal);
      assert.equal(literal?.severity, 'high');
      assert.equal(literal?.fingerprint, fingerprintOf('TEST-input', 'shop.yaml', resource, 'k'));
    });
});
