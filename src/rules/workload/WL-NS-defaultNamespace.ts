import type { K8sObject } from '../../model/k8s.js';
import { defineRule } from '../defineRule.js';
import { NAMESPACED_KINDS } from '../inputs.js';

/**
 * Objects Kubernetes itself keeps in `default` of every cluster, which a live read or a `kubectl get -A` dump
 * shows: the API server's `kubernetes` Service, the ServiceAccount controller's `default` ServiceAccount and the
 * root-CA publisher's `kube-root-ca.crt` ConfigMap.
 */
function createdByPlatform(object: K8sObject): boolean {
  const name = object.metadata.name;
  if (object.group !== '') return false;
  return (
    (object.kind === 'Service' && name === 'kubernetes') ||
    (object.kind === 'ServiceAccount' && name === 'default') ||
    (object.kind === 'ConfigMap' && name === 'kube-root-ca.crt')
  );
}

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
    'Namespaces are the unit of isolation in AKS: RBAC, network policies, Pod Security levels and quotas are set per namespace. The `default` namespace usually has none of them and is shared by everything nobody placed elsewhere. Give each application its own namespace. (Objects that name no namespace are not reported: they land where `kubectl apply -n` sends them; neither are Roles, RoleBindings, NetworkPolicies, ResourceQuotas and LimitRanges, which govern the namespace they sit in, nor the objects Kubernetes itself keeps there: the `kubernetes` Service, the `default` ServiceAccount, the `kube-root-ca.crt` ConfigMap.)',
  severity: 'low',
  family: 'workload',
  inputs: { kubernetes: NAMESPACED_KINDS },
  seed: true,
  refs: ['Azure Policy BlockDefaultNamespace', 'Trivy KSV-0110', 'kubescape C-0061'],
  fix: { manifest: 'Create a namespace for the application and set metadata.namespace.' },
  check(context) {
    for (const object of context.inventory.objects) {
      if (object.metadata.namespace !== 'default' || createdByPlatform(object)) continue;
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
