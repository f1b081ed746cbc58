import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-09.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

function withRole(role: string): string {
  return `${tfCluster()}
resource "azurerm_role_assignment" "pull" {
  scope                = azurerm_container_registry.acr.id
  role_definition_name = "${role}"
  principal_id         = azurerm_kubernetes_cluster.main.kubelet_identity[0].object_id
}
`;
}
const contributor = withRole('Contributor');

const kubeletId = '6a1e1c1f-0000-4000-8000-00000000abcd';
const live = azCluster({ identityProfile: { kubeletidentity: { objectId: kubeletId, clientId: 'c' } } });
const registry =
  '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr1';
const directory = mkdtempSync(join(tmpdir(), 'aksguard-iam09-'));
after(() => rmSync(directory, { recursive: true, force: true }));
function assignmentsFile(name: string, entries: unknown[]): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(entries));
  return path;
}
const pushFile = assignmentsFile('push.json', [
  { principalId: kubeletId, roleDefinitionName: 'AcrPush', scope: registry },
  {
    principalId: kubeletId,
    roleDefinitionName: 'Contributor',
    scope: '/subscriptions/0000/resourceGroups/rg',
  },
]);
const pullFile = assignmentsFile('pull.json', [
  { principalId: kubeletId, roleDefinitionName: 'AcrPull', scope: registry },
]);

ruleTester(rule, {
  valid: [
    { name: 'AcrPull only', files: { 'main.tf': withRole('AcrPull') } },
    {
      name: 'az role assignment list: AcrPull on the registry',
      files: { 'c.json': live },
      settings: { azureRoleAssignmentsFile: pullFile },
    },
  ],
  invalid: [
    {
      name: 'Contributor on the registry',
      files: { 'main.tf': contributor },
      errors: [{ line: lineOf(contributor, 'resource "azurerm_role_assignment"'), message: /Contributor/ }],
    },
    {
      name: 'az role assignment list: AcrPush on the registry (subscription-wide roles are not registry access)',
      files: { 'c.json': live },
      settings: { azureRoleAssignmentsFile: pushFile },
      errors: [{ line: lineOf(live, '"objectId"'), message: /AcrPush/ }],
    },
    {
      name: 'unreadable role assignments file',
      files: { 'c.json': live },
      settings: { azureRoleAssignmentsFile: join(directory, 'missing.json') },
      errors: [],
      notEvaluated: [{ reason: /cannot read/ }],
    },
    {
      name: 'no role assignment in the input',
      files: { 'c.json': azCluster() },
      errors: [],
      notEvaluated: [{ reason: /no role assignment/ }],
    },
  ],
});
