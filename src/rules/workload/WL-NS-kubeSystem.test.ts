import { ruleTester } from '../testing/ruleTester.js';
import rule from './WL-NS-kubeSystem.js';

ruleTester(rule, {
  valid: [
    {
      name: 'the add-ons AKS deploys and reconciles there (as a live read shows them)',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
  labels: { k8s-app: kube-dns, kubernetes.azure.com/managedby: aks, addonmanager.kubernetes.io/mode: Reconcile }
spec:
  template:
    spec:
      containers: [{ name: coredns, image: mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.12.1-2 }]
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-proxy
  namespace: kube-system
  labels: { component: kube-proxy, addonmanager.kubernetes.io/mode: Reconcile }
spec:
  template:
    spec:
      containers: [{ name: kube-proxy, image: mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.33.2 }]
`,
    },
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
