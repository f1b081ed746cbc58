import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-050.js';
import { grantYaml } from './testFixtures.js';

const hooks = grantYaml({
  rules: [
    {
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['mutatingwebhookconfigurations'],
      verbs: ['patch'],
    },
  ],
});

ruleTester(rule, {
  valid: [
    {
      name: 'read webhooks',
      yaml: grantYaml({
        rules: [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['*'], verbs: ['get', 'list'] }],
      }).yaml,
    },
  ],
  invalid: [
    {
      name: 'patch mutating webhooks',
      yaml: hooks.yaml,
      errors: [{ line: hooks.line, resource: hooks.resource, message: /admission webhook/ }],
    },
  ],
});
