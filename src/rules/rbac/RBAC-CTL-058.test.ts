import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-058.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'kube-system',
  rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['patch'] }],
});
const good = grantYaml({
  namespace: 'kube-system',
  rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [
        { line: bad.line, resource: bad.resource, message: /write ConfigMaps .* in namespace kube-system/ },
      ],
    },
  ],
});
