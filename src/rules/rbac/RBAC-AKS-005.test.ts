import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { armCluster, tfCluster } from '../aks/testFixtures.js';
import { ruleTester, runRuleOnCase } from '../testing/ruleTester.js';
import { CLUSTER_ID, ROLE, ROLES_FILE, roleAssignments } from './azureTestFixtures.js';
import rule from './RBAC-AKS-005.js';

const azureRbacOn = armCluster({ aadProfile: { managed: true, enableAzureRBAC: true } });
const azureRbacOff = armCluster({ aadProfile: { managed: true } });
const OTHER_CLUSTER =
  '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks2';

// Assignment i of roleAssignments() starts on line 2 + 9i: 2, 11, 20, 29.
const mixed = roleAssignments([
  { role: ROLE.rbacReader, scope: CLUSTER_ID, principal: 'reader@contoso.com' },
  { role: ROLE.rbacWriter, scope: '/subscriptions/0000', principal: 'dev@contoso.com' },
  { role: ROLE.rbacWriter, scope: `${CLUSTER_ID}/namespaces/shop`, principal: 'shop@contoso.com' },
  { role: ROLE.rbacAdmin, scope: `${CLUSTER_ID}/namespaces/kube-system`, principal: 'ops@contoso.com' },
]);

ruleTester(rule, {
  valid: [
    {
      name: 'without the setting nothing is read',
      files: {
        'c.json': azureRbacOn,
        'roles.json': roleAssignments([
          { role: ROLE.rbacClusterAdmin, scope: CLUSTER_ID, principal: 'a@contoso.com' },
        ]),
      },
    },
    {
      name: 'Reader at the cluster and Writer in an application namespace',
      files: {
        'c.json': azureRbacOn,
        'roles.json': roleAssignments([
          { role: ROLE.rbacReader, scope: CLUSTER_ID, principal: 'reader@contoso.com' },
          { role: ROLE.rbacWriter, scope: `${CLUSTER_ID}/namespaces/shop`, principal: 'dev@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
    },
    {
      name: 'Azure RBAC for Kubernetes authorization is off (the default): the data actions authorise nothing',
      files: {
        'c.json': azureRbacOff,
        'roles.json': roleAssignments([
          { role: ROLE.rbacClusterAdmin, scope: CLUSTER_ID, principal: 'a@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
    },
    {
      name: 'an assignment on another cluster',
      files: {
        'c.json': azureRbacOn,
        'roles.json': roleAssignments([
          { role: ROLE.rbacClusterAdmin, scope: OTHER_CLUSTER, principal: 'a@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
    },
  ],
  invalid: [
    {
      name: 'with the cluster: Writer above the cluster, Admin in kube-system',
      files: { 'c.json': azureRbacOn, 'roles.json': mixed },
      settings: ROLES_FILE,
      errors: [
        {
          line: 11,
          file: 'roles.json',
          resource: 'ManagedCluster aks1',
          message:
            'User dev@contoso.com (11111111-bbbb-4000-8000-000000000000) holds "Azure Kubernetes Service RBAC Writer" at /subscriptions/0000: Kubernetes write access (Secrets, pods as any ServiceAccount) in every namespace of every cluster under /subscriptions/0000',
        },
        {
          line: 29,
          file: 'roles.json',
          resource: 'ManagedCluster aks1',
          message:
            'User ops@contoso.com (11111113-bbbb-4000-8000-000000000000) holds "Azure Kubernetes Service RBAC Admin" at /subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1/namespaces/kube-system: Kubernetes administration in namespace kube-system',
        },
      ],
    },
    {
      name: 'without a cluster definition: the one cluster the assignments name; the assignment is the resource',
      files: {
        'roles.json': roleAssignments([
          { role: ROLE.rbacReader, scope: `${CLUSTER_ID}/namespaces/shop`, principal: 'r@contoso.com' },
          { role: ROLE.rbacClusterAdmin, scope: CLUSTER_ID, principal: 'ops-team', type: 'Group' },
        ]),
      },
      settings: ROLES_FILE,
      errors: [
        {
          line: 11,
          resource: 'RoleAssignment 00000001-aaaa-4000-8000-000000000000',
          message:
            /^Group ops-team \(11111111-bbbb-4000-8000-000000000000\) holds "Azure Kubernetes Service RBAC Cluster Admin" at .*\/managedClusters\/aks1: Kubernetes administration in every namespace of the cluster$/,
        },
      ],
    },
    {
      name: 'a relative path is read from the scan folder',
      files: {
        'c.json': azureRbacOn,
        'azure/roles.json': roleAssignments([
          { role: ROLE.rbacClusterAdmin, scope: '/subscriptions/0000/resourceGroups/rg', principal: 'a' },
        ]),
      },
      settings: { azureRoleAssignmentsFile: 'azure/roles.json' },
      errors: [{ line: 2, file: 'azure/roles.json', resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'the YAML output of az (-o yaml) is read too',
      files: {
        'c.json': azureRbacOn,
        'roles.yml': [
          '- principalId: 5f1c2b3a-0000-4000-8000-000000000002',
          '  principalName: dev@contoso.com',
          '  principalType: User',
          '  roleDefinitionName: Azure Kubernetes Service RBAC Reader',
          `  roleDefinitionId: /subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/${ROLE.rbacReader[0]}`,
          `  scope: ${CLUSTER_ID}`,
          '- principalId: 5f1c2b3a-0000-4000-8000-000000000003',
          '  principalType: Group',
          '  roleDefinitionName: Azure Kubernetes Service RBAC Cluster Admin',
          `  roleDefinitionId: /subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/${ROLE.rbacClusterAdmin[0]}`,
          `  scope: ${CLUSTER_ID}`,
          '',
        ].join('\n'),
      },
      settings: { azureRoleAssignmentsFile: 'roles.yml' },
      errors: [{ line: 7, file: 'roles.yml', message: /^Group 5f1c2b3a-0000-4000-8000-000000000003 holds/ }],
    },
    {
      name: 'enableAzureRBAC from a Terraform variable: not evaluated',
      files: {
        'main.tf': tfCluster(
          '  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = var.azure_rbac\n  }\n',
        ),
        'variables.tf': 'variable "azure_rbac" {\n  type = bool\n}\n',
        'roles.json': roleAssignments([
          { role: ROLE.rbacClusterAdmin, scope: '/subscriptions/0000', principal: 'a@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
      errors: [],
      notEvaluated: [{ reason: /^enableAzureRBAC .*var\.azure_rbac/ }],
    },
    {
      name: 'a missing file: not evaluated, naming the file',
      files: { 'c.json': azureRbacOn },
      settings: { azureRoleAssignmentsFile: 'missing.json' },
      errors: [],
      notEvaluated: [{ reason: 'cannot read the Azure role assignments file missing.json: no such file' }],
    },
    {
      name: 'a file that is not JSON: not evaluated, naming file and line',
      files: { 'c.json': azureRbacOn, 'roles.txt': '[\n  {"principalId": "x",,\n]\n' },
      settings: { azureRoleAssignmentsFile: 'roles.txt' },
      errors: [],
      notEvaluated: [{ reason: /^Azure role assignments file roles\.txt:2:\d+ is not valid JSON: / }],
    },
    {
      name: 'JSON that is not the list of az role assignment list: not evaluated',
      files: { 'c.json': azureRbacOn, 'roles.json': '{"value": []}\n' },
      settings: ROLES_FILE,
      errors: [],
      notEvaluated: [
        {
          reason:
            'Azure role assignments file roles.json: expected the JSON list printed by `az role assignment list`',
        },
      ],
    },
    {
      name: 'an assignment without scope: not evaluated, naming the item',
      files: { 'c.json': azureRbacOn, 'roles.json': '[\n  {"principalId": "x"}\n]\n' },
      settings: ROLES_FILE,
      errors: [],
      notEvaluated: [
        { reason: 'Azure role assignments file roles.json: item 0 has no principalId or scope' },
      ],
    },
  ],
});

describe('RBAC-AKS-005 details', () => {
  it('points a bad item at its line, and gives evidence and an az fix per finding', async () => {
    const bad = await runRuleOnCase(rule, {
      files: { 'c.json': azureRbacOn, 'roles.json': '[\n  {"principalId": "x"}\n]\n' },
      settings: ROLES_FILE,
    });
    assert.equal(bad.notEvaluated[0]?.location?.line, 2);
    assert.equal(bad.notEvaluated[0]?.location?.file, 'roles.json');
    const compact = await runRuleOnCase(rule, {
      files: {
        'c.json': azureRbacOn,
        'roles.json': `\uFEFF${JSON.stringify(JSON.parse(mixed))}\n`,
      },
      settings: ROLES_FILE,
    });
    const itemStarts = [...JSON.stringify(JSON.parse(mixed)).matchAll(/\{"name"/g)].map((m) => m.index + 1);
    assert.deepEqual(
      compact.findings.map((f) => [f.location?.line, f.location?.column]),
      [
        [1, itemStarts[1]!],
        [1, itemStarts[3]!],
      ],
    );
    const result = await runRuleOnCase(rule, {
      files: { 'c.json': azureRbacOn, 'roles.json': mixed },
      settings: ROLES_FILE,
    });
    assert.deepEqual(
      result.findings.map((f) => f.severity),
      ['high', 'critical'],
    );
    const first = result.findings[0]!;
    assert.deepEqual(first.evidence, {
      roleAssignmentsFile: 'roles.json',
      assignment: {
        principalType: 'User',
        principalId: '11111111-bbbb-4000-8000-000000000000',
        principalName: 'dev@contoso.com',
        roleDefinitionName: 'Azure Kubernetes Service RBAC Writer',
        roleDefinitionId:
          '/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb',
        scope: '/subscriptions/0000',
        name: '00000001-aaaa-4000-8000-000000000000',
      },
      cluster: { name: 'aks1', id: CLUSTER_ID },
    });
    assert.equal(
      first.fix,
      'Remove the broad grant: az role assignment delete --assignee 11111111-bbbb-4000-8000-000000000000 --role "Azure Kubernetes Service RBAC Writer" --scope "/subscriptions/0000"\n' +
        `and grant the narrowest role in the namespaces needed: az role assignment create --assignee 11111111-bbbb-4000-8000-000000000000 --role "Azure Kubernetes Service RBAC Writer" --scope "${CLUSTER_ID}/namespaces/<namespace>"`,
    );
  });
});
