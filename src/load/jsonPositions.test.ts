import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { jsonPositionTree } from './jsonPositions.js';
import { positionTreeOf } from './positions.js';

function yamlTree(text: string) {
  const [document] = parseAllDocuments(text);
  return JSON.parse(JSON.stringify(positionTreeOf(document!.contents)));
}

describe('JSON position trees', () => {
  it('equal the trees the YAML parser gives, for any JSON value in any layout', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 2, '\t', 4), (value, indent) => {
        const text = `${JSON.stringify(value, null, indent)}\n`;
        assert.deepEqual(JSON.parse(JSON.stringify(jsonPositionTree(text))), yamlTree(text));
      }),
      { numRuns: 400 },
    );
  });

  it('declines duplicate keys and trailing text, which the YAML path reports', () => {
    assert.equal(jsonPositionTree('{"a": 1, "a": 2}'), undefined);
    assert.equal(jsonPositionTree('{"a": 1} {"b": 2}'), undefined);
    assert.equal(jsonPositionTree(`${'['.repeat(50_000)}${']'.repeat(50_000)}`), undefined);
  });
});
