import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-WL-021.js';
import { grantYaml } from './testFixtures.js';

const deploy = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'patch'] }],
});
const cron = grantYaml({ rules: [{ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['update'] }] });

ruleTester(rule, {
  valid: [
    {
      name: 'read deployments',
      yaml: grantYaml({ rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }] }).yaml,
    },
    {
      name: 'wrong group',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['deployments'], verbs: ['create'] }] }).yaml,
    },
    {
      name: 'scale only',
      yaml: grantYaml({
        rules: [{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['update'] }],
      }).yaml,
    },
  ],
  invalid: [
    {
      name: 'write deployments',
      yaml: deploy.yaml,
      errors: [{ line: deploy.line, resource: deploy.resource }],
    },
    {
      name: 'update cronjobs cluster-wide',
      yaml: cron.yaml,
      errors: [{ line: cron.line, message: /cluster-wide/ }],
    },
  ],
});
