import { defineRule } from '../defineRule.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-RES-cpuRequest',
  title: 'CPU request not set',
  description:
    'Without a CPU request the scheduler places the pod as if it needed no CPU: nodes get overcommitted, and under contention the container is throttled first. Requests are also what the cluster autoscaler and AKS Deployment safeguards read.',
  severity: 'low',
  family: 'workload',
  refs: [
    'Trivy KSV-0015',
    'kubescape C-0268',
    'Polaris cpuRequestsMissing',
    'Azure Policy ContainerResourceRequests',
  ],
  fix: { manifest: 'Set `resources.requests.cpu` (for example `100m`) from observed usage.' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        // Ephemeral containers take no resources.
        if (ref.kind === 'ephemeralContainers') continue;
        const resources = isPlainObject(ref.container.resources) ? ref.container.resources : {};
        const requests = isPlainObject(resources.requests) ? resources.requests : {};
        if (requests.cpu !== undefined && requests.cpu !== null) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'resources', 'requests', 'cpu'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: resources.requests.cpu is not set`,
          evidence: { container: ref.name },
        });
      }
    }
  },
});
