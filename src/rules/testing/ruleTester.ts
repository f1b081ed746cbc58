import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { loadInventory } from '../../load/index.js';
import type { Finding, NotEvaluated } from '../../model/finding.js';
import { formatResource } from '../../model/finding.js';
import type { Severity } from '../../model/severity.js';
import { defaultSettings, type Rule, type ScanSettings } from '../defineRule.js';
import { runRules } from '../runRules.js';

export interface RuleCase {
  name?: string;
  /** One manifest file (`example.yaml`). */
  yaml?: string;
  /** Several files by name, e.g. `{ 'main.tf': '...', 'app.yaml': '...' }`. */
  files?: Record<string, string>;
  settings?: Partial<ScanSettings>;
  params?: Record<string, unknown>;
}

export interface ExpectedError {
  line: number;
  /** `Kind ns/name` or `Kind name`. */
  resource?: string;
  message?: RegExp | string;
  /** File name, when the case has several files. */
  file?: string;
  severity?: Severity;
}

export interface InvalidRuleCase extends RuleCase {
  errors: ExpectedError[];
  /** Controls expected under `notEvaluated` (e.g. values depending on a Terraform variable). */
  notEvaluated?: { reason?: RegExp | string }[];
}

export interface RuleTests {
  valid: RuleCase[];
  invalid: InvalidRuleCase[];
}

export interface RuleCaseResult {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  errors: string[];
}

/** Every rule's cases, as their test files declared them (other checks, e.g. of generated CEL, run them again). */
export const RULE_CASES = new Map<string, RuleTests>();

let collectOnly = false;

/**
 * Imports rule test files to read their cases without registering their tests (the file's own run does that):
 * `collectRuleCases(() => import('./WL-X.test.js'))`.
 */
export async function collectRuleCases(load: () => Promise<unknown>): Promise<void> {
  collectOnly = true;
  try {
    await load();
  } finally {
    collectOnly = false;
  }
}

/** Writes the case's files to a temporary folder, loads them as a scan would, and runs the one rule. */
export async function runRuleOnCase(rule: Rule, testCase: RuleCase): Promise<RuleCaseResult> {
  const directory = mkdtempSync(join(tmpdir(), 'aksguard-rule-'));
  try {
    const files = testCase.files ?? { 'example.yaml': testCase.yaml ?? '' };
    for (const [name, text] of Object.entries(files)) {
      const path = join(directory, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const settings: ScanSettings = { ...defaultSettings(), cwd: directory, ...testCase.settings };
    const inventory = await loadInventory({
      paths: ['.'],
      cwd: directory,
      defaultNamespace: settings.defaultNamespace,
    });
    const result = runRules(inventory, [rule], {
      settings,
      ...(testCase.params ? { params: { [rule.id]: testCase.params } } : {}),
    });
    const errors = [
      ...inventory.issues
        .filter((issue) => issue.level === 'error')
        .map((issue) => `${issue.file}:${issue.line ?? 0}: ${issue.message}`),
      ...result.failures.map((failure) => failure.message),
      ...result.collisions.map(
        (id) => `rule ${id} reported two different findings with one identity: give each its own key`,
      ),
    ];
    return { findings: result.findings, notEvaluated: result.notEvaluated, errors };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function describeFinding(finding: Finding): string {
  return `${finding.location?.file ?? '?'}:${finding.location?.line ?? '?'} ${formatResource(finding.resource)}: ${finding.message}`;
}

/**
 * Table-driven rule tests in the typescript-eslint manner: every valid case yields no finding of the rule, every
 * invalid case yields exactly the expected findings (line, and resource/message/file when given).
 */
export function ruleTester(rule: Rule, tests: RuleTests): void {
  RULE_CASES.set(rule.id, tests);
  if (collectOnly) return;
  describe(rule.id, () => {
    tests.valid.forEach((testCase, index) => {
      it(`valid: ${testCase.name ?? `case ${index + 1}`}`, async () => {
        const result = await runRuleOnCase(rule, testCase);
        assert.deepEqual(result.errors, [], 'the case must load without errors');
        assert.deepEqual(result.findings.map(describeFinding), [], 'expected no finding');
      });
    });
    tests.invalid.forEach((testCase, index) => {
      it(`invalid: ${testCase.name ?? `case ${index + 1}`}`, async () => {
        assert.ok(
          testCase.errors.length > 0 || (testCase.notEvaluated?.length ?? 0) > 0,
          'an invalid case must expect something',
        );
        const result = await runRuleOnCase(rule, testCase);
        assert.deepEqual(result.errors, [], 'the case must load without errors');
        const actual = [...result.findings].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));
        const expected = [...testCase.errors].sort((a, b) => a.line - b.line);
        assert.equal(
          actual.length,
          expected.length,
          `expected ${expected.length} finding(s), got ${actual.length}:\n${actual.map(describeFinding).join('\n')}`,
        );
        expected.forEach((error, position) => {
          const finding = actual[position]!;
          const where = describeFinding(finding);
          assert.equal(finding.ruleId, rule.id);
          assert.equal(finding.location?.line, error.line, `line of ${where}`);
          if (error.resource !== undefined)
            assert.equal(formatResource(finding.resource), error.resource, where);
          if (error.file !== undefined)
            assert.ok(finding.location?.file.endsWith(error.file), `file of ${where}`);
          if (error.severity !== undefined)
            assert.equal(finding.severity, error.severity, `severity of ${where}`);
          if (error.message instanceof RegExp) assert.match(finding.message, error.message, where);
          else if (error.message !== undefined) assert.equal(finding.message, error.message, where);
        });
        if (testCase.notEvaluated) {
          assert.equal(result.notEvaluated.length, testCase.notEvaluated.length, 'notEvaluated count');
          testCase.notEvaluated.forEach((expectation, position) => {
            const reason = result.notEvaluated[position]!.reason;
            if (expectation.reason instanceof RegExp) assert.match(reason, expectation.reason);
            else if (expectation.reason !== undefined) assert.equal(reason, expectation.reason);
          });
        }
      });
    });
  });
}
