import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeRule } from '../../engines/rbac/normalize.js';
import type { PolicyRule } from '../../engines/rbac/types.js';
import { RolesSet, RulesNumbering } from './rolesSet.js';

const rulesOf = (resource: string): readonly PolicyRule[] => [
  normalizeRule({ apiGroups: [''], resources: [resource], verbs: ['get'] }),
];

// 40 arrays: the sets span two 32-bit words.
const arrays = Array.from({ length: 40 }, (_, i) => rulesOf(`r${i}`));
const numbering = new RulesNumbering([...arrays, arrays[3]!]);
const setOf = (ids: number[]) => {
  const set = new RolesSet(numbering);
  for (const id of ids) set.add(arrays[id]!);
  return set;
};
const idsOf = (set: RolesSet) => [...set].map((rules) => arrays.indexOf(rules as PolicyRule[]));

describe('RulesNumbering', () => {
  it('numbers rules arrays in order of first use, a repeat keeping its number', () => {
    assert.equal(numbering.size, 40);
    assert.equal(numbering.idOf(arrays[0]!), 0);
    assert.equal(numbering.idOf(arrays[39]!), 39);
    assert.equal(numbering.idOf(rulesOf('r0')), undefined);
  });
});

describe('RolesSet', () => {
  it('holds the arrays added, across words, and iterates them in numbering order', () => {
    const set = setOf([35, 0, 31, 32]);
    assert.deepEqual(idsOf(set), [0, 31, 32, 35]);
    assert.equal(set.has(arrays[31]!), true);
    assert.equal(set.has(arrays[30]!), false);
    assert.equal(set.hasId(32), true);
    assert.equal(set.has(rulesOf('r31')), false);
  });

  it('unions and intersects in place; a copy is independent', () => {
    const union = setOf([1, 33]);
    union.addAll(setOf([2, 33, 39]));
    assert.deepEqual(idsOf(union), [1, 2, 33, 39]);
    const copy = union.copy();
    copy.keepOnly(setOf([2, 39, 5]));
    assert.deepEqual(idsOf(copy), [2, 39]);
    assert.deepEqual(idsOf(union), [1, 2, 33, 39]);
    assert.deepEqual(idsOf(new RolesSet(numbering)), []);
  });

  it('refuses an array outside the numbering', () => {
    assert.throws(() => new RolesSet(numbering).add(rulesOf('elsewhere')), /outside the scan/);
  });
});
