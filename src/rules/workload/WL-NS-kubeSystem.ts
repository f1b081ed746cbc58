import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { workloadName } from './lib/pods.js';

/**
 * The add-ons AKS deploys and reconciles into kube-system (CoreDNS, konnectivity-agent, kube-proxy, CSI drivers,
 * ...) carry `kubernetes.azure.com/managedby: aks` or the add-on manager's `addonmanager.kubernetes.io/mode`: they
 * are the cluster's own components, where this rule wants them, and a live read shows them on every cluster.
 */
function managedByAks(labels: Record<string, string>): boolean {
  return (
    labels['kubernetes.azure.com/managedby'] === 'aks' ||
    labels['addonmanager.kubernetes.io/mode'] !== undefined
  );
}

export default defineRule({
  id: 'WL-NS-kubeSystem',
  title: 'Workload deployed into kube-system',
  description:
    'kube-system holds the cluster`s own components and the most powerful ServiceAccounts; AKS manages it and exempts it from most policies. A workload placed there runs next to those credentials, usually outside Pod Security enforcement and Azure Policy. Deploy applications and add-ons you own into their own namespaces. (The add-ons AKS itself deploys and reconciles there, labelled `kubernetes.azure.com/managedby: aks` or `addonmanager.kubernetes.io/mode`, are not reported.)',
  severity: 'medium',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Trivy KSV-0037'],
  fix: { manifest: 'Move the workload to a dedicated namespace.' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      if (template.owner.namespace !== 'kube-system' || managedByAks(template.owner.metadata.labels))
        continue;
      context.report({
        object: template.owner,
        path: ['metadata', 'namespace'],
        message: `${workloadName(template)} runs in kube-system, next to the cluster's own components`,
      });
    }
  },
});
