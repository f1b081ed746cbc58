import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-SEC-040.js';
import { grantYaml } from './testFixtures.js';

const cluster = grantYaml({ rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }] });
const ns = grantYaml({
  namespace: 'shop',
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['tls'] }],
});
const baselineCsi = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: csi-azurefile-node-secret-role
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: csi-azurefile-node-secret-binding
subjects:
  - kind: ServiceAccount
    name: csi-azurefile-node-sa
    namespace: kube-system
roleRef:
  kind: ClusterRole
  name: csi-azurefile-node-secret-role
  apiGroup: rbac.authorization.k8s.io
`;

ruleTester(rule, {
  valid: [
    {
      name: 'configmaps only',
      yaml: grantYaml({ rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] }).yaml,
    },
    { name: 'the AKS CSI driver default binding is baseline', yaml: baselineCsi },
  ],
  invalid: [
    {
      name: 'list secrets cluster-wide',
      yaml: cluster.yaml,
      errors: [{ line: cluster.line, resource: cluster.resource, message: /read Secrets cluster-wide/ }],
    },
    {
      name: 'get one secret in a namespace',
      yaml: ns.yaml,
      errors: [{ line: ns.line, message: /read Secrets \(only tls\) in namespace shop/ }],
    },
    {
      name: 'the CSI binding with an extra subject is no longer baseline',
      yaml: baselineCsi.replace(
        '    namespace: kube-system\n',
        '    namespace: kube-system\n  - kind: User\n    name: mallory\n',
      ),
      errors: [{ line: 20 }],
    },
  ],
});
