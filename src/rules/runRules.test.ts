import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory } from '../model/inventory.js';
import { defaultSettings, defineRule } from './defineRule.js';
import { WORKLOADS_IN_NAMESPACES } from './inputs.js';
import { fingerprintOf, runRules } from './runRules.js';

// One finding per (fingerprint, message): the very same report twice is one finding; another message under the same
// identity is a collision and gets the occurrence number in its fingerprint.

const resource = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' };
const location = { file: 'shop.yaml', line: 3, column: 1 };
const inventory = { coverage: { unreadable: [] } } as unknown as Inventory;

function run(messages: readonly string[]) {
  const rule = defineRule({
    id: 'TEST-dedupe',
    title: 'test',
    description: 'test',
    severity: 'low',
    family: 'workload',
    inputs: WORKLOADS_IN_NAMESPACES,
    check(ctx) {
      for (const message of messages) ctx.report({ resource, location, message, key: 'k' });
    },
  });
  return runRules(inventory, [rule], { settings: defaultSettings() });
}

describe('runRules reporting', () => {
  const base = fingerprintOf('TEST-dedupe', 'shop.yaml', resource, 'k');
  const nth = (n: number) => fingerprintOf('TEST-dedupe', 'shop.yaml', resource, `k\u0000#${n}`);

  const table: [string, string[], [string, string][], number][] = [
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
  ];
  for (const [name, messages, expected, collisions] of table)
    it(name, () => {
      const result = run(messages);
      assert.deepEqual(
        result.findings.map((f) => [f.message, f.fingerprint]),
        expected,
      );
      assert.equal(result.collisions.length, collisions);
    });
});
