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

ruleTester(rule, {
  valid: [{ name: 'AcrPull only', files: { 'main.tf': withRole('AcrPull') } }],
  invalid: [
    {
      name: 'Contributor on the registry',
      files: { 'main.tf': contributor },
      errors: [{ line: lineOf(contributor, 'resource "azurerm_role_assignment"'), message: /Contributor/ }],
    },
    {
      name: 'no role assignment in the input',
      files: { 'c.json': azCluster() },
      errors: [],
      notEvaluated: [{ reason: /no role assignment/ }],
    },
  ],
});
