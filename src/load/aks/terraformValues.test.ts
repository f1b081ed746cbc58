// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Terraform interpolations, not JavaScript templates
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnknown } from '../../model/aksCluster.js';
import { TerraformScope } from './terraformValues.js';

const scope = new TerraformScope(
  new Map([
    ['env', { hasDefault: true, default: 'dev' }],
    ['ranges', { hasDefault: false, default: undefined }],
    ['nullable', { hasDefault: true, default: null }],
    ['settings', { hasDefault: true, default: { tier: 'Standard', pools: ['a', 'b'] } }],
    ['overridden', { hasDefault: true, default: 'from-default' }],
  ]),
  new Map([['overridden', 'from-tfvars']]),
  new Map<string, unknown>([
    ['name', 'aks-${var.env}'],
    ['loop', '${local.loop}'],
    ['remote', '${data.azurerm_client_config.current.tenant_id}'],
  ]),
);

describe('Terraform values', () => {
  const table: [unknown, unknown][] = [
    ['literal', 'literal'],
    ['${var.env}', 'dev'],
    ['${var.overridden}', 'from-tfvars'],
    ['${local.name}', 'aks-dev'],
    ['${var.settings.tier}', 'Standard'],
    ['${var.settings.pools[1]}', 'b'],
    ['${true}', true],
    ['${42}', 42],
    ['${var.env == "prod" ? true : false}', false],
    ['${var.env != "prod" && true}', true],
    ['${var.ranges == null || true}', true],
    ['${!false}', true],
    ['${var.env == "dev" ? ["x"] : []}', ['x']],
    ['${var.ranges != null ? 1 : 1}', 1],
    ['${{ a = var.env, "b" = [1, 2] }}', { a: 'dev', b: [1, 2] }],
    ['${length(var.settings.pools)}', 2],
    ['${lower("ABC")}', 'abc'],
    ['${[for p in var.settings.pools : upper(p)]}', ['A', 'B']],
    ['${{ for i, p in var.settings.pools : p => i if i > 0 }}', { b: 1 }],
    ['${{ for p in ["a", "b", "a"] : p => 1... }}', { a: [1, 1], b: [1] }],
    ['${[for i in range(4) : i % 2 * 10]}', [0, 10, 0, 10]],
    ['${["x${1 + 1}", try(var.settings.missing.deep, "fallback")]}', ['x2', 'fallback']],
    ['${merge({ a = 1 }, { b = 2 })}', { a: 1, b: 2 }],
    ['${nonsensitive(var.env)}', 'dev'],
    ['${[azurerm_subnet.a.id, "kept"][1]}', 'kept'],
    ['prefix-${var.env}-${local.name}', 'prefix-dev-aks-dev'],
    [
      ['${var.env}', 'x'],
      ['dev', 'x'],
    ],
    [{ a: '${var.env}' }, { a: 'dev' }],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () =>
      assert.deepEqual(scope.evaluate(input), expected));
  }

  const unknowns: [string, string][] = [
    ['${var.ranges}', 'depends on var.ranges'],
    ['${var.nullable}', 'depends on var.nullable'],
    ['${var.missing}', 'depends on var.missing'],
    ['${azurerm_subnet.aks.id}', 'depends on azurerm_subnet.aks.id'],
    ['${var.ranges == "prod" ? true : false}', 'depends on the condition var.ranges == "prod"'],
    ['${chomp(data.http.ip.response_body)}/32', 'depends on chomp(data.http.ip.response_body)'],
    ['${local.loop}', 'depends on local.loop (circular reference local.loop)'],
    ['${local.remote}', 'depends on local.remote (depends on data.azurerm_client_config.current.tenant_id)'],
    ['%{ if true }x%{ endif }', 'depends on a template directive in %{ if true }x%{ endif }'],
  ];
  for (const [input, reason] of unknowns) {
    it(`${input} is unknown: ${reason}`, () => {
      const value = scope.evaluate(input);
      assert.ok(isUnknown(value), JSON.stringify(value));
      assert.equal(value.reason, reason);
    });
  }
});
