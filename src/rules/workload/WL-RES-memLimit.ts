import { defineRule } from '../defineRule.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-RES-memLimit',
  title: 'Memory limit not set',
  description:
    "Without a memory limit a leaking or compromised container can take all the node's memory and get other pods evicted or OOM-killed: a denial of service on every workload sharing the node.",
  severity: 'low',
  family: 'workload',
  refs: [
    'Trivy KSV-0018',
    'kubescape C-0271',
    'Polaris memoryLimitsMissing',
    'Azure Policy ContainerResourceLimits',
  ],
  fix: { manifest: 'Set `resources.limits.memory` (usually equal to the request).' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        // Ephemeral containers take no resources.
        if (ref.kind === 'ephemeralContainers') continue;
        const resources = isPlainObject(ref.container.resources) ? ref.container.resources : {};
        const limits = isPlainObject(resources.limits) ? resources.limits : {};
        if (limits.memory !== undefined && limits.memory !== null) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'resources', 'limits', 'memory'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: resources.limits.memory is not set`,
          evidence: { container: ref.name },
        });
      }
    }
  },
});
