import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NET-externalIPs.js';

ruleTester(rule, {
  valid: [{ yaml: `apiVersion: v1\nkind: Service\nmetadata: { name: a }\nspec:\n  externalIPs: []\n` }],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: Service
metadata: { name: mitm, namespace: x }
spec:
  externalIPs:
    - 8.8.8.8
---
apiVersion: v1
kind: Service
metadata: { name: alias, namespace: x }
spec:
  type: ExternalName
  externalName: internal.corp.example
`,
      errors: [
        { line: 5, resource: 'Service x/mitm', message: /claims external IPs 8\.8\.8\.8/ },
        { line: 13, resource: 'Service x/alias', message: /ExternalName alias for internal\.corp\.example/ },
      ],
    },
  ],
});
