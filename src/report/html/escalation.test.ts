import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tempTree } from '../../../test/support/tempTree.js';
import type { Inventory } from '../../model/inventory.js';
import type { ScanSettings } from '../../rules/defineRule.js';
import { scan } from '../../scan.js';
import { buildReportExtras } from './extras.js';
import type { Graph } from './graph.js';

const RBAC = `apiVersion: v1
kind: ServiceAccount
metadata: { name: ci, namespace: build }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: secret-reader }
rules:
  - { apiGroups: [""], resources: [secrets], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ci-secrets }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader }
subjects: [{ kind: ServiceAccount, name: ci, namespace: build }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: admin-bot, namespace: ops }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: admin-bot }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: admin-bot, namespace: ops }]
---
apiVersion: v1
kind: Secret
type: kubernetes.io/service-account-token
metadata: { name: admin-bot-token, namespace: ops, annotations: { kubernetes.io/service-account.name: admin-bot } }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: pod-maker, namespace: dev }
rules:
  - { apiGroups: [""], resources: [pods], verbs: [create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: alice-pods, namespace: dev }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-maker }
subjects: [{ kind: User, name: alice }]
`;

async function diagrams(): Promise<{ byRule: (rule: string, name: string) => Graph }> {
  const tree = tempTree({ 'rbac.yaml': RBAC });
  try {
    let loaded: { inventory: Inventory; settings: ScanSettings } | undefined;
    const report = await scan({
      paths: ['.'],
      cwd: tree.dir,
      config: false,
      onInventory: (inventory, settings) => {
        loaded = { inventory, settings };
      },
    });
    const extras = buildReportExtras(loaded!.inventory, loaded!.settings, report);
    return {
      byRule(rule, name) {
        const finding = report.findings.find((f) => f.ruleId === rule && f.resource.name === name);
        assert.ok(finding, `${rule} on ${name}`);
        const graph = extras.escalations?.get(finding.fingerprint);
        assert.ok(graph, `diagram of ${rule} on ${name}`);
        return graph;
      },
    };
  } finally {
    tree.cleanup();
  }
}

const lines = (graph: Graph) =>
  graph.nodes.map((n) => `${n.kind}: ${n.label}${n.detail ? ` — ${n.detail}` : ''}`);

describe('escalation diagrams of RBAC findings', () => {
  it('draws the subject’s shortest path to cluster-admin with each step’s permission and granting binding', async () => {
    const graph = (await diagrams()).byRule('RBAC-SEC-040', 'ci-secrets');
    assert.equal(graph.title, 'Escalation path of ServiceAccount build/ci to cluster-admin in 2 steps');
    assert.deepEqual(lines(graph), [
      'subject: ServiceAccount build/ci — subject of the finding',
      'step: 1. read the token Secret ops/admin-bot-token — get secrets/admin-bot-token in ops · via ClusterRoleBinding ci-secrets (ClusterRole secret-reader)',
      'identity: ServiceAccount ops/admin-bot — acts as',
      'step: 2. holds every verb on every resource cluster-wide — * *.* · via ClusterRoleBinding admin-bot (ClusterRole cluster-admin)',
      'goal: cluster-admin — every verb on every resource',
    ]);
    assert.deepEqual(
      graph.edges.map((e) => `${e.from}>${e.to} ${e.label}`),
      ['subject>step-0 read-secrets', 'step-0>as-0 then as', 'as-0>step-1 holds-goal', 'step-1>goal reaches'],
    );
  });

  it('a subject with no path gets the grant the finding is about', async () => {
    const graph = (await diagrams()).byRule('RBAC-WL-020', 'alice-pods');
    assert.deepEqual(lines(graph), [
      'subject: User alice — subject of the finding',
      'step: RoleBinding dev/alice-pods — grants Role pod-maker',
      'goal: create pods in dev — in namespace dev',
    ]);
  });
});
