import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SUB-070.js';
import { bindingYaml, lineOf } from './testFixtures.js';

const anon = bindingYaml(
  'ClusterRoleBinding',
  'open',
  'ClusterRole',
  'view',
  '  - kind: User\n    name: alice\n  - kind: Group\n    name: system:unauthenticated\n',
);

ruleTester(rule, {
  valid: [
    {
      name: 'the bootstrap public-info-viewer binding is baseline',
      yaml: bindingYaml(
        'ClusterRoleBinding',
        'system:public-info-viewer',
        'ClusterRole',
        'system:public-info-viewer',
        '  - kind: Group\n    name: system:authenticated\n    apiGroup: rbac.authorization.k8s.io\n  - kind: Group\n    name: system:unauthenticated\n    apiGroup: rbac.authorization.k8s.io\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'view to system:unauthenticated',
      yaml: anon,
      errors: [
        {
          line: lineOf(anon, '- kind: Group'),
          resource: 'ClusterRoleBinding open',
          message:
            'ClusterRoleBinding open gives ClusterRole view to Group system:unauthenticated (unauthenticated requests) cluster-wide',
        },
      ],
    },
  ],
});
