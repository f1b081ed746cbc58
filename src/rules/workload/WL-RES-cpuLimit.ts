import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { missingResourceCheck } from './lib/resources.js';

export default defineRule({
  id: 'WL-RES-cpuLimit',
  title: 'CPU limit not set',
  description:
    'Without a CPU limit a container can use every idle core of its node. That is often intended (CPU limits cause throttling), but a limit bounds the damage of a runaway or cryptomining process and is required by AKS Deployment safeguards and Azure Policy ContainerResourceLimits.',
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Trivy KSV-0011',
    'kubescape C-0270',
    'Polaris cpuLimitsMissing',
    'Azure Policy ContainerResourceLimits',
  ],
  fix: {
    manifest:
      'Set `resources.limits.cpu`, or accept the finding where throttling matters more than containment.',
  },
  check: missingResourceCheck('limits', 'cpu'),
});
