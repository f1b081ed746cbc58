import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { armCluster } from '../aks/testFixtures.js';
import { ruleTester, runRuleOnCase } from '../testing/ruleTester.js';
import { CLUSTER_ID, ROLE, ROLES_FILE, roleAssignments } from './azureTestFixtures.js';
import rule from './RBAC-AKS-010.js';

const cluster = armCluster({ aadProfile: { managed: true }, disableLocalAccounts: true });
const OTHER_CLUSTER =
  '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks2';

// Assignment i of roleAssignments() starts on line 2 + 9i: 2, 11, 20, 29.
const operators = roleAssignments([
  {
    role: ROLE.defenderApiAccess,
    scope: '/subscriptions/0000',
    principal: 'defender',
    type: 'ServicePrincipal',
  },
  { role: ROLE.owner, scope: CLUSTER_ID, principal: 'owner@contoso.com' },
  { role: ROLE.agentOperator, scope: CLUSTER_ID, principal: 'ops@contoso.com' },
  { role: ROLE.defenderApiAccess, scope: OTHER_CLUSTER, principal: 'x@contoso.com' },
]);

ruleTester(rule, {
  valid: [
    { name: 'without the setting nothing is read', files: { 'c.json': cluster, 'roles.json': operators } },
    {
      name: 'expected principals (the Defender for Cloud identity) are not reported',
      files: {
        'c.json': cluster,
        'roles.json': roleAssignments([
          {
            role: ROLE.defenderApiAccess,
            scope: '/subscriptions/0000',
            principal: 'defender',
            type: 'ServicePrincipal',
          },
        ]),
      },
      settings: ROLES_FILE,
      params: { expectedPrincipals: ['11111110-BBBB-4000-8000-000000000000'] },
    },
    {
      name: 'the roles on another cluster; AKS RBAC roles do not hold the action',
      files: {
        'c.json': cluster,
        'roles.json': roleAssignments([
          { role: ROLE.agentOperator, scope: OTHER_CLUSTER, principal: 'ops@contoso.com' },
          { role: ROLE.rbacClusterAdmin, scope: CLUSTER_ID, principal: 'ops@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
    },
  ],
  invalid: [
    {
      name: 'Defender Kubernetes API Access above the cluster, Kubernetes Agent Operator on it',
      files: { 'c.json': cluster, 'roles.json': operators },
      settings: ROLES_FILE,
      errors: [
        {
          line: 2,
          file: 'roles.json',
          resource: 'ManagedCluster aks1',
          message:
            'ServicePrincipal defender (11111110-bbbb-4000-8000-000000000000) holds "Defender Kubernetes API Access" at /subscriptions/0000 and can create Trusted Access role bindings on aks1, giving Azure resources of its choice in-cluster roles',
        },
        {
          line: 20,
          file: 'roles.json',
          resource: 'ManagedCluster aks1',
          message:
            /"Kubernetes Agent Operator" at .*\(and can change the cluster itself: managedClusters\/write\)$/,
        },
      ],
    },
    {
      name: 'without a cluster definition: the role assignment is the resource',
      files: {
        'roles.json': roleAssignments([
          { role: ROLE.defenderApiAccess, scope: CLUSTER_ID, principal: 'x@contoso.com' },
        ]),
      },
      settings: ROLES_FILE,
      errors: [
        {
          line: 2,
          resource: 'RoleAssignment 00000000-aaaa-4000-8000-000000000000',
          message: /can create Trusted Access role bindings on aks1,/,
        },
      ],
    },
    {
      name: 'an unreadable file: not evaluated',
      files: { 'c.json': cluster, 'roles.json': '"not a list"\n' },
      settings: ROLES_FILE,
      errors: [],
      notEvaluated: [{ reason: /^Azure role assignments file roles\.json: expected the JSON list/ }],
    },
  ],
});

describe('RBAC-AKS-010 details', () => {
  it('gives evidence and an az fix per finding', async () => {
    const result = await runRuleOnCase(rule, {
      files: { 'c.json': cluster, 'roles.json': operators },
      settings: ROLES_FILE,
    });
    const first = result.findings[0]!;
    assert.equal(first.severity, 'medium');
    assert.equal(
      first.evidence?.action,
      'Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/write',
    );
    assert.equal(
      first.fix,
      'Remove the grant unless this is the Microsoft Defender for Cloud identity (then list it in the rule parameter expectedPrincipals): az role assignment delete --assignee 11111110-bbbb-4000-8000-000000000000 --role "Defender Kubernetes API Access" --scope "/subscriptions/0000"\n' +
        'and review the existing bindings: az aks trustedaccess rolebinding list -g <rg> --cluster-name aks1',
    );
  });
});
