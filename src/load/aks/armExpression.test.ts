import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnknown } from '../../model/aksCluster.js';
import { type ExpressionScope, evaluateTemplateString, isExpression } from './armExpression.js';

const scope: ExpressionScope = {
  parameter(name) {
    const values: Record<string, unknown> = {
      clusterName: 'aks1',
      enableRBAC: 'true',
      ranges: ['20.1.0.0/24'],
      profile: { tier: 'Standard' },
    };
    return name in values ? values[name] : { unknown: true, reason: `depends on parameter '${name}'` };
  },
  variable(name) {
    return name === 'prefix' ? 'prod' : { unknown: true, reason: `variable '${name}' is not declared` };
  },
};

describe('ARM template expressions', () => {
  const table: [string, unknown][] = [
    ['plain text', 'plain text'],
    ['[[not an expression]', '[not an expression]'],
    ["[parameters('clusterName')]", 'aks1'],
    ["[variables('prefix')]", 'prod'],
    ["[concat(variables('prefix'), '-', parameters('clusterName'))]", 'prod-aks1'],
    ["[concat(parameters('ranges'), createArray('52.1.2.3/32'))]", ['20.1.0.0/24', '52.1.2.3/32']],
    ["[if(equals(variables('prefix'), 'prod'), 'Standard', 'Free')]", 'Standard'],
    ["[not(bool(parameters('enableRBAC')))]", false],
    ['[and(true, or(false, true()))]', true],
    ["[parameters('profile').tier]", 'Standard'],
    ["[parameters('ranges')[0]]", '20.1.0.0/24'],
    ["[toLower('SecurityPatch')]", 'securitypatch'],
    ["[empty(parameters('ranges'))]", false],
    ['[string(1)]', '1'],
    ["[int('42')]", 42],
    ["['it''s']", "it's"],
  ];
  for (const [text, expected] of table) {
    it(`${text} → ${JSON.stringify(expected)}`, () =>
      assert.deepEqual(evaluateTemplateString(text, scope), expected));
  }

  const unknowns: [string, RegExp][] = [
    ["[parameters('missing')]", /depends on parameter 'missing'/],
    ['[resourceGroup().location]', /depends on resourceGroup\(\)/],
    ["[concat('x', parameters('missing'))]", /depends on parameter 'missing'/],
    ["[if(parameters('missing'), 'a', 'b')]", /depends on parameter 'missing'/],
    ["[parameters('clusterName']", /cannot evaluate/],
  ];
  for (const [text, reason] of unknowns) {
    it(`${text} is unknown`, () => {
      const value = evaluateTemplateString(text, scope);
      assert.ok(isUnknown(value));
      assert.match(value.reason, reason);
    });
  }

  it('recognises expressions', () => {
    assert.equal(isExpression("[parameters('x')]"), true);
    assert.equal(isExpression('[[escaped]'), false);
    assert.equal(isExpression('10.0.0.0/8'), false);
  });
});
