import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-054.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  rules: [
    { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['create'] },
  ],
});
const good = grantYaml({
  rules: [
    { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list'] },
  ],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [{ line: bad.line, resource: bad.resource, message: /write CustomResourceDefinitions/ }],
    },
  ],
});
