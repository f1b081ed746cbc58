import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig } from '../../src/config/config.js';
import { CEL_RULES } from '../../src/generate/vap/celRules.js';
import { celValidation, generateVap, paramsOf } from '../../src/generate/vap/index.js';
import { loadInventory } from '../../src/load/index.js';
import { KUBERNETES_KINDS, type KubernetesKind } from '../../src/model/inputs.js';
import { refOf } from '../../src/model/k8s.js';
import { defaultSettings, type Rule } from '../../src/rules/defineRule.js';
import { examplesOf, readRuleDoc } from '../../src/rules/docs.js';
import { allRules, ruleById } from '../../src/rules/index.js';
import { runRules } from '../../src/rules/runRules.js';
import { collectRuleCases, RULE_CASES, type RuleCase } from '../../src/rules/testing/ruleTester.js';
import { evaluateExpression, evaluatePolicy } from '../support/cel.js';
import { runCli } from '../support/cli.js';
import { tempTree } from '../support/tempTree.js';

interface Example {
  name: string;
  files: Record<string, string>;
  settings?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

async function examples(rule: Rule): Promise<Example[]> {
  const file = `../../src/rules/${rule.family}/${rule.id}.test.ts`;
  await collectRuleCases(() => import(file));
  const out: Example[] = [];
  const tests = RULE_CASES.get(rule.id);
  const fromCase = (kind: string, testCase: RuleCase, index: number): Example => ({
    name: `test ${kind} ${testCase.name ?? index + 1}`,
    files: testCase.files ?? { 'example.yaml': testCase.yaml ?? '' },
    ...(testCase.settings ? { settings: testCase.settings } : {}),
    ...(testCase.params ? { params: testCase.params } : {}),
  });
  for (const [index, testCase] of (tests?.valid ?? []).entries())
    out.push(fromCase('valid', testCase, index));
  for (const [index, testCase] of (tests?.invalid ?? []).entries())
    out.push(fromCase('invalid', testCase, index));
  const doc = readRuleDoc(rule.id);
  for (const example of doc ? examplesOf(doc) : [])
    out.push({
      name: `docs ${example.expect} line ${example.line}`,
      files: example.files,
      ...(example.settings ? { settings: example.settings } : {}),
    });
  return out;
}

/** Every object the policy matches in the example: the rule's verdict and the CEL verdict, as lines. */
async function verdicts(
  rule: Rule,
  example: Example,
): Promise<{ rule: string[]; cel: string[]; objects: number }> {
  const celRule = CEL_RULES.find((candidate) => candidate.ruleId === rule.id)!;
  const tree = tempTree(example.files);
  try {
    const settings = { ...defaultSettings(), cwd: tree.dir, ...example.settings };
    const inventory = await loadInventory({
      paths: ['.'],
      cwd: tree.dir,
      defaultNamespace: settings.defaultNamespace,
    });
    const run = runRules(inventory, [rule], {
      settings,
      ...(example.params ? { params: { [rule.id]: example.params } } : {}),
    });
    const config = emptyConfig();
    if (example.params) config.rules[rule.id] = { params: example.params };
    const policy = celValidation(celRule, {
      params: paramsOf(rule, config),
      pssLevel: settings.pssLevel,
      pssVersion: settings.pssVersion,
    });
    const key = (ref: { kind: string; namespace?: string; name: string }) =>
      `${ref.kind} ${ref.namespace ?? ''}/${ref.name}`;
    const failing = new Set(run.findings.map((finding) => key(finding.resource)));
    const ruleLines: string[] = [];
    const celLines: string[] = [];
    let objects = 0;
    for (const object of inventory.objects) {
      if (
        !(celRule.kinds as readonly string[]).includes(object.kind) ||
        object.group !== groupOf(object.kind)
      )
        continue;
      objects++;
      const id = key(refOf(object));
      const namespace =
        object.namespace === undefined
          ? null
          : (inventory.namespaces.get(object.namespace)?.object?.raw ?? {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: {
                name: object.namespace,
                labels: { 'kubernetes.io/metadata.name': object.namespace },
              },
            });
      const verdict = evaluatePolicy(policy, object.raw, namespace, {
        operation: 'CREATE',
        namespace: object.namespace ?? '',
        name: object.metadata.name,
      });
      ruleLines.push(`${id}: ${failing.has(id) ? 'refused' : 'allowed'}`);
      celLines.push(
        `${id}: ${verdict === true ? 'allowed' : verdict === false ? 'refused' : `error ${verdict}`}`,
      );
    }
    return { rule: ruleLines, cel: celLines, objects };
  } finally {
    tree.cleanup();
  }
}

/** The API group a policy's kind is matched in (the kinds table), so a CRD of the same name elsewhere is not judged. */
function groupOf(kind: string): string | undefined {
  return Object.hasOwn(KUBERNETES_KINDS, kind) ? KUBERNETES_KINDS[kind as KubernetesKind].group : undefined;
}

describe('aksguard generate vap: every policy agrees with its rule on every example', () => {
  for (const celRule of CEL_RULES) {
    it(celRule.ruleId, async () => {
      const rule = ruleById(celRule.ruleId);
      assert.ok(rule, celRule.ruleId);
      const cases = await examples(rule);
      assert.ok(cases.length >= 2, 'the rule has examples');
      let judged = 0;
      for (const example of cases) {
        const { rule: expected, cel, objects } = await verdicts(rule, example);
        judged += objects;
        assert.deepEqual(cel, expected, `${celRule.ruleId} ${example.name}`);
      }
      assert.ok(judged > 0, 'some example has an object the policy matches');
    });
  }

  it('judges the workload CRDs whose pods come from a template at the path the workload-kind table gives', async () => {
    const pod = (indent: string) =>
      [
        'containers:',
        '  - name: app',
        '    image: shop.azurecr.io/app:1.0',
        '    securityContext: { privileged: true }',
      ]
        .map((line) => indent + line)
        .join('\n');
    const yaml = [
      `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: canary, namespace: shop }\nspec:\n  template:\n    spec:\n${pod('      ')}`,
      `apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata: { name: clones, namespace: shop }\nspec:\n  template:\n    spec:\n${pod('      ')}`,
      `apiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata: { name: worker, namespace: shop }\nspec:\n  jobTargetRef:\n    template:\n      spec:\n${pod('        ')}`,
    ].join('\n---\n');
    const example = { name: 'workload CRDs', files: { 'crds.yaml': yaml } };
    const privileged = await verdicts(ruleById('WL-PSS-privileged')!, example);
    assert.deepEqual(privileged.cel, privileged.rule);
    assert.deepEqual(privileged.cel, [
      'Rollout shop/canary: refused',
      'CloneSet shop/clones: refused',
      'ScaledJob shop/worker: refused',
    ]);
    // A ScaledJob's pods run to completion: no liveness probe is asked of them.
    const liveness = await verdicts(ruleById('WL-PRB-liveness')!, example);
    assert.deepEqual(liveness.cel, liveness.rule);
    assert.deepEqual(liveness.cel, [
      'Rollout shop/canary: refused',
      'CloneSet shop/clones: refused',
      'ScaledJob shop/worker: allowed',
    ]);
  });

  it('generates a policy and a binding per expressible rule, and lists the others with the reason', () => {
    const generated = generateVap({
      rules: allRules,
      config: emptyConfig(),
      settings: defaultSettings(),
      mode: 'warn',
    });
    assert.equal(generated.expressed.length, CEL_RULES.length);
    assert.equal(generated.objects.length, 2 * CEL_RULES.length);
    assert.equal(generated.expressed.length + generated.notExpressed.length, allRules.length);
    for (const entry of generated.notExpressed) assert.ok(entry.reason.length > 10, entry.ruleId);
  });
});

interface GeneratedItem {
  kind: string;
  metadata: { name: string; annotations: Record<string, string> };
  spec: { validationActions: string[]; validations: { expression: string }[] };
}

describe('aksguard generate vap on the command line', () => {
  it('--mode sets validationActions; parameters from the configuration are inlined; disabled rules left out', async () => {
    const tree = tempTree({
      '.aksguard.yaml': [
        'rules:',
        '  WL-IMG-untrustedRegistry:',
        '    params: { allowedRegistries: ["ghcr.io/contoso/*"] }',
        '  WL-RES-cpuLimit: off',
        '',
      ].join('\n'),
    });
    try {
      for (const [mode, actions] of [
        ['audit', ['Audit']],
        ['warn', ['Warn', 'Audit']],
        ['enforce', ['Deny']],
      ] as const) {
        const result = await runCli(['generate', 'vap', '--mode', mode, '-o', 'json'], { cwd: tree.dir });
        assert.equal(result.code, 0, result.stderr);
        const items = (JSON.parse(result.stdout) as { items: GeneratedItem[] }).items;
        const bindings = items.filter((item) => item.kind === 'ValidatingAdmissionPolicyBinding');
        assert.equal(bindings.length, CEL_RULES.length - 1);
        for (const binding of bindings) assert.deepEqual(binding.spec.validationActions, actions);
        assert.ok(!items.some((item) => item.metadata.annotations['aksguard.io/rule'] === 'WL-RES-cpuLimit'));
        const registry = items.find(
          (item) =>
            item.kind === 'ValidatingAdmissionPolicy' &&
            item.metadata.name === 'aksguard-wl-img-untrustedregistry',
        )!;
        assert.match(
          registry.spec.validations[0].expression,
          /\.matches\('\^ghcr\\\\\.io\/contoso\/\[\^\/\]\*\(\/\.\*\)\?\$'\)/,
        );
        assert.match(result.stderr, /41 rule\(s\) as ValidatingAdmissionPolicies/);
      }
      const listed = await runCli(['generate', 'vap', '--list-unexpressed'], { cwd: tree.dir });
      assert.match(listed.stdout, /^AKS-IAM-01 +judges the AKS cluster definition/m);
      assert.match(listed.stdout, /^WL-SEC-automountToken +depends on the ServiceAccount/m);
    } finally {
      tree.cleanup();
    }
  });

  it('every message expression evaluates to the rule id and the object', () => {
    const generated = generateVap({
      rules: allRules,
      config: emptyConfig(),
      settings: defaultSettings(),
      mode: 'enforce',
    });
    const object = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
    };
    for (const item of generated.objects) {
      if (item.kind !== 'ValidatingAdmissionPolicy') continue;
      const validation = (item.spec as { validations: { messageExpression: string }[] }).validations[0]!;
      const message = evaluateExpression(validation.messageExpression, object);
      const rule = (item.metadata as { annotations: Record<string, string> }).annotations['aksguard.io/rule'];
      assert.ok(
        typeof message === 'string' && message.startsWith(`${rule}: Deployment shop/web: `),
        String(message),
      );
    }
  });
});
