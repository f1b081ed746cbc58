import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { armCluster } from '../../rules/aks/testFixtures.js';
import type { CliIo } from '../io.js';
import { register } from './rbac.js';

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: pod-exec
rules:
  - apiGroups: [""]
    resources: ["pods/exec"]
    verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: devs-exec
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: pod-exec
subjects:
  - kind: Group
    apiGroup: rbac.authorization.k8s.io
    name: 0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-edit
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
  - kind: ServiceAccount
    name: deployer
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: ops
    namespace: shop
`;

const NAMES = JSON.stringify({ '0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11': 'shop-developers' });

const ASSIGNMENTS = JSON.stringify([
  {
    principalId: '5f1c2b3a-0000-4000-8000-000000000001',
    principalName: 'reader@contoso.com',
    principalType: 'User',
    roleDefinitionId:
      '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/7f6c6a51-bcf8-42ba-9220-52d62157d7db',
    roleDefinitionName: 'Azure Kubernetes Service RBAC Reader',
    scope:
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1/namespaces/shop',
  },
]);

function fakeIo(cwd: string, stdin = ''): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readStdin: async () => stdin,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd,
    exitCode: 0,
  };
  return io;
}

describe('aksguard rbac', () => {
  let dir = '';
  const run = async (args: string[], stdin?: string) => {
    const io = fakeIo(dir, stdin);
    const program = new Command().exitOverride();
    register(program, io);
    await program.parseAsync(['rbac', ...args], { from: 'user' });
    return io;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aksguard-rbac-cli-'));
    writeFileSync(join(dir, 'rbac.yaml'), RBAC);
    writeFileSync(join(dir, 'names.json'), NAMES);
    writeFileSync(join(dir, 'assignments.json'), ASSIGNMENTS);
    writeFileSync(
      join(dir, 'cluster.json'),
      armCluster({
        aadProfile: {
          managed: true,
          enableAzureRBAC: true,
          adminGroupObjectIDs: ['aaaaaaaa-1111-4000-8000-000000000000'],
        },
      }),
    );
    writeFileSync(
      join(dir, 'risky.json'),
      JSON.stringify([
        {
          principalId: '5f1c2b3a-0000-4000-8000-000000000002',
          principalName: 'ops@contoso.com',
          principalType: 'User',
          roleDefinitionId:
            '/providers/Microsoft.Authorization/roleDefinitions/0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
          roleDefinitionName: 'Azure Kubernetes Service Cluster Admin Role',
          scope: '/subscriptions/0000/resourceGroups/rg',
        },
        {
          principalId: '5f1c2b3a-0000-4000-8000-000000000003',
          principalType: 'Group',
          roleDefinitionId:
            '/providers/Microsoft.Authorization/roleDefinitions/a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb',
          roleDefinitionName: 'Azure Kubernetes Service RBAC Writer',
          scope:
            '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1',
        },
      ]),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('can-i: yes with the upstream reason, exit 0', async () => {
    const io = await run([
      'can-i',
      'create',
      'pods',
      '--subresource',
      'exec',
      '-n',
      'shop',
      '--as',
      'dev@contoso.com',
      '--as-group',
      '0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11',
      '-f',
      'rbac.yaml',
      '-o',
      'table',
    ]);
    assert.equal(io.exitCode, 0);
    assert.equal(
      io.stdout,
      'yes - RBAC: allowed by RoleBinding "devs-exec/shop" of ClusterRole "pod-exec" to Group "0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11"\n',
    );
  });

  it('can-i: a group given by its display name through --names', async () => {
    const io = await run([
      'can-i',
      'create',
      'pods',
      '--subresource',
      'exec',
      '-n',
      'shop',
      '--as',
      'dev',
      '--as-group',
      'shop-developers',
      '--names',
      'names.json',
      '-f',
      'rbac.yaml',
      '-o',
      'json',
    ]);
    assert.equal(io.exitCode, 0);
    assert.equal(JSON.parse(io.stdout).allowed, true);
  });

  it('can-i: no, exit 1, JSON from stdin', async () => {
    // kubectl grammar: TYPE/NAME, so pods/exec is the pod named "exec"; subresources go in --subresource.
    const named = await run([
      'can-i',
      'create',
      'pods/exec',
      '-n',
      'shop',
      '--as',
      'dev',
      '--as-group',
      '0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11',
      '-f',
      'rbac.yaml',
      '-o',
      'json',
    ]);
    assert.equal(named.exitCode, 1);
    const io = await run(
      [
        'can-i',
        'create',
        'pods',
        '--subresource',
        'exec',
        '-n',
        'other',
        '--as',
        'dev',
        '--as-group',
        '0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11',
        '-f',
        '-',
        '-o',
        'json',
      ],
      RBAC,
    );
    assert.equal(io.exitCode, 1);
    assert.deepEqual(JSON.parse(io.stdout), { allowed: false, reason: '' });
  });

  it('can-i: a ServiceAccount in a RoleBinding to the bootstrap edit role (defaults applied)', async () => {
    const io = await run([
      'can-i',
      'get',
      'secrets',
      '-n',
      'shop',
      '--as-sa',
      'shop:deployer',
      '-f',
      'rbac.yaml',
      '-o',
      'table',
    ]);
    assert.equal(
      io.stdout,
      'yes - RBAC: allowed by RoleBinding "ci-edit/shop" of ClusterRole "edit" to ServiceAccount "deployer/shop"\n',
    );
    const roles = await run([
      'can-i',
      'get',
      'roles',
      '-n',
      'shop',
      '--as-sa',
      'shop:deployer',
      '-f',
      'rbac.yaml',
      '-o',
      'table',
    ]);
    assert.equal(roles.stdout, 'no\n');
    assert.equal(roles.exitCode, 1);
  });

  it('can-i: Azure RBAC role assignments are unioned (namespace scope)', async () => {
    const args = [
      'can-i',
      'list',
      'pods',
      '--as',
      'reader@contoso.com',
      '-f',
      'rbac.yaml',
      '--azure-role-assignments',
      'assignments.json',
      '-o',
      'json',
    ];
    const shop = await run([...args, '-n', 'shop']);
    assert.equal(shop.exitCode, 0, shop.stderr);
    assert.match(
      JSON.parse(shop.stdout).reason,
      /^Azure RBAC: allowed by role assignment "Azure Kubernetes Service RBAC Reader"/,
    );
    assert.equal((await run([...args, '-n', 'kube-system'])).exitCode, 1);
    assert.equal(
      (
        await run([
          'can-i',
          'get',
          'secrets',
          '--as',
          'reader@contoso.com',
          '-n',
          'shop',
          '-f',
          'rbac.yaml',
          '--azure-role-assignments',
          'assignments.json',
        ])
      ).exitCode,
      1,
    );
  });

  it('can-i: usage errors', async () => {
    await assert.rejects(run(['can-i', 'get', 'pods', '-f', 'rbac.yaml']), /--as USER/);
    await assert.rejects(run(['can-i', 'get', 'pods', '--as', 'x']), /-f\/--filename/);
  });

  it('who-can: subjects with their chains, names shown from the mapping', async () => {
    const io = await run([
      'who-can',
      'create',
      'pods',
      '--subresource',
      'exec',
      '-n',
      'shop',
      '-f',
      'rbac.yaml',
      '--names',
      'names.json',
      '-o',
      'json',
    ]);
    const subjects = JSON.parse(io.stdout).subjects as {
      kind: string;
      name: string;
      namespace?: string;
      displayName?: string;
      via: { binding: { name: string } }[];
    }[];
    assert.deepEqual(
      subjects.map((s) => [s.kind, s.name, s.namespace ?? '', s.via.map((v) => v.binding.name).join(',')]),
      [
        ['Group', 'system:masters', '', ''],
        ['ServiceAccount', 'ops', 'shop', 'ops-admin'],
        ['Group', '0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11', '', 'devs-exec'],
        ['ServiceAccount', 'deployer', 'shop', 'ci-edit'],
      ],
    );
    assert.equal(subjects[2]!.displayName, 'shop-developers');
    const table = await run([
      'who-can',
      'create',
      'pods',
      '--subresource',
      'exec',
      '-n',
      'shop',
      '-f',
      'rbac.yaml',
      '--names',
      'names.json',
      '-o',
      'table',
    ]);
    assert.match(
      table.stdout,
      /Group +shop-developers \(0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11\) +RoleBinding shop\/devs-exec → ClusterRole pod-exec/,
    );
  });

  it('permissions: rules per scope, and the matrix', async () => {
    const io = await run(['permissions', 'ServiceAccount:shop:deployer', '-f', 'rbac.yaml', '-o', 'json']);
    const p = JSON.parse(io.stdout);
    assert.deepEqual(
      p.scopes.map((s: { namespace: string }) => s.namespace),
      ['*', 'shop'],
    );
    const matrix = await run([
      'permissions',
      'ServiceAccount:shop:deployer',
      '--matrix',
      '-n',
      'shop',
      '-f',
      'rbac.yaml',
      '-o',
      'json',
    ]);
    const rows = JSON.parse(matrix.stdout).matrix as {
      resource: string;
      apiGroup: string;
      verbs: Record<string, boolean>;
    }[];
    assert.equal(rows.find((r) => r.resource === 'secrets')!.verbs.get, true);
    assert.equal(rows.find((r) => r.resource === 'roles')!.verbs.get, false);
  });

  it('paths: the deployer SA reaches cluster-admin by running a pod as the ops SA', async () => {
    const io = await run([
      'paths',
      'ServiceAccount:shop:deployer',
      '--max-paths',
      '1',
      '-f',
      'rbac.yaml',
      '-o',
      'table',
    ]);
    assert.equal(
      io.stdout,
      'ServiceAccount:shop:deployer → cluster-admin (2 steps)\n' +
        '  1. [create-pods] create a pod in namespace shop running as the ServiceAccount → ServiceAccount:shop:ops\n' +
        '  2. [holds-goal] holds every verb on every resource cluster-wide → goal\n',
    );
    const alternatives = await run([
      'paths',
      'ServiceAccount:shop:deployer',
      '-f',
      'rbac.yaml',
      '-o',
      'json',
    ]);
    assert.deepEqual(
      JSON.parse(alternatives.stdout).paths.map(
        (p: { steps: { primitive: string }[] }) => p.steps[0]!.primitive,
      ),
      ['create-pods', 'mint-token-secret', 'token-request'],
    );
    const all = await run(['paths', '--all', '-f', 'rbac.yaml', '-o', 'json']);
    assert.deepEqual(
      JSON.parse(all.stdout).paths.map((p: { start: string }) => p.start),
      ['ServiceAccount:shop:deployer', 'ServiceAccount:shop:ops'],
    );
    const named = await run([
      'paths',
      'ServiceAccount:shop:deployer',
      '--to',
      'delete',
      'nodes',
      '-f',
      'rbac.yaml',
      '-o',
      'json',
    ]);
    assert.equal(JSON.parse(named.stdout).paths[0].goal, 'delete nodes');
  });

  it('paths: a cluster-wide grant is phrased in the namespace of the ServiceAccount it reaches', async () => {
    writeFileSync(
      join(dir, 'jobs.yaml'),
      `apiVersion: v1
kind: ServiceAccount
metadata: { name: argocd-application-controller, namespace: argocd }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: argocd-application-controller }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: argocd-application-controller, namespace: argocd }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: job-runner }
rules: [{ apiGroups: [batch], resources: [jobs], verbs: [create] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ci-job-runner }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: job-runner }
subjects: [{ kind: ServiceAccount, name: runner, namespace: ci }]
`,
    );
    const io = await run(['paths', 'ServiceAccount:ci:runner', '-f', 'jobs.yaml', '-o', 'table']);
    assert.equal(
      io.stdout,
      'ServiceAccount:ci:runner → cluster-admin (2 steps)\n' +
        '  1. [create-workloads] create a Job in namespace argocd whose pods run as the ServiceAccount → ServiceAccount:argocd:argocd-application-controller\n' +
        '  2. [holds-goal] holds every verb on every resource cluster-wide → goal\n',
    );
  });

  it('AKS: the Entra admin group is cluster-admin through aks-cluster-admin-binding-aad', async () => {
    const io = await run([
      'can-i',
      'delete',
      'nodes',
      '--as',
      'admin@contoso.com',
      '--as-group',
      'aaaaaaaa-1111-4000-8000-000000000000',
      '-f',
      'rbac.yaml',
      '-f',
      'cluster.json',
      '-o',
      'table',
    ]);
    assert.equal(io.exitCode, 0, io.stderr);
    assert.equal(
      io.stdout,
      'yes - RBAC: allowed by ClusterRoleBinding "aks-cluster-admin-binding-aad" of ClusterRole "cluster-admin" to Group "aaaaaaaa-1111-4000-8000-000000000000"\n',
    );
  });

  it('azure: risky role assignments (RBAC-AKS-003 with local accounts enabled, RBAC-AKS-005)', async () => {
    const io = await run([
      'azure',
      '-f',
      'rbac.yaml',
      '-f',
      'cluster.json',
      '--azure-role-assignments',
      'risky.json',
      '-o',
      'json',
    ]);
    assert.equal(io.exitCode, 1, io.stderr);
    const findings = JSON.parse(io.stdout).findings as { ruleId: string; severity: string }[];
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity]),
      [
        ['RBAC-AKS-005', 'high'],
        ['RBAC-AKS-003', 'critical'],
      ],
    );
    const none = await run([
      'azure',
      '-f',
      'rbac.yaml',
      '-f',
      'cluster.json',
      '--azure-role-assignments',
      'assignments.json',
      '-o',
      'table',
    ]);
    assert.equal(none.exitCode, 0);
    assert.equal(none.stdout, 'no risky Azure role assignment found\n');
  });
});
