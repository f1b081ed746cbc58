import { defineRule } from '../defineRule.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-RES-cpuLimit',
  title: 'CPU limit not set',
  description:
    'Without a CPU limit a container can use every idle core of its node. That is often intended (CPU limits cause throttling), but a limit bounds the damage of a runaway or cryptomining process and is required by AKS Deployment safeguards and Azure Policy ContainerResourceLimits.',
  severity: 'low',
  family: 'workload',
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
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        // Ephemeral containers take no resources.
        if (ref.kind === 'ephemeralContainers') continue;
        const resources = isPlainObject(ref.container.resources) ? ref.container.resources : {};
        const limits = isPlainObject(resources.limits) ? resources.limits : {};
        if (limits.cpu !== undefined && limits.cpu !== null) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'resources', 'limits', 'cpu'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: resources.limits.cpu is not set`,
          evidence: { container: ref.name },
        });
      }
    }
  },
});
