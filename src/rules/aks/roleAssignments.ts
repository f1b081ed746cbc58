import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeJsonError } from '../../model/jsonError.js';
import type { RuleContext } from '../defineRule.js';

/** One entry of `az role assignment list -o json` (the fields used here). */
export interface AzureRoleAssignment {
  principalId: string;
  roleDefinitionName: string;
  scope: string;
}

export type RoleAssignmentsRead = { assignments: AzureRoleAssignment[] } | { error: string };

/**
 * The role assignments file given with `--azure-role-assignments` (scan setting `azureRoleAssignmentsFile`),
 * read once per scan. Accepts the `az role assignment list` array (camelCase) and ARM list results (`value[]`
 * with `properties`).
 */
export function roleAssignmentsOf(context: RuleContext): RoleAssignmentsRead | undefined {
  const file = context.settings.azureRoleAssignmentsFile;
  if (typeof file !== 'string' || file === '') {
    // Read live from Azure Resource Manager (`--azure-cluster`): already in the `az role assignment list` shape.
    const live = context.inventory.roleAssignments;
    return live ? { assignments: assignmentsOf(live.assignments) } : undefined;
  }
  return context.memo(`aks:roleAssignments:${file}`, () => {
    try {
      const text = readFileSync(resolve(file), 'utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        // V8's message quotes the text around the error: position only.
        return { error: `cannot read ${file}: not JSON (${describeJsonError(error, text)})` };
      }
      const list = Array.isArray(parsed) ? parsed : (parsed as { value?: unknown }).value;
      if (!Array.isArray(list))
        return { error: `${file}: expected the JSON array of az role assignment list` };
      return { assignments: assignmentsOf(list) };
    } catch (error) {
      return { error: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}` };
    }
  });
}

function assignmentsOf(list: readonly unknown[]): AzureRoleAssignment[] {
  return list.flatMap((entry): AzureRoleAssignment[] => {
    const value = (entry ?? {}) as { properties?: Record<string, unknown> };
    const item = { ...(value.properties ?? {}), ...value } as Record<string, unknown>;
    const principalId = item.principalId;
    const role = item.roleDefinitionName ?? item.roleDefinitionId;
    if (typeof principalId !== 'string' || typeof role !== 'string') return [];
    return [
      { principalId, roleDefinitionName: role, scope: typeof item.scope === 'string' ? item.scope : '' },
    ];
  });
}
