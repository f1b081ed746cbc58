import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inventoryHasRbac } from '../../engines/rbac/fromInventory.js';
import { loadInventory } from '../../load/index.js';
import { formatResource } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import { defaultSettings, type RuleContext } from '../defineRule.js';
import { runRules } from '../runRules.js';
import { rbacRules } from './index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function inventoryOf(files: Record<string, string>): Promise<Inventory> {
  const directory = mkdtempSync(join(tmpdir(), 'aksguard-rbac-input-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
    return await loadInventory({ paths: ['.'], cwd: directory, defaultNamespace: 'default' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  serviceAccountName: web
  containers:
    - name: web
      image: nginx:1.27
`;

const rbacObject = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: reader
  namespace: shop
`;

describe('inventoryHasRbac: whether the RBAC engine holds anything of the input', () => {
  const cases: { name: string; yaml: string; expected: boolean }[] = [
    { name: 'workloads only', yaml: POD, expected: false },
    { name: 'a Role', yaml: rbacObject('rbac.authorization.k8s.io/v1', 'Role'), expected: true },
    {
      name: 'a ClusterRole',
      yaml: rbacObject('rbac.authorization.k8s.io/v1', 'ClusterRole'),
      expected: true,
    },
    {
      name: 'a RoleBinding',
      yaml: rbacObject('rbac.authorization.k8s.io/v1', 'RoleBinding'),
      expected: true,
    },
    {
      name: 'a ClusterRoleBinding',
      yaml: rbacObject('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'),
      expected: true,
    },
    { name: 'a Role of another API group', yaml: rbacObject('example.com/v1', 'Role'), expected: false },
  ];
  for (const { name, yaml, expected } of cases)
    it(name, async () => assert.equal(inventoryHasRbac(await inventoryOf({ 'a.yaml': yaml })), expected));
});

/** Every RBAC rule's findings and not-evaluated entries, as `file:line resource: message` lines. */
function rbacOutput(inventory: Inventory): string[] {
  const run = runRules(inventory, rbacRules, { settings: defaultSettings() });
  assert.deepEqual(run.failures, []);
  return [
    ...run.findings.map(
      (f) =>
        `${f.ruleId} ${f.location?.file}:${f.location?.line} ${formatResource(f.resource)}: ${f.message}`,
    ),
    ...run.notEvaluated.map((n) => `${n.ruleId} not evaluated: ${n.reason}`),
  ];
}

describe('RBAC rules on input without RBAC objects', () => {
  // Real workloads (ServiceAccounts, token mounts, DaemonSets ...) from the precision corpus and the demo.
  const inputs = [
    'examples/aks-store-demo/aks-store-all-in-one.yaml',
    'test/conformance/precision/data/microservices-demo/kubernetes-manifests.yaml',
  ];

  for (const input of inputs) {
    it(`report nothing on ${input}, without building the engine, as with the engine built`, async () => {
      const files = { 'workloads.yaml': readFileSync(join(ROOT, input), 'utf8') };
      const workloads = await inventoryOf(files);
      assert.equal(inventoryHasRbac(workloads), false);
      assert.ok(workloads.podTemplates.length > 0);
      // The shortcut: nothing reported, and no rule asked for the engine.
      const asked: string[] = [];
      for (const rule of rbacRules) {
        const memo = new Map<string, unknown>();
        const context: RuleContext = {
          inventory: workloads,
          settings: defaultSettings(),
          params: Object.fromEntries(Object.entries(rule.params ?? {}).map(([k, p]) => [k, p.default])),
          report: (finding) => assert.fail(`${rule.id} reported ${finding.message}`),
          notEvaluated: (entry) => assert.fail(`${rule.id} not evaluated: ${entry.reason}`),
          memo<T>(key: string, compute: () => T): T {
            asked.push(key);
            if (!memo.has(key)) memo.set(key, compute());
            return memo.get(key) as T;
          },
        };
        rule.check(context);
      }
      assert.ok(!asked.includes('rbac.engine'), 'the engine was built');
      assert.ok(!asked.includes('rbac.escalation'), 'the escalation graph was built');
      // The full path: the same workloads beside one ClusterRole with no rules and no binding make the engine hold
      // something of the input; nothing is reported on the workloads either.
      const withRole = await inventoryOf({
        ...files,
        'role.yaml':
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: nothing\nrules: []\n',
      });
      assert.equal(inventoryHasRbac(withRole), true);
      const onRole = (line: string) => line.includes('role.yaml:') || line.includes('ClusterRole nothing');
      assert.deepEqual(
        rbacOutput(withRole).filter((line) => !onRole(line)),
        [],
      );
      assert.deepEqual(rbacOutput(workloads), []);
    });
  }
});
