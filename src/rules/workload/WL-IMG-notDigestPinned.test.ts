import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-IMG-notDigestPinned.js';

ruleTester(rule, {
  valid: [
    {
      yaml: `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: c
      image: x.azurecr.io/a:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers:
    - name: i
      image: x.azurecr.io/init:1
  containers:
    - name: c
      image: x.azurecr.io/a:1
`,
      errors: [
        { line: 7, message: /init container "i": image x\.azurecr\.io\/init:1 is referenced by tag/ },
        { line: 10, message: /container "c"/ },
      ],
    },
  ],
});
