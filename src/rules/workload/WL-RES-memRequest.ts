import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { missingResourceCheck } from './lib/resources.js';

export default defineRule({
  id: 'WL-RES-memRequest',
  title: 'Memory request not set',
  description:
    'Without a memory request the scheduler can pack the pod onto a node that cannot hold it; under memory pressure the kubelet evicts pods without requests first.',
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Trivy KSV-0016',
    'kubescape C-0269',
    'Polaris memoryRequestsMissing',
    'Azure Policy ContainerResourceRequests',
  ],
  fix: { manifest: 'Set `resources.requests.memory` (for example `128Mi`) from observed usage.' },
  check: missingResourceCheck('requests', 'memory'),
});
