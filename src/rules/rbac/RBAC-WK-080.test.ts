import { ruleTester } from '../testing/ruleTester.js';
import rule from './RBAC-WK-080.js';
import { bindingYaml, lineOf } from './testFixtures.js';

const opsAdmin = bindingYaml(
  'ClusterRoleBinding',
  'ops-admin',
  'ClusterRole',
  'cluster-admin',
  '  - kind: ServiceAccount\n    name: ops\n    namespace: kube-system\n',
);
const daemonSet = (extra = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels: { app: agent }
  template:
    metadata:
      labels: { app: agent }
    spec:
      serviceAccountName: ops${extra}
      containers:
        - name: agent
          image: agent:1
---
${opsAdmin}`;
const deploymentViaPods = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ci
  namespace: ci
spec:
  selector:
    matchLabels: { app: ci }
  template:
    metadata:
      labels: { app: ci }
    spec:
      serviceAccountName: runner
      containers:
        - name: runner
          image: runner:1
---
${bindingYaml('RoleBinding', 'runner-pods', 'ClusterRole', 'edit', '  - kind: ServiceAccount\n    name: runner\n    namespace: ci\n', 'kube-system')}
---
${opsAdmin}`;

ruleTester(rule, {
  valid: [
    { name: 'token not mounted', yaml: daemonSet('\n      automountServiceAccountToken: false') },
    {
      name: 'a powerless ServiceAccount',
      yaml: daemonSet().replace(
        'name: ops\n    namespace: kube-system',
        'name: other\n    namespace: kube-system',
      ),
    },
  ],
  invalid: [
    {
      name: 'a DaemonSet whose ServiceAccount reads every Secret',
      yaml: daemonSet()
        .replace('name: cluster-admin', 'name: secret-reader')
        .concat(
          '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secret-reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list"]\n',
        ),
      errors: [
        {
          line: 13,
          message:
            'DaemonSet kube-system/agent runs as ServiceAccount kube-system/ops, which can read every Secret of the cluster (on every node) through ClusterRoleBinding ops-admin',
        },
      ],
    },
    {
      name: 'a DaemonSet running as a cluster-admin ServiceAccount',
      yaml: daemonSet(),
      errors: [
        {
          line: 13,
          resource: 'DaemonSet kube-system/agent',
          message: /reaches cluster-admin power in 1 step \(on every node\)/,
        },
      ],
    },
    {
      name: 'a Deployment whose ServiceAccount can create pods in kube-system',
      yaml: deploymentViaPods,
      errors: [
        {
          line: lineOf(deploymentViaPods, 'serviceAccountName'),
          message:
            /in 2 steps: \[create-pods\] create a pod in namespace kube-system running as the ServiceAccount → ServiceAccount:kube-system:ops/,
        },
      ],
    },
  ],
});
