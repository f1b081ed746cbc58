import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { missingResourceCheck } from './lib/resources.js';

export default defineRule({
  id: 'WL-RES-memLimit',
  title: 'Memory limit not set',
  description:
    "Without a memory limit a leaking or compromised container can take all the node's memory and get other pods evicted or OOM-killed: a denial of service on every workload sharing the node.",
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Trivy KSV-0018',
    'kubescape C-0271',
    'Polaris memoryLimitsMissing',
    'Azure Policy ContainerResourceLimits',
  ],
  fix: { manifest: 'Set `resources.limits.memory` (usually equal to the request).' },
  check: missingResourceCheck('limits', 'memory'),
});
