import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { clusterInventory, loadClustersFrom } from '../../../src/load/aks/testSupport.js';
import { aksRules } from '../../../src/rules/aks/index.js';
import { crossRules } from '../../../src/rules/cross/index.js';
import { defaultSettings } from '../../../src/rules/defineRule.js';
import { runRules } from '../../../src/rules/runRules.js';

/**
 * Each cluster definition is written twice, in Bicep and in the ARM JSON `bicep build` makes of it (both written for
 * aksguard, see PROVENANCE.md). Both forms must give the same findings and the same not-evaluated controls, each at
 * the line of the same property in its own file, as listed in `expected.json`:
 * `[ruleId, resource kind, resource name, Bicep line, ARM line]`.
 */
type Row = [ruleId: string, kind: string, name: string, bicepLine: number, armLine: number];
interface Expected {
  findings: Row[];
  notEvaluated: Row[];
}

const here = new URL('./cases/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('../expected.json', here), 'utf8')) as Record<
  string,
  Expected
>;
const cases = readdirSync(here)
  .filter((file) => file.endsWith('.bicep'))
  .map((file) => file.replace(/\.bicep$/, ''));
const rules = [...aksRules, ...crossRules];

async function judge(file: string): Promise<{ findings: string[][]; notEvaluated: string[][] }> {
  const loaded = await loadClustersFrom({ [file]: readFileSync(new URL(file, here), 'utf8') });
  assert.deepEqual(
    loaded.issues.filter((issue) => issue.level === 'error'),
    [],
    `${file} loads without errors`,
  );
  assert.equal(loaded.clusters.filter((cluster) => !cluster.partial).length, 1, `${file} holds one cluster`);
  const inventory = clusterInventory(loaded.clusters, [file]);
  const result = runRules(inventory, rules, { settings: defaultSettings() });
  assert.deepEqual(result.failures, []);
  const row = (entry: {
    ruleId: string;
    resource?: { kind: string; name: string };
    location?: { line: number };
  }) => [
    entry.ruleId,
    entry.resource?.kind ?? '',
    entry.resource?.kind === 'ManagedCluster' ? 'cluster' : (entry.resource?.name ?? ''),
    String(entry.location?.line ?? ''),
  ];
  const sorted = (rows: string[][]) => rows.sort((a, b) => (a.join('|') < b.join('|') ? -1 : 1));
  return { findings: sorted(result.findings.map(row)), notEvaluated: sorted(result.notEvaluated.map(row)) };
}

function rowsFor(rows: Row[], form: 'bicep' | 'arm'): string[][] {
  return rows
    .map(([ruleId, kind, name, bicepLine, armLine]) => [
      ruleId,
      kind,
      name,
      String(form === 'bicep' ? bicepLine : armLine),
    ])
    .sort((a, b) => (a.join('|') < b.join('|') ? -1 : 1));
}

describe('Bicep conformance: the Bicep and ARM JSON forms of a cluster give the same verdicts', () => {
  it('has at least ten cases, each with its ARM form and expectations', () => {
    assert.ok(cases.length >= 10, `${cases.length} cases`);
    for (const name of cases) {
      assert.ok(readdirSync(here).includes(`${name}.json`), `${name}.json`);
      assert.ok(Object.hasOwn(expected, name), `expected.json has ${name}`);
    }
  });
  for (const name of cases) {
    it(name, async () => {
      const rows = expected[name]!;
      const bicep = await judge(`${name}.bicep`);
      const arm = await judge(`${name}.json`);
      assert.deepEqual(bicep.findings, rowsFor(rows.findings, 'bicep'), 'Bicep findings');
      assert.deepEqual(arm.findings, rowsFor(rows.findings, 'arm'), 'ARM findings');
      assert.deepEqual(bicep.notEvaluated, rowsFor(rows.notEvaluated, 'bicep'), 'Bicep not evaluated');
      assert.deepEqual(arm.notEvaluated, rowsFor(rows.notEvaluated, 'arm'), 'ARM not evaluated');
    });
  }
});
