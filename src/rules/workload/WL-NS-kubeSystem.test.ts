import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NS-kubeSystem.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a ConfigMap in kube-system is not a workload',
      yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: coredns-custom, namespace: kube-system }\n`,
    },
  ],
  invalid: [
    {
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-shipper
  namespace: kube-system
spec:
  template:
    spec:
      containers: [{ name: s, image: x.azurecr.io/s:1 }]
`,
      errors: [{ line: 5, resource: 'DaemonSet kube-system/log-shipper' }],
    },
  ],
});
