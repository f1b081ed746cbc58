import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aksRules } from '../../../src/rules/aks/index.js';
import type { Rule } from '../../../src/rules/defineRule.js';
import { type Unit, unitsUnder, type Verdict, verdictOf } from './harness.js';

/**
 * Checkov's AKS fixtures (bridgecrewio/checkov @03d5fdad, Apache-2.0) against our verdict for the control that
 * checks the same thing. Expected results come from the upstream unit tests (data/checkov-EXPECTED.md); where the
 * upstream test asserts only totals, the fixture file names (`*-PASSED*`, `*-FAILED*`) give each file's intent.
 * Every disagreement is listed in `deviations` with the reason aks-controls.md gives.
 */
function rule(id: string): Rule {
  const found = aksRules.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

interface CheckovCase {
  check: string;
  ruleId: string;
  folder: string;
  pass: string[];
  fail: string[];
}

const TF = 'aks/checkov/terraform/checks/resource/azure/';
const ARM = 'aks/checkov/arm/checks/resource/';
const cluster = (...names: string[]) => names.map((name) => `azurerm_kubernetes_cluster.${name}`);
const pool = (...names: string[]) => names.map((name) => `azurerm_kubernetes_cluster_node_pool.${name}`);

const cases: CheckovCase[] = [
  {
    check: 'CKV_AZURE_6',
    ruleId: 'AKS-NET-03',
    folder: `${TF}example_AKSApiServerAuthorizedIpRanges/`,
    pass: cluster('enabled', 'private', 'version_3_39'),
    fail: cluster('default', 'empty'),
  },
  {
    check: 'CKV_AZURE_8',
    ruleId: 'AKS-GOV-04',
    folder: `${TF}example_AKSDashboardDisabled/`,
    pass: cluster('pass', 'pass2'),
    fail: cluster('fail', 'fail2'),
  },
  {
    check: 'CKV_AZURE_227',
    ruleId: 'AKS-DATA-02',
    folder: `${TF}example_AKSEncryptionAtHostEnabled/`,
    pass: [...cluster('pass', 'pass_new'), ...pool('pass', 'pass_new')],
    fail: [...cluster('fail1', 'fail2', 'fail_new'), ...pool('fail1', 'fail2', 'fail_new')],
  },
  {
    check: 'CKV_AZURE_226',
    ruleId: 'AKS-DATA-04',
    folder: `${TF}example_AKSEphemeralOSDisks/`,
    pass: cluster('pass'),
    fail: cluster('fail', 'fail2'),
  },
  {
    check: 'CKV_AZURE_170',
    ruleId: 'AKS-GOV-06',
    folder: `${TF}example_AKSIsPaidSku/`,
    pass: cluster('pass'),
    fail: cluster('fail', 'fail2'),
  },
  {
    check: 'CKV_AZURE_141',
    ruleId: 'AKS-IAM-04',
    folder: `${TF}example_AKSLocalAdminDisabled/`,
    pass: cluster('ckv_unittest_pass'),
    fail: cluster('ckv_unittest_fail', 'ckv_unittest_fail_2'),
  },
  {
    check: 'CKV_AZURE_143',
    ruleId: 'AKS-NET-08',
    folder: `${TF}example_AKSNodePublicIpDisabled/`,
    pass: cluster('ckv_unittest_pass'),
    fail: cluster('ckv_unittest_fail', 'fail'),
  },
  {
    check: 'CKV_AZURE_232',
    ruleId: 'AKS-NODE-09',
    folder: `${TF}example_AKSOnlyCriticalPodsOnSystemNodes/`,
    pass: cluster('pass'),
    fail: cluster('fail1', 'fail2', 'fail3', 'fail4'),
  },
  {
    check: 'CKV_AZURE_169',
    ruleId: 'AKS-NODE-06',
    folder: `${TF}example_AKSPoolTypeIsScaleSet/`,
    pass: cluster('pass', 'pass2'),
    fail: cluster('fail'),
  },
  {
    check: 'CKV_AZURE_172',
    ruleId: 'AKS-DATA-05',
    folder: `${TF}example_AKSSecretStoreRotation/`,
    pass: cluster('pass'),
    fail: cluster('fail', 'fail2'),
  },
  {
    check: 'CKV_AZURE_171',
    ruleId: 'AKS-NODE-03',
    folder: `${TF}example_AKSUpgradeChannel/`,
    pass: cluster('pass_new', 'pass_old'),
    fail: cluster('fail_new', 'fail2_new', 'fail_old', 'fail2_old'),
  },
  {
    check: 'CKV2_AZURE_29',
    ruleId: 'AKS-NET-07',
    folder: 'aks/checkov/terraform/graph/checks/resources/AzureAKSclusterAzureCNIEnabled/',
    pass: cluster('pass'),
    fail: cluster('fail_1', 'fail_2'),
  },
  // ARM. Count-only upstream tests: per-file intent from the file names.
  {
    check: 'CKV_AZURE_6 (ARM)',
    ruleId: 'AKS-NET-03',
    folder: `${ARM}example_AKSApiServerAuthorizedIpRanges/`,
    pass: ['aks-authIPRanges-preview-PASSED', 'aks-authIPRanges-supported-PASSED'],
    fail: [
      'aks-authIPRanges-preview-FAILED',
      'aks-authIPRanges-preview-FAILED-3',
      'aks-authIPRanges-supported-FAILED',
      'aks-authIPRanges-supported-FAILED-2',
      'aks-authIPRanges-unsupported-FAILED',
    ],
  },
  {
    check: 'CKV_AZURE_8 (ARM)',
    ruleId: 'AKS-GOV-04',
    folder: `${ARM}example_AKSDashboardDisabled/`,
    pass: ['AKSDashboardDisabled-PASSED'],
    fail: [
      'AKSDashboardDisabled-FAILED',
      'AKSDashboardDisabled-FAILED2',
      'AKSDashboardDisabled-FAILED3',
      'AKSDashboardDisabled-FAILED4',
    ],
  },
  {
    check: 'CKV_AZURE_227 (ARM)',
    ruleId: 'AKS-DATA-02',
    folder: `${ARM}example_AKSEncryptionAtHostEnabled/`,
    pass: ['pass', 'agentPools.passA'],
    fail: ['fail1', 'fail2', 'agentPools.failA1', 'agentPools.failA2'],
  },
  {
    check: 'CKV_AZURE_226 (ARM)',
    ruleId: 'AKS-DATA-04',
    folder: `${ARM}example_AKSEphemeralOSDisks/`,
    pass: ['pass'],
    fail: ['fail', 'fail2'],
  },
  {
    check: 'CKV_AZURE_141 (ARM)',
    ruleId: 'AKS-IAM-04',
    folder: `${ARM}example_AKSLocalAdminDisabled/`,
    pass: ['pass'],
    fail: ['fail', 'fail2'],
  },
  {
    check: 'CKV_AZURE_4 (ARM)',
    ruleId: 'AKS-MON-03',
    folder: `${ARM}example_AKSLoggingEnabled/`,
    pass: ['aksLoggingEnabled-PASSED'],
    fail: ['aksLoggingEnabled-FAILED', 'AKSLoggingEnabled-FAILED2', 'aksLoggingEnabled-FAILED3'],
  },
  {
    check: 'CKV_AZURE_7 (ARM)',
    ruleId: 'AKS-NET-05',
    folder: `${ARM}example_AKSNetworkPolicy/`,
    pass: ['aksNetworkPolicy-PASSED'],
    fail: [
      'aksNetworkPolicy-FAILED',
      'aksNetworkPolicy-FAILED2',
      'aksNetworkPolicy-FAILED3',
      'aksNetworkPolicy-FAILED4',
    ],
  },
  {
    check: 'CKV_AZURE_169 (ARM)',
    ruleId: 'AKS-NODE-06',
    folder: `${ARM}example_AKSPoolTypeIsScaleSet/`,
    pass: ['pass', 'pass1'],
    fail: ['fail'],
  },
  {
    check: 'CKV_AZURE_5 (ARM)',
    ruleId: 'AKS-IAM-01',
    folder: `${ARM}example_AKSRbacEnabled/`,
    pass: ['aksEnableRbac-PASSED'],
    fail: ['aksEnableRbac-FAILED', 'aksEnableRbac-FAILED2', 'aksEnableRbac-FAILED3'],
  },
  {
    check: 'CKV_AZURE_171 (ARM)',
    ruleId: 'AKS-NODE-03',
    folder: `${ARM}example_AKSUpgradeChannel/`,
    pass: ['pass'],
    fail: ['fail', 'fail1'],
  },
  {
    check: 'CKV_AZURE_172 (ARM)',
    ruleId: 'AKS-DATA-05',
    folder: `${ARM}example_AkSSecretStoreRotation/`,
    pass: ['pass'],
    fail: ['fail', 'fail1'],
  },
];

/** Where our verdict differs from Checkov's, and why (aks-controls.md section). */
const deviations: Record<string, { ours: Verdict; reason: string }> = {
  'AKS-GOV-04 AKSDashboardDisabled-FAILED': {
    ours: 'PASS',
    reason:
      'Checkov ARM CKV_AZURE_8 fails when kubeDashboard is absent; absent means the add-on is off (§5.6, §4.6 GOV-04)',
  },
  'AKS-GOV-04 AKSDashboardDisabled-FAILED2': {
    ours: 'PASS',
    reason: 'Checkov ARM CKV_AZURE_8 fails when kubeDashboard is absent (§5.6)',
  },
  'AKS-GOV-04 AKSDashboardDisabled-FAILED4': {
    ours: 'PASS',
    reason: 'Checkov ARM CKV_AZURE_8 fails when kubeDashboard is absent (§5.6)',
  },
  'AKS-DATA-04 azurerm_kubernetes_cluster.fail': {
    ours: 'PASS',
    reason:
      'os_disk_type unset: AKS defaults to Ephemeral when the VM size supports it, an omitted value is not a fail (§4.3 DATA-04)',
  },
  'AKS-DATA-04 fail': {
    ours: 'PASS',
    reason: 'osDiskType unset: the default is Ephemeral when the VM supports it (§4.3 DATA-04)',
  },
  'AKS-IAM-04 azurerm_kubernetes_cluster.ckv_unittest_pass': {
    ours: 'FAIL',
    reason:
      'local accounts disabled without Entra ID integration: a dependency finding, the setting needs AAD (§4.1 IAM-04, §5.3)',
  },
  'AKS-IAM-04 pass': {
    ours: 'FAIL',
    reason: 'disableLocalAccounts without aadProfile: dependency finding (§4.1 IAM-04, §5.3)',
  },
  'AKS-NODE-09 azurerm_kubernetes_cluster.fail3': {
    ours: 'NOT_EVALUATED',
    reason:
      'the fixture declares no default_node_pool at all: no pool to judge, so not evaluated rather than failed (DESIGN §2)',
  },
  'AKS-NODE-09 azurerm_kubernetes_cluster.fail4': {
    ours: 'NOT_EVALUATED',
    reason:
      'no default_node_pool block (only a misplaced cluster-level attribute): no pool to judge (DESIGN §2)',
  },
  'AKS-IAM-01 aksEnableRbac-FAILED3': {
    ours: 'PASS',
    reason:
      'enableRBAC omitted on API 2018-03-31: the RP default applies; Checkov ARM fails when missing, Azure Policy ac4a19c2 flags only explicit false (§4.1 IAM-01)',
  },
  'AKS-MON-03 aksLoggingEnabled-FAILED3': {
    ours: 'NOT_EVALUATED',
    reason: 'addonProfiles is an if() on a parameter without default: unknown, never a fail (§5.7)',
  },
};

describe('Checkov AKS fixtures', () => {
  const units = new Map<string, Promise<Unit[]>>();
  for (const testCase of cases) {
    it(`${testCase.check} ↔ ${testCase.ruleId}`, async () => {
      if (!units.has(testCase.folder)) units.set(testCase.folder, unitsUnder(testCase.folder));
      const loaded = await units.get(testCase.folder)!;
      const byKey = new Map(loaded.map((unit) => [unit.key, unit]));
      const expected: [string, Verdict][] = [
        ...testCase.pass.map((key): [string, Verdict] => [key, 'PASS']),
        ...testCase.fail.map((key): [string, Verdict] => [key, 'FAIL']),
      ];
      for (const [key, checkov] of expected) {
        const unit = byKey.get(key);
        assert.ok(unit, `${key} not loaded from ${testCase.folder}`);
        const deviation = deviations[`${testCase.ruleId} ${key}`];
        assert.equal(
          verdictOf(rule(testCase.ruleId), unit),
          deviation?.ours ?? checkov,
          `${key}${deviation ? ` (${deviation.reason})` : ''}`,
        );
      }
    });
  }

  for (const [name, deviation] of Object.entries(deviations)) {
    it(`deviation ${name}: ${deviation.reason}`, async () => {
      const [ruleId, key] = name.split(' ') as [string, string];
      const testCase = cases.find(
        (candidate) => candidate.ruleId === ruleId && [...candidate.pass, ...candidate.fail].includes(key),
      );
      assert.ok(testCase, 'the deviation names a fixture of a compared check');
      const loaded = await unitsUnder(testCase.folder);
      const unit = loaded.find((candidate) => candidate.key === key)!;
      assert.equal(verdictOf(rule(ruleId), unit), deviation.ours);
    });
  }

  it('compares 97 fixtures, 11 of them documented deviations', () => {
    const compared = cases.reduce((sum, testCase) => sum + testCase.pass.length + testCase.fail.length, 0);
    assert.equal(compared, 97);
    assert.equal(Object.keys(deviations).length, 11);
  });
});
