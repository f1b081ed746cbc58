import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SUB-071.js';
import { bindingYaml, lineOf } from './testFixtures.js';

const all = bindingYaml(
  'RoleBinding',
  'everyone',
  'ClusterRole',
  'edit',
  '  - kind: Group\n    name: system:authenticated\n',
  'shop',
);
const cluster = JSON.stringify({
  type: 'Microsoft.ContainerService/managedClusters',
  name: 'aks1',
  apiVersion: '2025-05-01',
  properties: { aadProfile: { managed: true, enableAzureRBAC: true }, kubernetesVersion: '1.33' },
});

ruleTester(rule, {
  valid: [
    {
      name: 'the bootstrap discovery binding',
      yaml: bindingYaml(
        'ClusterRoleBinding',
        'system:discovery',
        'ClusterRole',
        'system:discovery',
        '  - apiGroup: rbac.authorization.k8s.io\n    kind: Group\n    name: system:authenticated\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'edit to every authenticated user',
      yaml: all,
      errors: [
        {
          line: lineOf(all, '- kind: Group'),
          resource: 'RoleBinding shop/everyone',
          message: /every authenticated user\) in namespace shop/,
        },
      ],
    },
    {
      name: 'on an Entra-integrated AKS cluster',
      files: { 'rbac.yaml': all, 'cluster.json': cluster },
      errors: [{ line: lineOf(all, '- kind: Group'), file: 'rbac.yaml' }],
    },
  ],
});
