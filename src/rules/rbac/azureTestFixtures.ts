/** Role assignments as printed by `az role assignment list --all -o json`, for the RBAC-AKS-00x rule tests. */

export const CLUSTER_ID =
  '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1';

export const ROLE = {
  rbacClusterAdmin: ['b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', 'Azure Kubernetes Service RBAC Cluster Admin'],
  rbacAdmin: ['3498e952-d568-435e-9b2c-8d77e338d7f7', 'Azure Kubernetes Service RBAC Admin'],
  rbacWriter: ['a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb', 'Azure Kubernetes Service RBAC Writer'],
  rbacReader: ['7f6c6a51-bcf8-42ba-9220-52d62157d7db', 'Azure Kubernetes Service RBAC Reader'],
  clusterAdminRole: ['0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8', 'Azure Kubernetes Service Cluster Admin Role'],
  clusterUserRole: ['4abbcc35-e782-43d8-92c5-2d3f1bd2253f', 'Azure Kubernetes Service Cluster User Role'],
  defenderApiAccess: ['d5a2ae44-610b-4500-93be-660a0c5f5ca6', 'Defender Kubernetes API Access'],
  agentOperator: ['5e93ba01-8f92-4c7a-b12a-801e3df23824', 'Kubernetes Agent Operator'],
  owner: ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner'],
  contributor: ['b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor'],
} as const;

/**
 * A JSON list of assignments, two-space indented: `[` on line 1, then each assignment on 9 lines (7 fields), so
 * assignment `i` (0-based) starts on line `2 + 9 * i`.
 */
export function roleAssignments(
  list: { role: readonly [string, string]; scope: string; principal: string; type?: string }[],
): string {
  return `${JSON.stringify(
    list.map((a, i) => ({
      name: `0000000${i}-aaaa-4000-8000-000000000000`,
      principalId: `1111111${i}-bbbb-4000-8000-000000000000`,
      principalName: a.principal,
      principalType: a.type ?? 'User',
      roleDefinitionId: `/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/${a.role[0]}`,
      roleDefinitionName: a.role[1],
      scope: a.scope,
    })),
    null,
    2,
  )}\n`;
}

/** First line of assignment `i` in the text of roleAssignments(). */
export const assignmentLine = (i: number) => 2 + 9 * i;

export const ROLES_FILE = { azureRoleAssignmentsFile: 'roles.json' };
