import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AzureRbac, actionMatches, azureRbacFromFile, dataActionFor } from './azure.js';
import { azureFindings } from './azureFindings.js';

const CLUSTER =
  '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1';
const ROLES = {
  clusterAdmin: ['b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', 'Azure Kubernetes Service RBAC Cluster Admin'],
  admin: ['3498e952-d568-435e-9b2c-8d77e338d7f7', 'Azure Kubernetes Service RBAC Admin'],
  writer: ['a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb', 'Azure Kubernetes Service RBAC Writer'],
  reader: ['7f6c6a51-bcf8-42ba-9220-52d62157d7db', 'Azure Kubernetes Service RBAC Reader'],
  aksClusterAdmin: ['0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8', 'Azure Kubernetes Service Cluster Admin Role'],
} as const;
const assign = (role: readonly [string, string], scope: string, principal: Record<string, string> = {}) => ({
  principalId: 'aaaaaaaa-0000-4000-8000-000000000001',
  principalName: 'ops@contoso.com',
  principalType: 'User',
  roleDefinitionId: `/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/${role[0]}`,
  roleDefinitionName: role[1],
  scope,
  ...principal,
});
const load = (items: object[]) => azureRbacFromFile(JSON.stringify(items), 'a.json', undefined, CLUSTER);
const ops = { name: 'ops@contoso.com', groups: ['system:authenticated'] };

describe('Azure RBAC data actions (kubeguard/guard mapping)', () => {
  const cases: [Parameters<typeof dataActionFor>[0], string][] = [
    [{ verb: 'get', apiGroup: '', resource: 'pods' }, 'pods/read'],
    [{ verb: 'list', apiGroup: 'apps', resource: 'deployments' }, 'apps/deployments/read'],
    [{ verb: 'patch', apiGroup: '', resource: 'secrets' }, 'secrets/write'],
    [{ verb: 'deletecollection', apiGroup: '', resource: 'pods' }, 'pods/delete'],
    [{ verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' }, 'pods/exec/action'],
    [{ verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log' }, 'pods/read'],
    [
      { verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts' },
      'serviceaccounts/impersonate/action',
    ],
    [
      { verb: 'bind', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
      'rbac.authorization.k8s.io/clusterroles/bind/action',
    ],
    [{ verb: 'get', apiGroup: 'example.com', resource: 'widgets' }, 'customresources/read'],
    [{ verb: 'get', path: '/healthz' }, 'healthz/read'],
  ];
  for (const [request, action] of cases)
    test(action, () =>
      assert.equal(dataActionFor(request), `Microsoft.ContainerService/managedClusters/${action}`),
    );
  test('action patterns: * anywhere, case-insensitive', () => {
    assert.ok(
      actionMatches(
        'Microsoft.ContainerService/managedClusters/*',
        'microsoft.containerservice/managedclusters/pods/read',
      ),
    );
    assert.ok(
      actionMatches(
        'Microsoft.ContainerService/managedClusters/pods/*',
        'Microsoft.ContainerService/managedClusters/pods/exec/action',
      ),
    );
    assert.ok(
      !actionMatches(
        'Microsoft.ContainerService/managedClusters/pods/read',
        'Microsoft.ContainerService/managedClusters/pods/write',
      ),
    );
  });
});

describe('Azure RBAC authorization', () => {
  test('scope inheritance: subscription and resource group apply, other clusters and namespaces do not', () => {
    const sub = load([assign(ROLES.reader, '/subscriptions/0000')]);
    assert.equal(
      sub.authorize(ops, { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'shop' }).allowed,
      true,
    );
    const other = load([assign(ROLES.reader, '/subscriptions/0000/resourceGroups/rg2')]);
    assert.equal(
      other.authorize(ops, { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'shop' }).allowed,
      false,
    );
    const ns = load([assign(ROLES.reader, `${CLUSTER}/namespaces/shop`)]);
    assert.equal(
      ns.authorize(ops, { verb: 'get', apiGroup: '', resource: 'pods', namespace: 'shop' }).allowed,
      true,
    );
    assert.equal(
      ns.authorize(ops, { verb: 'get', apiGroup: '', resource: 'pods', namespace: 'dev' }).allowed,
      false,
    );
    assert.equal(
      ns.authorize(ops, { verb: 'get', apiGroup: '', resource: 'nodes', namespace: '' }).allowed,
      false,
    );
  });
  test('Reader cannot read Secrets or exec; Writer can; Admin cannot write namespaces', () => {
    const reader = load([assign(ROLES.reader, CLUSTER)]);
    assert.equal(
      reader.authorize(ops, { verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'a' }).allowed,
      false,
    );
    assert.equal(
      reader.authorize(ops, {
        verb: 'create',
        apiGroup: '',
        resource: 'pods',
        subresource: 'exec',
        namespace: 'a',
      }).allowed,
      false,
    );
    const writer = load([assign(ROLES.writer, CLUSTER)]);
    assert.equal(
      writer.authorize(ops, { verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'a' }).allowed,
      true,
    );
    assert.equal(
      writer.authorize(ops, {
        verb: 'create',
        apiGroup: '',
        resource: 'pods',
        subresource: 'exec',
        namespace: 'a',
      }).allowed,
      true,
    );
    assert.equal(
      writer.authorize(ops, {
        verb: 'create',
        apiGroup: 'rbac.authorization.k8s.io',
        resource: 'rolebindings',
        namespace: 'a',
      }).allowed,
      false,
    );
    const admin = load([assign(ROLES.admin, CLUSTER)]);
    assert.equal(
      admin.authorize(ops, {
        verb: 'create',
        apiGroup: 'rbac.authorization.k8s.io',
        resource: 'rolebindings',
        namespace: 'a',
      }).allowed,
      true,
    );
    assert.equal(
      admin.authorize(ops, { verb: 'patch', apiGroup: '', resource: 'namespaces', name: 'a', namespace: 'a' })
        .allowed,
      false,
    );
  });
  test('groups match by object ID; system: users are left to Kubernetes RBAC', () => {
    const g = load([
      assign(ROLES.clusterAdmin, CLUSTER, {
        principalType: 'Group',
        principalId: 'gggggggg-0000-4000-8000-000000000002',
        principalName: 'ops-team',
      }),
    ]);
    assert.equal(
      g.authorize(
        { name: 'x@contoso.com', groups: ['gggggggg-0000-4000-8000-000000000002'] },
        { verb: 'delete', apiGroup: '', resource: 'nodes', namespace: '' },
      ).allowed,
      true,
    );
    assert.equal(
      g.authorize(
        { name: 'system:serviceaccount:a:b', groups: ['gggggggg-0000-4000-8000-000000000002'] },
        { verb: 'get', apiGroup: '', resource: 'pods', namespace: 'a' },
      ).allowed,
      false,
    );
  });
  test('who-can lists the assignments that grant', () => {
    const azure = load([
      assign(ROLES.reader, CLUSTER),
      assign(ROLES.writer, `${CLUSTER}/namespaces/shop`, { principalName: 'dev@contoso.com' }),
    ]);
    assert.deepEqual(
      azure
        .whoCan({ verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'shop' })
        .map((w) => w.principalName),
      ['dev@contoso.com'],
    );
  });
  test('without a cluster ID, the one cluster named by the assignments is used', () => {
    const azure = azureRbacFromFile(
      JSON.stringify([assign(ROLES.reader, `${CLUSTER}/namespaces/shop`)]),
      'a.json',
    );
    assert.ok(azure instanceof AzureRbac);
    assert.equal(azure.clusterId, CLUSTER.toLowerCase());
  });
  test('bad input names the file', () => {
    assert.throws(() => azureRbacFromFile('{', 'a.json'), /^Error: a\.json: not JSON/);
    assert.throws(() => azureRbacFromFile('[{}]', 'a.json'), /a\.json: item 0 has no principalId or scope/);
  });
});

describe('Azure findings (RBAC-AKS-003, RBAC-AKS-005)', () => {
  test('write/admin across the cluster, above it, and in kube-system; namespaced Writer and Reader are fine', () => {
    const azure = load([
      assign(ROLES.reader, CLUSTER),
      assign(ROLES.writer, `${CLUSTER}/namespaces/shop`),
      assign(ROLES.writer, '/subscriptions/0000/resourceGroups/rg'),
      assign(ROLES.clusterAdmin, CLUSTER),
      assign(ROLES.admin, `${CLUSTER}/namespaces/kube-system`),
    ]);
    const { findings } = azureFindings(azure);
    assert.deepEqual(
      findings.map((f) => [f.id, f.severity, f.assignment.scope]),
      [
        ['RBAC-AKS-005', 'high', '/subscriptions/0000/resourceGroups/rg'],
        ['RBAC-AKS-005', 'critical', CLUSTER],
        ['RBAC-AKS-005', 'critical', `${CLUSTER}/namespaces/kube-system`],
      ],
    );
    assert.match(
      findings[0]!.message,
      /in every namespace of every cluster under \/subscriptions\/0000\/resourceGroups\/rg$/,
    );
  });
  test('AKS-003 needs the cluster definition to know whether local accounts are enabled', () => {
    const azure = load([assign(ROLES.aksClusterAdmin, '/subscriptions/0000')]);
    const result = azureFindings(azure);
    assert.deepEqual(result.findings, []);
    assert.match(result.notEvaluated[0]!, /RBAC-AKS-003: no cluster definition/);
  });
});
