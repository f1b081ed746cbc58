import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { missingResourceCheck } from './lib/resources.js';

export default defineRule({
  id: 'WL-RES-cpuRequest',
  title: 'CPU request not set',
  description:
    'Without a CPU request the scheduler places the pod as if it needed no CPU: nodes get overcommitted, and under contention the container is throttled first. Requests are also what the cluster autoscaler and AKS Deployment safeguards read.',
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Trivy KSV-0015',
    'kubescape C-0268',
    'Polaris cpuRequestsMissing',
    'Azure Policy ContainerResourceRequests',
  ],
  fix: { manifest: 'Set `resources.requests.cpu` (for example `100m`) from observed usage.' },
  check: missingResourceCheck('requests', 'cpu'),
});
