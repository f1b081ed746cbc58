import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NET-nodePort.js';

ruleTester(rule, {
  valid: [{ yaml: `apiVersion: v1\nkind: Service\nmetadata: { name: a }\nspec:\n  type: ClusterIP\n` }],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: Service
metadata: { name: debug, namespace: ops }
spec:
  type: NodePort
  ports: [{ port: 80, nodePort: 30080 }]
`,
      errors: [
        { line: 5, resource: 'Service ops/debug', message: /listens on port\(s\) 30080 of every node/ },
      ],
    },
  ],
});
