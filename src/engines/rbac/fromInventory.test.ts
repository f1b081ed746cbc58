import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadInventory } from '../../load/index.js';
import type { Inventory } from '../../model/inventory.js';
import { escalationContextFromInventory, isBuiltin, rbacEngineFromInventory } from './fromInventory.js';

const MANIFESTS = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: view
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-edit
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
  - kind: ServiceAccount
    name: ci
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: v1
kind: Secret
type: kubernetes.io/service-account-token
metadata:
  name: ci-token
  namespace: shop
  annotations:
    kubernetes.io/service-account.name: ci
data:
  token: c2VjcmV0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: web:1 }]
`;

describe('RBAC engine from an inventory', () => {
  let dir = '';
  let inventory: Inventory;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aksguard-rbac-inv-'));
    writeFileSync(join(dir, 'all.yaml'), MANIFESTS);
    inventory = await loadInventory({ paths: ['.'], cwd: dir, defaultNamespace: 'shop' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('bootstrap ClusterRoles fill in what the input does not define; the input wins otherwise', () => {
    const engine = rbacEngineFromInventory(inventory);
    const view = engine.getRole('ClusterRole', 'view')!;
    assert.equal(isBuiltin(view.origin), false);
    assert.equal(isBuiltin(engine.getRole('ClusterRole', 'edit')!.origin), true);
    // The RoleBinding takes the default namespace; its SA subject defaults to it too.
    const d = engine.authorize({
      user: 'system:serviceaccount:shop:ci',
      verb: 'create',
      apiGroup: 'apps',
      resource: 'deployments',
      namespace: 'shop',
    });
    assert.equal(
      d.reason,
      'RBAC: allowed by RoleBinding "ci-edit/shop" of ClusterRole "edit" to ServiceAccount "ci/shop"',
    );
    // The input's view replaces the bootstrap one and lacks its aggregate-to-edit label: edit no longer includes it.
    assert.ok(engine.getRole('ClusterRole', 'edit')!.aggregatedFrom!.includes('view') === false);
  });

  test('without bootstrap roles, a binding to edit dangles', () => {
    const engine = rbacEngineFromInventory(inventory, { bootstrapRoles: false });
    assert.equal(
      engine.resolve(engine.bindings[0]!).error,
      'clusterroles.rbac.authorization.k8s.io "edit" not found',
    );
  });

  test('escalation context: ServiceAccounts of pods, token Secrets (names only), Pod Security of declared namespaces', () => {
    const context = escalationContextFromInventory(inventory, '1.34');
    assert.deepEqual(context.workloadServiceAccounts, [{ namespace: 'shop', name: 'default' }]);
    assert.deepEqual(context.tokenSecrets, [{ namespace: 'shop', name: 'ci', secret: 'ci-token' }]);
    assert.deepEqual([...context.podSecurityEnforce!], [['shop', 'restricted']]);
    assert.equal(context.k8sVersion, '1.34');
  });
});
