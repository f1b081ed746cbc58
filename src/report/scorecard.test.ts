import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyCoverage, type SkippedInput, type UnreadableInput } from '../model/coverage.js';
import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { allRules, ruleById } from '../rules/index.js';
import { unreadInputsOf } from '../rules/runRules.js';
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
      const { control: _, ran, brief: __, ...rest } = result;
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

describe('zero-trust scorecard: what the rules declare they read decides what a gap touches', () => {
  /** A live report as the scan makes it: the lists that could not be read, and each rule that reads one not evaluated. */
  function liveReport(unreadable: UnreadableInput[]): Report {
    const notEvaluated = allRules.flatMap((rule) => {
      const reason = unreadInputsOf(rule, unreadable);
      return reason === undefined ? [] : [{ ruleId: rule.id, reason }];
    });
    return report({ notEvaluated, coverage: { read: { 'kubernetes-api': 40 }, skipped: [], unreadable } });
  }
  const statuses = (card: ReturnType<typeof zeroTrustScorecard>) =>
    Object.fromEntries(card.controls.map((result) => [result.control.id, result.status]));
  const allPass = Object.fromEntries(ZERO_TRUST_CONTROLS.map((entry) => [entry.id, 'pass']));

  it('an unreadable ConfigMap list: only the controls whose rules read ConfigMaps are not evaluated', () => {
    const configMaps: UnreadableInput = {
      source: 'context aks-prod',
      kind: 'ConfigMap',
      reason: 'forbidden (403 configmaps is forbidden)',
    };
    const card = zeroTrustScorecard(liveReport([configMaps]), allRules);
    assert.deepEqual(statuses(card), { ...allPass, secrets: 'not-evaluated', isolation: 'not-evaluated' });
    // The rule's own reason names the list; the control does not repeat it as a second gap.
    assert.deepEqual(control(card, 'secrets').notEvaluated, [
      'WL-SEC-secretInConfigMap: ConfigMap could not be read from context aks-prod: forbidden (403 configmaps is forbidden)',
    ]);
  });

  it("the same gap in a report without the rules' verdicts still makes exactly those controls not evaluated", () => {
    const card = zeroTrustScorecard(
      report({
        coverage: {
          read: {},
          skipped: [],
          unreadable: [{ source: 'context aks-prod', kind: 'ConfigMap', reason: 'forbidden' }],
        },
      }),
      allRules,
    );
    assert.deepEqual(statuses(card), { ...allPass, secrets: 'not-evaluated', isolation: 'not-evaluated' });
    assert.deepEqual(control(card, 'secrets').notEvaluated, [
      '1 input not analysed that may hold what it checks (ConfigMap from context aks-prod: forbidden)',
    ]);
  });

  it('an unreadable NginxIngressController list touches the exposure control only', () => {
    const card = zeroTrustScorecard(
      liveReport([
        {
          source: 'context aks-prod',
          kind: 'NginxIngressController',
          group: 'approuting.kubernetes.azure.com',
          reason: 'forbidden',
        },
      ]),
      allRules,
    );
    assert.deepEqual(statuses(card), { ...allPass, exposure: 'not-evaluated' });
  });

  it('Azure lists: diagnostic settings touch no scored control, role assignments the managed-identity control', () => {
    const azure = (kind: string): UnreadableInput => ({
      source:
        '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
      kind,
      reason: '403 AuthorizationFailed',
    });
    assert.deepEqual(
      statuses(zeroTrustScorecard(liveReport([azure('Microsoft.Insights/diagnosticSettings')]), allRules)),
      allPass,
    );
    assert.deepEqual(
      statuses(zeroTrustScorecard(liveReport([azure('Microsoft.Authorization/roleAssignments')]), allRules)),
      { ...allPass, 'managed-identity': 'not-evaluated' },
    );
  });

  it('no Kubernetes objects: the controls with a rule that reads objects; no cluster: those with one that reads it', () => {
    const noObjects = zeroTrustScorecard(
      report({ inputs: { files: 1, objects: 0, clusters: 1, rules: 1 } }),
      allRules,
    );
    assert.deepEqual(statuses(noObjects), {
      ...allPass,
      'network-policy': 'not-evaluated',
      imds: 'not-evaluated',
      exposure: 'not-evaluated',
      secrets: 'not-evaluated',
      isolation: 'not-evaluated',
      images: 'not-evaluated',
    });
    const noCluster = zeroTrustScorecard(
      report({ inputs: { files: 1, objects: 9, clusters: 0, rules: 1 } }),
      allRules,
    );
    assert.deepEqual(statuses(noCluster), {
      ...Object.fromEntries(ZERO_TRUST_CONTROLS.map((entry) => [entry.id, 'not-evaluated'])),
      images: 'pass',
    });
  });
});

describe('zero-trust scorecard: the few words the table shows', () => {
  it('names the absent inputs, the rules not run, the rules that said not evaluated and the inputs not analysed', () => {
    const card = zeroTrustScorecard(
      report({
        inputs: { files: 1, objects: 0, clusters: 1, rules: 1 },
        notEvaluated: [
          { ruleId: 'AKS-NET-10', reason: 'a long reason a table line has no room for' },
          { ruleId: 'AKS-NET-08', reason: 'another one' },
        ],
        coverage: {
          read: {},
          skipped: [
            { path: 'a.bicep', category: 'unsupported-format', reason: 'x', significant: true },
            { path: 'b.bicep', category: 'unsupported-format', reason: 'y', significant: true },
          ],
          unreadable: [],
        },
      }),
      allRules.filter((rule) => rule.id !== 'WL-NET-ingressNoTLS'),
    );
    const exposure = control(card, 'exposure');
    assert.deepEqual(exposure.brief, [
      'no Kubernetes objects among the inputs',
      'not run: WL-NET-ingressNoTLS',
      'AKS-NET-10, AKS-NET-08 (see "Not evaluated" below)',
      '2 inputs not analysed (see the last lines)',
    ]);
    assert.equal(
      describeControl(exposure, true),
      'not evaluated: no Kubernetes objects among the inputs; not run: WL-NET-ingressNoTLS; AKS-NET-10, AKS-NET-08 (see "Not evaluated" below); 2 inputs not analysed (see the last lines)',
    );
    assert.match(describeControl(exposure), /AKS-NET-10: a long reason a table line has no room for/);
  });
});
