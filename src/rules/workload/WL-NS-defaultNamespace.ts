import { defineRule } from '../defineRule.js';

const GOVERNING = new Set([
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/RoleBinding',
  'networking.k8s.io/NetworkPolicy',
  '/ResourceQuota',
  '/LimitRange',
]);

export default defineRule({
  id: 'WL-NS-defaultNamespace',
  title: 'Object placed in the default namespace',
  description:
    'Namespaces are the unit of isolation in AKS: RBAC, network policies, Pod Security levels and quotas are set per namespace. The `default` namespace usually has none of them and is shared by everything nobody placed elsewhere. Give each application its own namespace. (Objects that name no namespace are not reported: they land where `kubectl apply -n` sends them; neither are Roles, RoleBindings, NetworkPolicies, ResourceQuotas and LimitRanges, which govern the namespace they sit in.)',
  severity: 'low',
  family: 'workload',
  seed: true,
  refs: ['Azure Policy BlockDefaultNamespace', 'Trivy KSV-0110', 'kubescape C-0061'],
  fix: { manifest: 'Create a namespace for the application and set metadata.namespace.' },
  check(context) {
    for (const object of context.inventory.objects) {
      if (object.metadata.namespace !== 'default') continue;
      // Objects that govern the namespace they sit in (a Role granting access to `default`, its policy or quota)
      // can only live there: kube-prometheus binds Prometheus to read its targets in `default` this way.
      if (GOVERNING.has(`${object.group}/${object.kind}`)) continue;
      context.report({
        object,
        path: ['metadata', 'namespace'],
        message: `${object.kind} ${object.metadata.name} is placed in the default namespace`,
      });
    }
  },
});
