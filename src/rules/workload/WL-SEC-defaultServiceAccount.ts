import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-SEC-defaultServiceAccount',
  title: 'Workload runs as the default ServiceAccount',
  description:
    'Every workload in a namespace that uses the `default` ServiceAccount shares one identity: a permission granted for one of them is granted to all, and RBAC and workload identity cannot tell them apart. Give each workload its own ServiceAccount.',
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['kube-linter default-service-account', 'kubescape C-0189'],
  fix: { manifest: 'Create a ServiceAccount for the workload and set spec.serviceAccountName.' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      const explicit = template.spec.serviceAccountName ?? template.spec.serviceAccount;
      if (typeof explicit === 'string' && explicit !== '' && explicit !== 'default') continue;
      const field = template.spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount';
      context.report({
        object: template.owner,
        path: explicit === undefined ? template.specPath : [...template.specPath, field],
        message:
          explicit === undefined
            ? `${workloadName(template)} sets no serviceAccountName, so it runs as the namespace's default ServiceAccount`
            : `${workloadName(template)} runs as the namespace's default ServiceAccount`,
      });
    }
  },
});
