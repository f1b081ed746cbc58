import { defineRule } from '../defineRule.js';

export default defineRule({
  id: 'WL-NS-defaultNamespace',
  title: 'Object placed in the default namespace',
  description:
    'Namespaces are the unit of isolation in AKS: RBAC, network policies, Pod Security levels and quotas are set per namespace. The `default` namespace usually has none of them and is shared by everything nobody placed elsewhere. Give each application its own namespace. (Objects that name no namespace are not reported: they land where `kubectl apply -n` sends them.)',
  severity: 'low',
  family: 'workload',
  inputs: {
    kubernetes: [
      'Pod',
      'PodTemplate',
      'ReplicationController',
      'Service',
      'ServiceAccount',
      'Secret',
      'ConfigMap',
      'Deployment',
      'StatefulSet',
      'DaemonSet',
      'ReplicaSet',
      'Job',
      'CronJob',
      'NetworkPolicy',
      'Ingress',
      'Role',
      'RoleBinding',
    ],
  },
  seed: true,
  refs: ['Azure Policy BlockDefaultNamespace', 'Trivy KSV-0110', 'kubescape C-0061'],
  fix: { manifest: 'Create a namespace for the application and set metadata.namespace.' },
  check(context) {
    for (const object of context.inventory.objects) {
      if (object.metadata.namespace !== 'default') continue;
      context.report({
        object,
        path: ['metadata', 'namespace'],
        message: `${object.kind} ${object.metadata.name} is placed in the default namespace`,
      });
    }
  },
});
