import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { examplesOf, readRuleDoc } from '../src/rules/docs.js';
import { allRules } from '../src/rules/index.js';
import { runRuleOnCase } from '../src/rules/testing/ruleTester.js';

const families = ['aks', 'workload', 'rbac', 'network', 'cross'] as const;
const RULE_FILE = /^[A-Z]+(-[A-Za-z0-9_]+)+\.ts$/;

describe('rule catalogue', () => {
  it('has unique rule ids', () => {
    const ids = allRules.map((rule) => rule.id);
    assert.deepEqual(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      [],
    );
  });

  for (const family of families) {
    it(`registers exactly the ${family} rule files on disk, each with a test beside it`, () => {
      const directory = new URL(`../src/rules/${family}/`, import.meta.url);
      const names = readdirSync(directory);
      const onDisk = names
        .filter((name) => RULE_FILE.test(name) && !name.endsWith('.test.ts'))
        .map((name) => name.slice(0, -3));
      const registered = allRules.filter((rule) => rule.family === family).map((rule) => rule.id);
      assert.deepEqual([...registered].sort(), [...onDisk].sort());
      const missingTests = onDisk.filter((id) => !names.includes(`${id}.test.ts`));
      assert.deepEqual(missingTests, [], 'rules without a test file');
    });
  }

  it('gives every AKS control a fix for both az aks and Terraform', () => {
    const missing = allRules
      .filter((rule) => rule.family === 'aks' && !(rule.fix?.az && rule.fix?.terraform))
      .map((rule) => rule.id);
    assert.deepEqual(missing, []);
    assert.equal(allRules.filter((rule) => rule.family === 'aks').length, 50);
  });

  it('has a docs page for every rule and a rule for every docs page', () => {
    const pages = readdirSync(new URL('../docs/rules/', import.meta.url))
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => name.slice(0, -3));
    assert.deepEqual([...pages].sort(), allRules.map((rule) => rule.id).sort());
  });
});

describe('rule docs examples', () => {
  for (const rule of allRules) {
    const page = readRuleDoc(rule.id);
    if (!page) continue;
    it(`${rule.id}: page starts with its id and title`, () => {
      assert.equal(page.split('\n')[0], `# ${rule.id}: ${rule.title}`);
    });
    const examples = examplesOf(page);
    it(`${rule.id}: has ❌ and ✅ examples`, () => {
      assert.ok(
        examples.some((example) => example.expect === 'incorrect'),
        'no ❌ Incorrect example',
      );
      assert.ok(
        examples.some((example) => example.expect === 'correct'),
        'no ✅ Correct example',
      );
    });
    for (const example of examples) {
      it(`${rule.id}: ${example.expect === 'incorrect' ? '❌' : '✅'} example at line ${example.line}`, async () => {
        const result = await runRuleOnCase(rule, {
          files: example.files,
          ...(example.settings ? { settings: example.settings } : {}),
        });
        assert.deepEqual(result.errors, [], 'the example must load without errors');
        if (example.expect === 'incorrect')
          assert.ok(result.findings.length > 0, 'expected at least one finding');
        else
          assert.deepEqual(
            result.findings.map((finding) => finding.message),
            [],
          );
      });
    }
  }
});
