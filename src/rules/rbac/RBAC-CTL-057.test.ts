import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-057.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['delete'] }],
});
const good = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['delete'] }],
});

// prometheus-adapter's role (kube-prometheus): every verb on every custom metric. The metrics APIs serve get and
// list only, so nothing can be deleted through it.
const metrics = grantYaml({
  rules: [{ apiGroups: ['custom.metrics.k8s.io'], resources: ['*'], verbs: ['*'] }],
});
const core = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['*'], verbs: ['*'] }],
});

ruleTester(rule, {
  valid: [
    { name: 'a harmless grant', yaml: good.yaml },
    { name: 'a wildcard on a read-only metrics API serves no delete', yaml: metrics.yaml },
  ],
  invalid: [
    {
      name: 'a wildcard on the core group deletes core resources, said so',
      yaml: core.yaml,
      errors: [
        {
          line: core.line,
          message:
            /delete any resource in the core group \(pods, Secrets, ConfigMaps[^)]*\) in namespace shop/,
        },
      ],
    },
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [{ line: bad.line, resource: bad.resource, message: /delete any resource in namespace shop/ }],
    },
  ],
});
