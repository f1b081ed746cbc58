import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-NS-kubeSystem',
  title: 'Workload deployed into kube-system',
  description:
    'kube-system holds the cluster`s own components and the most powerful ServiceAccounts; AKS manages it and exempts it from most policies. A workload placed there runs next to those credentials, usually outside Pod Security enforcement and Azure Policy. Deploy applications and add-ons you own into their own namespaces.',
  severity: 'medium',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Trivy KSV-0037'],
  fix: { manifest: 'Move the workload to a dedicated namespace.' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      if (template.owner.namespace !== 'kube-system') continue;
      context.report({
        object: template.owner,
        path: ['metadata', 'namespace'],
        message: `${workloadName(template)} runs in kube-system, next to the cluster's own components`,
      });
    }
  },
});
