import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { armCluster, tfCluster } from '../aks/testFixtures.js';
import { ruleTester, runRuleOnCase } from '../testing/ruleTester.js';
import { CLUSTER_ID, ROLE, ROLES_FILE, roleAssignments } from './azureTestFixtures.js';
import rule from './RBAC-AKS-003.js';

const localAccounts = armCluster({ aadProfile: { managed: true } });
const noLocalAccounts = armCluster({ aadProfile: { managed: true }, disableLocalAccounts: true });
const OTHER_CLUSTER =
  '/subscriptions/0000/resourceGroups/other/providers/Microsoft.ContainerService/managedClusters/aks2';

// Assignment i of roleAssignments() starts on line 2 + 9i: 2, 11, 20, 29, 38.
const risky = roleAssignments([
  {
    role: ROLE.clusterAdminRole,
    scope: '/subscriptions/0000/resourceGroups/rg',
    principal: 'ops@contoso.com',
  },
  { role: ROLE.clusterUserRole, scope: CLUSTER_ID, principal: 'dev@contoso.com' },
  { role: ROLE.owner, scope: '/subscriptions/0000', principal: 'platform', type: 'Group' },
  { role: ROLE.contributor, scope: OTHER_CLUSTER, principal: 'other@contoso.com' },
  { role: ROLE.contributor, scope: CLUSTER_ID, principal: 'ci', type: 'ServicePrincipal' },
]);

ruleTester(rule, {
  valid: [
    {
      name: 'without the setting nothing is read',
      files: { 'c.json': localAccounts, 'roles.json': risky },
    },
    {
      name: 'local accounts disabled: listClusterAdminCredential is refused',
      files: { 'c.json': noLocalAccounts, 'roles.json': risky },
      settings: ROLES_FILE,
    },
    {
      name: 'Cluster User Role and AKS RBAC roles do not hand out the admin credential',
      files: {
        'c.json': localAccounts,
        'roles.json': roleAssignments([
          { role: ROLE.clusterUserRole, scope: CLUSTER_ID, principal: 'dev@contoso.com' },
          { role: ROLE.rbacClusterAdmin, scope: CLUSTER_ID, principal: 'ops@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
    },
    {
      name: 'a Terraform cluster aks1 (no resource ID) and assignments on another cluster only',
      files: {
        'main.tf': tfCluster('  local_account_disabled = false\n'),
        'roles.json': roleAssignments([
          { role: ROLE.clusterAdminRole, scope: OTHER_CLUSTER, principal: 'other@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
    },
  ],
  invalid: [
    {
      name: 'local accounts enabled (default): Cluster Admin Role, Owner, Contributor at or above the cluster',
      files: { 'c.json': localAccounts, 'roles.json': risky },
      settings: ROLES_FILE,
      errors: [
        {
          line: 2,
          file: 'roles.json',
          resource: 'ManagedCluster aks1',
          message:
            'User ops@contoso.com (11111110-bbbb-4000-8000-000000000000) holds "Azure Kubernetes Service Cluster Admin Role" at /subscriptions/0000/resourceGroups/rg and can download the cluster-admin kubeconfig of aks1 (local accounts enabled)',
        },
        {
          line: 20,
          file: 'roles.json',
          resource: 'ManagedCluster aks1',
          message:
            'Group platform (11111112-bbbb-4000-8000-000000000000) holds "Owner" at /subscriptions/0000 and can download the cluster-admin kubeconfig of aks1 (local accounts enabled)',
        },
        {
          line: 38,
          file: 'roles.json',
          resource: 'ManagedCluster aks1',
          message: /^ServicePrincipal ci .*"Contributor"/,
        },
      ],
    },
    {
      name: 'local accounts explicitly enabled in Terraform; the assignments name the cluster aks1',
      files: {
        'main.tf': tfCluster('  local_account_disabled = false\n'),
        'roles.json': roleAssignments([
          { role: ROLE.clusterAdminRole, scope: CLUSTER_ID, principal: 'ops@contoso.com' },
          { role: ROLE.owner, scope: OTHER_CLUSTER, principal: 'other@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
      errors: [{ line: 2, resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'disableLocalAccounts from a Terraform variable: not evaluated',
      files: {
        'main.tf': tfCluster('  local_account_disabled = var.no_local\n'),
        'variables.tf': 'variable "no_local" {\n  type = bool\n}\n',
        'roles.json': roleAssignments([
          { role: ROLE.clusterAdminRole, scope: CLUSTER_ID, principal: 'ops@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
      errors: [],
      notEvaluated: [{ reason: /^disableLocalAccounts .*var\.no_local/ }],
    },
    {
      name: 'without a cluster definition whether local accounts are enabled is unknown: not evaluated',
      files: {
        'roles.json': roleAssignments([
          { role: ROLE.clusterAdminRole, scope: CLUSTER_ID, principal: 'ops@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
      errors: [],
      notEvaluated: [{ reason: 'no cluster definition among the inputs (disableLocalAccounts unknown)' }],
    },
    {
      name: 'without a cluster definition and assignments on several clusters: not evaluated',
      files: { 'roles.json': risky },
      settings: ROLES_FILE,
      errors: [],
      notEvaluated: [{ reason: /^roles\.json: the cluster resource ID is unknown/ }],
    },
    {
      name: 'a missing file: not evaluated, naming the file',
      files: { 'c.json': localAccounts },
      settings: { azureRoleAssignmentsFile: 'az/roles.json' },
      errors: [],
      notEvaluated: [{ reason: 'cannot read the Azure role assignments file az/roles.json: no such file' }],
    },
  ],
});

describe('RBAC-AKS-003 details', () => {
  it('gives evidence and an az fix per finding', async () => {
    const result = await runRuleOnCase(rule, {
      files: { 'c.json': localAccounts, 'roles.json': risky },
      settings: ROLES_FILE,
    });
    const first = result.findings[0]!;
    assert.equal(first.severity, 'critical');
    assert.deepEqual(
      { ...first.evidence, assignment: undefined },
      {
        roleAssignmentsFile: 'roles.json',
        assignment: undefined,
        cluster: { name: 'aks1', id: CLUSTER_ID },
        disableLocalAccounts: false,
        credential: 'listClusterAdminCredential',
      },
    );
    assert.equal(
      first.fix,
      [
        'Disable local accounts (then rotate the certificates): az aks update -g <rg> -n aks1 --disable-local-accounts && az aks rotate-certs -g <rg> -n aks1',
        'or remove the grant: az role assignment delete --assignee 11111110-bbbb-4000-8000-000000000000 --role "Azure Kubernetes Service Cluster Admin Role" --scope "/subscriptions/0000/resourceGroups/rg"',
        `and give cluster access without the admin credential: az role assignment create --assignee 11111110-bbbb-4000-8000-000000000000 --role "Azure Kubernetes Service Cluster User Role" --scope "${CLUSTER_ID}"`,
      ].join('\n'),
    );
  });
});
