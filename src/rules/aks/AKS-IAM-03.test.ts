import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-03.js';
import { armCluster, azCluster, lineOf, tfCluster } from './testFixtures.js';

const off = armCluster({ aadProfile: { managed: true, enableAzureRBAC: false } });
const tfOff = tfCluster(
  '  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = false\n  }',
);

ruleTester(rule, {
  valid: [
    {
      name: 'az aks show enableAzureRbac (az casing)',
      files: { 'c.json': azCluster({ aadProfile: { managed: true, enableAzureRbac: true } }) },
    },
    {
      name: 'Terraform azure_rbac_enabled',
      files: {
        'main.tf': tfCluster(
          '  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }',
        ),
      },
    },
    {
      name: 'parameter required=false accepts Kubernetes RBAC',
      files: { 'c.json': off },
      params: { required: false },
    },
  ],
  invalid: [
    {
      name: 'explicit false',
      files: { 'c.json': off },
      errors: [{ line: lineOf(off, '"enableAzureRBAC"') }],
    },
    {
      name: 'Terraform false',
      files: { 'main.tf': tfOff },
      errors: [{ line: lineOf(tfOff, 'azure_rbac_enabled'), resource: 'ManagedCluster aks1' }],
    },
    { name: 'absent', files: { 'main.tf': tfCluster() }, errors: [{ line: 1 }] },
  ],
});
