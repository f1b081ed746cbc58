import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-NODE-035.js';
import { grantYaml } from './testFixtures.js';

const get = grantYaml({ rules: [{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }] });
const star = grantYaml({ rules: [{ apiGroups: [''], resources: ['*'], verbs: ['get', 'list'] }] });

ruleTester(rule, {
  valid: [
    {
      name: 'nodes only',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['nodes', 'nodes/stats'], verbs: ['get'] }] })
        .yaml,
    },
    {
      name: 'through a RoleBinding (cluster-scoped resource)',
      yaml: grantYaml({
        namespace: 'mon',
        rules: [{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }],
      }).yaml,
    },
  ],
  invalid: [
    {
      name: 'get nodes/proxy is enough',
      yaml: get.yaml,
      errors: [{ line: get.line, resource: get.resource, message: /kubelet API/ }],
    },
    { name: 'resources * includes nodes/proxy', yaml: star.yaml, errors: [{ line: star.line }] },
  ],
});
