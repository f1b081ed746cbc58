import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { tempTree } from '../../test/support/tempTree.js';
import type { Finding } from '../model/finding.js';
import { scan } from '../scan.js';
import { foldFindings, implies } from './fold.js';

const ADMIN = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: deployer-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: deployer, namespace: ci }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pod-exec }
rules: [{ apiGroups: [""], resources: [pods/exec], verbs: [create, get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: deployer-exec, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-exec }
subjects: [{ kind: ServiceAccount, name: deployer, namespace: ci }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: devs-exec, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-exec }
subjects:
  - { kind: ServiceAccount, name: deployer, namespace: ci }
  - { kind: Group, name: developers, apiGroup: rbac.authorization.k8s.io }
`;

const NAMESPACE_ADMIN = `apiVersion: v1
kind: Namespace
metadata: { name: team }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: everything, namespace: team }
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: lead, namespace: team }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: everything }
subjects: [{ kind: User, name: lead@contoso.com, apiGroup: rbac.authorization.k8s.io }]
`;

async function findings(files: Record<string, string>, fold = true) {
  const tree = tempTree(files);
  try {
    const report = await scan({ paths: ['.'], cwd: tree.dir, config: false, fold });
    return report.findings;
  } finally {
    tree.cleanup();
  }
}

const rbacIds = (list: Awaited<ReturnType<typeof findings>>) =>
  list.filter((f) => f.ruleId.startsWith('RBAC-')).map((f) => `${f.ruleId} ${f.resource.name}`);

describe('folding implied findings', () => {
  it('reports a cluster-admin binding once, its powers in evidence.implies; --no-fold lists them', async () => {
    const folded = await findings({ 'rbac.yaml': ADMIN });
    const unfolded = await findings({ 'rbac.yaml': ADMIN }, false);
    // The exec grant of the same ServiceAccount elsewhere is implied too; the one shared with a group is not.
    assert.deepEqual(rbacIds(folded), ['RBAC-ADM-001 deployer-admin', 'RBAC-EXEC-030 devs-exec']);
    const admin = folded.find((f) => f.ruleId === 'RBAC-ADM-001')!;
    const implied = admin.evidence!.implies as { ruleId: string; resource?: { name: string } }[];
    const onBinding = implied.filter((entry) => entry.resource === undefined).map((entry) => entry.ruleId);
    assert.equal(onBinding.length, 27);
    for (const id of ['RBAC-SEC-040', 'RBAC-CTL-057', 'RBAC-ESC-011', 'RBAC-WL-020', 'RBAC-NODE-035'])
      assert.ok(onBinding.includes(id), id);
    assert.deepEqual(
      implied.filter((entry) => entry.resource !== undefined).map((e) => `${e.ruleId} ${e.resource!.name}`),
      ['RBAC-EXEC-030 deployer-exec'],
    );
    assert.match(admin.message, /implies 28 more finding\(s\)/);
    assert.equal(rbacIds(unfolded).length, rbacIds(folded).length + 28);
    // Folding changes no fingerprint: baselines keep matching.
    assert.equal(unfolded.find((f) => f.ruleId === 'RBAC-ADM-001')!.fingerprint, admin.fingerprint);
  });

  it('folds the powers of a full namespace grant into RBAC-ADM-002', async () => {
    const folded = rbacIds(await findings({ 'rbac.yaml': NAMESPACE_ADMIN }));
    const unfolded = rbacIds(await findings({ 'rbac.yaml': NAMESPACE_ADMIN }, false));
    assert.deepEqual(
      folded.filter((id) => id.endsWith(' lead')),
      ['RBAC-ADM-002 lead'],
    );
    assert.ok(unfolded.filter((id) => id.endsWith(' lead')).length > 5);
  });

  it('folds AKS-NET-05 into X-NET-policiesNotEnforced on the same cluster', async () => {
    const files = {
      'c.json': JSON.stringify({
        id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1',
        name: 'aks1',
        type: 'Microsoft.ContainerService/managedClusters',
        properties: { networkProfile: { networkPlugin: 'azure' }, agentPoolProfiles: [{ name: 'sys' }] },
      }),
      'np.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: shop }\nspec: { podSelector: {}, policyTypes: [Ingress] }\n',
    };
    const ids = (await findings(files)).map((f) => f.ruleId);
    assert.ok(ids.includes('X-NET-policiesNotEnforced'));
    assert.equal(ids.includes('AKS-NET-05'), false);
    assert.ok((await findings(files, false)).some((f) => f.ruleId === 'AKS-NET-05'));
  });

  it('folds each finding into the first folder in scan order that implies it (an ADM-001 first), as checking every pair would', () => {
    // The index by subject and resource only narrows the candidates: the result is the one of trying every folder.
    const subject = fc.record({
      kind: fc.constantFrom('ServiceAccount', 'User', 'Group'),
      name: fc.constantFrom('a', 'b'),
      namespace: fc.option(fc.constantFrom('ci', 'shop'), { nil: undefined }),
    });
    const finding = fc.record({
      ruleId: fc.constantFrom(
        'RBAC-ADM-001',
        'RBAC-ADM-002',
        'RBAC-WL-023',
        'RBAC-WL-020',
        'RBAC-SEC-040',
        'RBAC-SUB-075',
        'X-NET-policiesNotEnforced',
        'AKS-NET-05',
        'WL-SEC-privileged',
      ),
      name: fc.constantFrom('b1', 'b2'),
      namespace: fc.option(fc.constantFrom('ci', 'shop'), { nil: undefined }),
      subjects: fc.option(fc.array(subject, { maxLength: 3 }), { nil: undefined }),
      scope: fc.constantFrom('*', 'ci', 'shop'),
      full: fc.boolean(),
    });
    const toFinding = (input: FindingInput, index: number): Finding => ({
      ruleId: input.ruleId,
      severity: 'high',
      title: input.ruleId,
      message: `m${index}`,
      resource: {
        kind: 'RoleBinding',
        name: input.name,
        ...(input.namespace ? { namespace: input.namespace } : {}),
      },
      location: { file: 'rbac.yaml', line: index + 1, column: 1 },
      evidence: {
        ...(input.subjects
          ? { binding: { name: input.name, namespace: input.namespace }, subjects: input.subjects }
          : {}),
        scope: input.scope,
        grants: [{ request: input.full ? '* *.* in ns' : 'get pods' }],
        policies: 1,
      },
      fingerprint: String(index),
    });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 25 }), (inputs) => {
        const list = inputs.map(toFinding);
        const into = new Map<Finding, Finding>();
        for (const f of list) {
          const by =
            list.find((g) => g.ruleId === 'RBAC-ADM-001' && implies(g, f)) ?? list.find((g) => implies(g, f));
          if (by && FOLDERS.has(by.ruleId)) into.set(f, by);
        }
        const top = (f: Finding) => {
          let current = f;
          for (let guard = 0; into.has(current) && guard < 8; guard++) current = into.get(current)!;
          return current;
        };
        const expected = list
          .filter((f) => top(f) === f)
          .map((f) => [f.fingerprint, list.filter((g) => g !== f && top(g) === f).map((g) => g.ruleId)]);
        const actual = foldFindings(list).map((f) => [
          f.fingerprint,
          ((f.evidence?.implies ?? []) as { ruleId: string }[]).map((entry) => entry.ruleId),
        ]);
        assert.deepEqual(actual, expected);
      }),
      { numRuns: 400 },
    );
  });
});

interface FindingInput {
  ruleId: string;
  name: string;
  namespace: string | undefined;
  subjects: { kind: string; name: string; namespace: string | undefined }[] | undefined;
  scope: string;
  full: boolean;
}

const FOLDERS = new Set(['RBAC-ADM-001', 'RBAC-ADM-002', 'RBAC-WL-023', 'X-NET-policiesNotEnforced']);
