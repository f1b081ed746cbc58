import { defineRule } from '../defineRule.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-RES-memRequest',
  title: 'Memory request not set',
  description:
    'Without a memory request the scheduler can pack the pod onto a node that cannot hold it; under memory pressure the kubelet evicts pods without requests first.',
  severity: 'low',
  family: 'workload',
  refs: [
    'Trivy KSV-0016',
    'kubescape C-0269',
    'Polaris memoryRequestsMissing',
    'Azure Policy ContainerResourceRequests',
  ],
  fix: { manifest: 'Set `resources.requests.memory` (for example `128Mi`) from observed usage.' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        // Ephemeral containers take no resources.
        if (ref.kind === 'ephemeralContainers') continue;
        const resources = isPlainObject(ref.container.resources) ? ref.container.resources : {};
        const requests = isPlainObject(resources.requests) ? resources.requests : {};
        if (requests.memory !== undefined && requests.memory !== null) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'resources', 'requests', 'memory'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: resources.requests.memory is not set`,
          evidence: { container: ref.name },
        });
      }
    }
  },
});
