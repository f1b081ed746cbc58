import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-02.js';
import { armCluster, azCluster, lineOf, tfCluster } from './testFixtures.js';

const managedTf = tfCluster(
  '  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }',
);
const v3Legacy = `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 3.50" }
  }
}
${tfCluster('  azure_active_directory_role_based_access_control {\n    managed       = false\n    client_app_id = "00000000-0000-0000-0000-000000000001"\n    server_app_id = "00000000-0000-0000-0000-000000000002"\n  }')}`;
const none = armCluster();
const legacyArm = armCluster({ aadProfile: { clientAppID: 'a', serverAppID: 'b', tenantID: 't' } });

ruleTester(rule, {
  valid: [
    { name: 'azurerm 4 block presence means managed', files: { 'main.tf': managedTf } },
    {
      name: 'az aks show managed AAD',
      files: { 'c.json': azCluster({ aadProfile: { managed: true, enableAzureRbac: true } }) },
    },
  ],
  invalid: [
    {
      name: 'no aadProfile (ARM GET)',
      files: { 'c.json': none },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'no Entra block (Terraform)',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, message: /not integrated/ }],
    },
    {
      name: 'legacy client/server applications (ARM)',
      files: { 'c.json': legacyArm },
      errors: [{ line: lineOf(legacyArm, '"aadProfile"'), message: /legacy/ }],
    },
    {
      name: 'azurerm 3 managed = false with applications',
      files: { 'main.tf': v3Legacy },
      errors: [{ line: lineOf(v3Legacy, 'managed       = false'), message: /legacy/ }],
    },
  ],
});
