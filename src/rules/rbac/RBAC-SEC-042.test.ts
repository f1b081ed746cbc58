import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SEC-042.js';
import { grantYaml } from './testFixtures.js';

const bad = grantYaml({
  namespace: 'kube-system',
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }],
});
const good = grantYaml({
  namespace: 'kube-system',
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
});

// Argo CD's argocd-server: delete, get and patch on everything, cluster-wide. Patch cannot mint a token.
const patchOnly = grantYaml({
  rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['delete', 'get', 'patch'] }],
});

ruleTester(rule, {
  valid: [
    { name: 'a harmless grant', yaml: good.yaml },
    { name: 'patch and update of Secrets cannot create a token Secret', yaml: patchOnly.yaml },
  ],
  invalid: [
    {
      name: 'the dangerous grant',
      yaml: bad.yaml,
      errors: [
        { line: bad.line, resource: bad.resource, message: /create Secrets .* in namespace kube-system/ },
      ],
    },
  ],
});
