import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PositionTableBuilder } from '../positionTable.js';
import { FastYamlReader } from './fastRead.js';
import { MappingEntries, newMapping } from './mappingEntries.js';

/** Reads the mapping `entries` ([key, value] in order) through a MappingEntries as the fast reader does. */
function build(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const stack = new MappingEntries();
  const first = stack.open();
  for (const [key, value] of entries) {
    const slot = stack.slotOf(first, key);
    if (slot >= 0) stack.replace(slot, value);
    else stack.add(first, key, value);
  }
  return stack.take(first);
}

/** What `{}` with the same assignments gives (an own `__proto__` defined, not assigned). */
function assigned(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

describe('MappingEntries', () => {
  const many = Array.from({ length: 40 }, (_, index) => [`k${index}`, index] as const);
  const cases: { name: string; entries: (readonly [string, unknown])[]; keys: string[] }[] = [
    { name: 'one key', entries: [['name', 'app']], keys: ['name'] },
    {
      name: 'a duplicate key: the last value in the first place',
      entries: [
        ['a', 1],
        ['b', 2],
        ['a', 3],
      ],
      keys: ['a', 'b'],
    },
    {
      name: 'integer-like keys first, as any object orders them',
      entries: [
        ['b', 1],
        ['10', 2],
        ['2', 3],
      ],
      keys: ['2', '10', 'b'],
    },
    {
      name: 'an own __proto__ key, the prototype untouched',
      entries: [
        ['__proto__', { polluted: true }],
        ['x', 1],
      ],
      keys: ['__proto__', 'x'],
    },
    {
      name: '40 keys (past the scan limit and the sized constructors)',
      entries: many,
      keys: many.map(([k]) => k),
    },
    {
      name: '40 keys, each given twice (found through the index)',
      entries: [...many, ...many.map(([k, v]) => [k, `${v}!`] as const)],
      keys: many.map(([k]) => k),
    },
  ];
  for (const { name, entries, keys } of cases)
    it(name, () => {
      const object = build(entries);
      assert.deepEqual(Object.keys(object), keys);
      assert.deepStrictEqual(object, assigned(entries));
      assert.equal(Object.getPrototypeOf(object), Object.prototype);
      assert.equal(object.constructor, Object);
      assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    });

  it('keeps nested mappings apart, one opened at its parent first slot included', () => {
    const stack = new MappingEntries();
    const outer = stack.open();
    const inner = stack.open(); // the parent's first value is a mapping: the same first slot
    assert.equal(inner, outer);
    for (let index = 0; index < 20; index++) stack.add(inner, `i${index}`, index);
    assert.equal(stack.slotOf(inner, 'i19'), inner + 19);
    const innerObject = stack.take(inner);
    assert.equal(Object.keys(innerObject).length, 20);
    assert.equal(stack.slotOf(outer, 'i0'), -1);
    stack.add(outer, 'spec', innerObject);
    for (let index = 0; index < 20; index++) stack.add(outer, `o${index}`, index);
    assert.equal(stack.slotOf(outer, 'o19'), outer + 20);
    assert.equal(stack.slotOf(outer, 'i3'), -1);
    assert.deepEqual(Object.keys(stack.take(outer)).slice(0, 2), ['spec', 'o0']);
  });

  it('makes plain objects of every size', () => {
    for (const keys of [0, 1, 5, 10, 11, 32, 33, 100]) {
      const object = newMapping(keys);
      assert.deepEqual(Object.keys(object), []);
      assert.equal(Object.getPrototypeOf(object), Object.prototype);
      assert.equal(JSON.stringify(Object.assign(object, { a: 1 })), '{"a":1}');
    }
  });

  it('gives the fast reader values equal to JSON.parse of the same document', () => {
    const text = 'a: {x: 1, w: [1, {z: 2}]}\nb:\n  c: 1\n  c: 2\n  d: {}\ne: [{f: g}]\n';
    const builder = new PositionTableBuilder();
    const part = new FastYamlReader(text, builder, () => 1).readPart(0, text.length);
    assert.deepStrictEqual(
      part?.document?.value,
      JSON.parse('{"a":{"x":1,"w":[1,{"z":2}]},"b":{"c":2,"d":{}},"e":[{"f":"g"}]}'),
    );
    assert.equal(part?.issues.length, 1);
  });
});
