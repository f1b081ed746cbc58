import { armCluster, lineOf, tfCluster } from '../aks/testFixtures.js';
import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-AKS-004.js';

const withGroups = armCluster({
  aadProfile: { managed: true, adminGroupObjectIDs: ['0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11'] },
});

ruleTester(rule, {
  valid: [{ name: 'no admin group', files: { 'c.json': armCluster({ aadProfile: { managed: true } }) } }],
  invalid: [
    {
      name: 'groups from a Terraform variable: not evaluated',
      files: {
        'main.tf': tfCluster(
          '  azure_active_directory_role_based_access_control {\n    admin_group_object_ids = var.admins\n  }\n',
        ),
        'variables.tf': 'variable "admins" {\n  type = list(string)\n}\n',
      },
      errors: [],
      notEvaluated: [{ reason: /var\.admins/ }],
    },
    {
      name: 'an admin group',
      files: { 'c.json': withGroups },
      errors: [
        {
          line: lineOf(withGroups, '"adminGroupObjectIDs"'),
          resource: 'ManagedCluster aks1',
          message:
            'members of Entra group 0b9c0a46-6a3b-4c1e-9e57-3f0e6f2c1a11 are cluster-admin on aks1 (aks-cluster-admin-binding-aad)',
        },
      ],
    },
  ],
});
