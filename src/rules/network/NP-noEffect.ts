import { formatSelector } from '../../model/labelSelector.js';
import { defineRule } from '../defineRule.js';
import { NETWORK } from '../inputs.js';
import { netpolOf } from './netpolContext.js';

export default defineRule({
  id: 'NP-noEffect',
  title: 'NetworkPolicy selects no workload',
  description:
    'A policy whose podSelector matches no pod in its namespace protects nothing: usually a label typo, or a policy left behind after an application was renamed. Reported only for namespaces whose workloads are among the inputs.',
  severity: 'low',
  family: 'network',
  inputs: NETWORK,
  fix: { manifest: 'Fix spec.podSelector to match the labels of the pods to protect, or delete the policy.' },
  check(context) {
    const analysis = netpolOf(context);
    const populated = new Set(analysis.workloads.map((w) => w.namespace));
    for (const policy of analysis.policies) {
      if (!populated.has(policy.namespace) || analysis.policySubjects(policy).length > 0) continue;
      context.report({
        object: policy.object,
        path: ['spec', 'podSelector'],
        message: `NetworkPolicy ${policy.namespace}/${policy.name} selects no workload in namespace ${policy.namespace} (podSelector ${formatSelector(policy.podSelector)})`,
        evidence: { podSelector: formatSelector(policy.podSelector) },
      });
    }
  },
});
