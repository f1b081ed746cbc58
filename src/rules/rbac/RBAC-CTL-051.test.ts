import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-CTL-051.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  rules: [
    {
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['validatingadmissionpolicybindings'],
      verbs: ['delete'],
    },
  ],
});
const good = grantYaml({
  rules: [
    {
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['validatingadmissionpolicies'],
      verbs: ['get'],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: 'a harmless grant', yaml: good.yaml }],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [{ line: bad.line, resource: bad.resource, message: /write admission policies cluster-wide/ }],
    },
  ],
});
