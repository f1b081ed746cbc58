import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-05.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const noGroup = armCluster({ aadProfile: { managed: true, adminGroupObjectIDs: [] } });
const legacy = armCluster({
  aadProfile: { managed: false, serverAppID: 's', serverAppSecret: 'not-a-real-secret' },
});

ruleTester(rule, {
  valid: [
    {
      name: 'admin group set',
      files: { 'c.json': armCluster({ aadProfile: { managed: true, adminGroupObjectIDs: ['g1'] } }) },
    },
    { name: 'no Entra integration: not applicable (AKS-IAM-02)', files: { 'main.tf': tfCluster() } },
    {
      name: 'Azure RBAC: administrators are Azure role assignments, no admin group needed',
      files: {
        'main.tf': tfCluster(
          '  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'empty admin group list',
      files: { 'c.json': noGroup },
      errors: [{ line: lineOf(noGroup, '"adminGroupObjectIDs"'), message: /no Entra admin group/ }],
    },
    {
      name: 'Terraform block without admin_group_object_ids',
      files: {
        'main.tf': tfCluster(
          '  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = false\n  }',
        ),
      },
      errors: [{ line: 1 }],
    },
    {
      name: 'legacy server application secret',
      files: { 'c.json': legacy },
      errors: [{ line: lineOf(legacy, '"serverAppSecret"'), message: /server application secret/ }],
    },
  ],
});
