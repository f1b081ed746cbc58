import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-IMG-latestOrUntagged.js';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: d, namespace: n }
spec:
  template:
    spec:
      containers:
        - name: c
          image: ${image}
`;

ruleTester(rule, {
  valid: [
    { yaml: deployment('x.azurecr.io/a:1.0') },
    {
      name: 'digest without tag',
      yaml: deployment(
        'x.azurecr.io/a@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      ),
    },
    { name: 'registry with a port', yaml: deployment('localhost:5000/a:2') },
  ],
  invalid: [
    { yaml: deployment('x.azurecr.io/a:latest'), errors: [{ line: 9, message: /uses the latest tag/ }] },
    { yaml: deployment('localhost:5000/a'), errors: [{ line: 9, message: /has no tag/ }] },
  ],
});
