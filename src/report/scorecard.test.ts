import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyCoverage, type SkippedInput } from '../model/coverage.js';
import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { allRules, ruleById } from '../rules/index.js';
import type { Report } from './report.js';
import {
  type ControlResult,
  describeControl,
  UNSCORED_SEED_RULES,
  ZERO_TRUST_CONTROLS,
  zeroTrustScorecard,
} from './scorecard.js';

function finding(ruleId: string, severity: Severity = 'high'): Finding {
  return {
    ruleId,
    severity,
    title: ruleId,
    message: `${ruleId} message`,
    resource: { kind: 'ManagedCluster', name: 'aks' },
    fingerprint: `${ruleId}-${severity}`,
  };
}

function report(parts: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'aksguard', version: '0.0.0' },
    summary: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    findings: [],
    notEvaluated: [],
    waived: [],
    waivers: { unused: [], expired: [], invalid: [], annotations: [] },
    errors: [],
    notes: [],
    inputs: { files: 2, objects: 5, clusters: 1, rules: allRules.length },
    coverage: emptyCoverage(),
    ...parts,
  };
}

function control(result: ReturnType<typeof zeroTrustScorecard>, id: string): ControlResult {
  const found = result.controls.find((entry) => entry.control.id === id);
  assert.ok(found, `control ${id}`);
  return found;
}

describe('zero-trust scorecard: the control → rules mapping against the catalogue', () => {
  it('every rule a control names exists, and no rule is scored by two controls', () => {
    const seen = new Map<string, string>();
    for (const entry of ZERO_TRUST_CONTROLS)
      for (const id of entry.rules) {
        assert.ok(ruleById(id), `${entry.id} names ${id}, which is not in the catalogue`);
        assert.equal(seen.get(id), undefined, `${id} is scored by ${seen.get(id)} and ${entry.id}`);
        seen.set(id, entry.id);
      }
  });

  it('every ★ rule (seed) is scored by a control, or listed as unscored with the reason', () => {
    const scored = new Set(ZERO_TRUST_CONTROLS.flatMap((entry) => entry.rules));
    const seeds = allRules.filter((rule) => rule.seed).map((rule) => rule.id);
    const missing = seeds.filter((id) => !scored.has(id) && !UNSCORED_SEED_RULES.has(id));
    assert.deepEqual(missing, []);
    for (const [id, reason] of UNSCORED_SEED_RULES) {
      assert.equal(ruleById(id)?.seed, true, `${id} is listed as an unscored ★ rule but is not one`);
      assert.ok(!scored.has(id), `${id} is both scored and listed as unscored`);
      assert.ok(reason.length > 20, `${id} needs its reason`);
    }
  });

  it('has the ten baseline controls of the course plus trusted images, in a stable order', () => {
    assert.deepEqual(
      ZERO_TRUST_CONTROLS.map((entry) => entry.id),
      [
        'rbac-entra',
        'managed-identity',
        'network-policy',
        'imds',
        'api-server',
        'exposure',
        'node-patching',
        'disk-encryption',
        'secrets',
        'isolation',
        'images',
      ],
    );
  });
});

describe('zero-trust scorecard: pass, fail, not evaluated', () => {
  const bicep: SkippedInput = {
    path: 'infra/main.bicep',
    category: 'unsupported-format',
    reason: 'Bicep is not read yet',
    significant: true,
  };
  const template: SkippedInput = {
    path: 'chart/templates/deploy.yaml',
    category: 'unrendered-template',
    reason: 'a Helm template',
    significant: true,
  };
  const cases: {
    name: string;
    report: Report;
    rules?: typeof allRules;
    control: string;
    expect: Pick<
      ControlResult,
      'status' | 'failing' | 'failingRules' | 'advisory' | 'waived' | 'notEvaluated'
    >;
    text: string;
  }[] = [
    {
      name: 'no finding, every input read: pass',
      report: report(),
      control: 'rbac-entra',
      expect: { status: 'pass', failing: 0, failingRules: [], advisory: 0, waived: 0, notEvaluated: [] },
      text: 'pass',
    },
    {
      name: 'findings of two rules: fail with the count',
      report: report({
        findings: [finding('AKS-IAM-02'), finding('AKS-IAM-04'), finding('AKS-IAM-04', 'medium')],
      }),
      control: 'rbac-entra',
      expect: {
        status: 'fail',
        failing: 3,
        failingRules: ['AKS-IAM-02', 'AKS-IAM-04'],
        advisory: 0,
        waived: 0,
        notEvaluated: [],
      },
      text: '3 findings: AKS-IAM-02, AKS-IAM-04',
    },
    {
      name: 'info findings are advice, not a failure',
      report: report({ findings: [finding('AKS-NODE-11', 'info')] }),
      control: 'isolation',
      expect: { status: 'pass', failing: 0, failingRules: [], advisory: 1, waived: 0, notEvaluated: [] },
      text: 'pass (1 advisory finding)',
    },
    {
      name: 'a rule that said "not evaluated" makes the control not evaluated',
      report: report({
        notEvaluated: [{ ruleId: 'AKS-NET-03', reason: 'depends on var.authorized_ranges' }],
      }),
      control: 'api-server',
      expect: {
        status: 'not-evaluated',
        failing: 0,
        failingRules: [],
        advisory: 0,
        waived: 0,
        notEvaluated: ['AKS-NET-03: depends on var.authorized_ranges'],
      },
      text: 'not evaluated: AKS-NET-03: depends on var.authorized_ranges',
    },
    {
      name: 'no cluster definition: the cluster controls are not evaluated',
      report: report({ inputs: { files: 1, objects: 4, clusters: 0, rules: 1 } }),
      control: 'disk-encryption',
      expect: {
        status: 'not-evaluated',
        failing: 0,
        failingRules: [],
        advisory: 0,
        waived: 0,
        notEvaluated: ['no AKS cluster definition among the inputs'],
      },
      text: 'not evaluated: no AKS cluster definition among the inputs',
    },
    {
      name: 'no cluster definition but a failing manifest rule: fail, the rest noted',
      report: report({
        inputs: { files: 1, objects: 4, clusters: 0, rules: 1 },
        findings: [finding('NP-imdsReachable')],
      }),
      control: 'imds',
      expect: {
        status: 'fail',
        failing: 1,
        failingRules: ['NP-imdsReachable'],
        advisory: 0,
        waived: 0,
        notEvaluated: ['no AKS cluster definition among the inputs'],
      },
      text: '1 finding: NP-imdsReachable',
    },
    {
      name: 'a rule left out by --rule/--family or the configuration',
      report: report(),
      rules: allRules.filter((rule) => rule.id !== 'AKS-DATA-03'),
      control: 'disk-encryption',
      expect: {
        status: 'not-evaluated',
        failing: 0,
        failingRules: [],
        advisory: 0,
        waived: 0,
        notEvaluated: ['not run (disabled or not selected): AKS-DATA-03'],
      },
      text: 'not evaluated: not run (disabled or not selected): AKS-DATA-03',
    },
    {
      name: 'a Bicep file not read may define the cluster: not evaluated',
      report: report({ coverage: { read: {}, skipped: [bicep], unreadable: [] } }),
      control: 'managed-identity',
      expect: {
        status: 'not-evaluated',
        failing: 0,
        failingRules: [],
        advisory: 0,
        waived: 0,
        notEvaluated: [
          '1 input not analysed that may hold what it checks (infra/main.bicep: Bicep is not read yet)',
        ],
      },
      text: 'not evaluated: 1 input not analysed that may hold what it checks (infra/main.bicep: Bicep is not read yet)',
    },
    {
      name: 'an unrendered template holds objects, not the cluster: cluster controls still pass',
      report: report({ coverage: { read: {}, skipped: [template], unreadable: [] } }),
      control: 'managed-identity',
      expect: { status: 'pass', failing: 0, failingRules: [], advisory: 0, waived: 0, notEvaluated: [] },
      text: 'pass',
    },
    {
      name: 'an unrendered template: the workload controls are not evaluated',
      report: report({
        coverage: { read: {}, skipped: [template, { ...template, path: 'b.yaml' }], unreadable: [] },
      }),
      control: 'images',
      expect: {
        status: 'not-evaluated',
        failing: 0,
        failingRules: [],
        advisory: 0,
        waived: 0,
        notEvaluated: [
          '2 inputs not analysed that may hold what it checks (chart/templates/deploy.yaml: a Helm template, …)',
        ],
      },
      text: 'not evaluated: 2 inputs not analysed that may hold what it checks (chart/templates/deploy.yaml: a Helm template, …)',
    },
    {
      name: 'an unreadable Azure resource list: cluster controls not evaluated',
      report: report({
        coverage: {
          read: {},
          skipped: [],
          unreadable: [
            {
              source: '/subscriptions/x',
              kind: 'Microsoft.ContainerService/managedClusters',
              reason: '403 Forbidden',
            },
          ],
        },
      }),
      control: 'node-patching',
      expect: {
        status: 'not-evaluated',
        failing: 0,
        failingRules: [],
        advisory: 0,
        waived: 0,
        notEvaluated: [
          '1 input not analysed that may hold what it checks (Microsoft.ContainerService/managedClusters from /subscriptions/x: 403 Forbidden)',
        ],
      },
      text: 'not evaluated: 1 input not analysed that may hold what it checks (Microsoft.ContainerService/managedClusters from /subscriptions/x: 403 Forbidden)',
    },
    {
      name: 'waived findings are counted apart and do not fail the control',
      report: report({
        waived: [
          {
            ...finding('WL-IMG-untrustedRegistry'),
            waiver: { rule: 'WL-IMG-untrustedRegistry', reason: 'vendor image', source: 'config' },
          },
        ],
      }),
      control: 'images',
      expect: { status: 'pass', failing: 0, failingRules: [], advisory: 0, waived: 1, notEvaluated: [] },
      text: 'pass (1 waived)',
    },
  ];
  for (const entry of cases)
    it(entry.name, () => {
      const result = control(zeroTrustScorecard(entry.report, entry.rules ?? allRules), entry.control);
      const { control: _, ran, ...rest } = result;
      assert.deepEqual(rest, entry.expect);
      // Every case runs at least one of the control's rules.
      assert.equal(ran, true);
      assert.equal(describeControl(result), entry.text);
    });

  it('counts the statuses and the findings a baseline hid', () => {
    const card = zeroTrustScorecard(
      report({
        findings: [finding('AKS-IAM-02')],
        inputs: { files: 1, objects: 0, clusters: 1, rules: 1 },
        baseline: { file: 'b.json', suppressed: 4 },
      }),
      allRules,
    );
    assert.deepEqual(card.counts, { pass: 4, fail: 1, 'not-evaluated': 6 });
    assert.equal(card.baselineSuppressed, 4);
  });
});

describe('zero-trust scorecard: controls none of whose rules ran', () => {
  it('are marked as not run, so the table can leave the scorecard out of a --rule scan', () => {
    const only = allRules.filter((rule) => rule.id === 'WL-NS-nakedPod');
    const card = zeroTrustScorecard(report(), only);
    assert.deepEqual(
      card.controls.filter((result) => result.ran).map((result) => result.control.id),
      [],
    );
    const some = allRules.filter((rule) => rule.id === 'AKS-DATA-02');
    assert.deepEqual(
      zeroTrustScorecard(report(), some)
        .controls.filter((result) => result.ran)
        .map((result) => result.control.id),
      ['disk-encryption'],
    );
  });
});
