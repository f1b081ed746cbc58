import { targetsWindows } from '../../model/podOs.js';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-HARD-privilegedPorts',
  title: 'Container listens on a privileged port',
  description:
    'Binding a port below 1024 needs root or the NET_BIND_SERVICE capability, which is why such images tend to run as root. Listen on a high port in the container and map it with the Service `port`/`targetPort`.',
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Trivy KSV-0117', 'kube-linter privileged-ports', 'Monokle KBP113'],
  fix: {
    manifest:
      'Listen on a port above 1023 (e.g. 8080) and let the Service expose port 80 with `targetPort: 8080`.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      // A Linux-only setting: the API refuses it on Windows pods (model/podOs.ts).
      if (targetsWindows(template.spec)) continue;
      for (const ref of template.containers) {
        const ports = Array.isArray(ref.container.ports) ? ref.container.ports : [];
        ports.forEach((port, index) => {
          const number = isPlainObject(port) ? port.containerPort : undefined;
          if (typeof number !== 'number' || number <= 0 || number >= 1024) return;
          context.report({
            object: template.owner,
            path: [...ref.path, 'ports', index, 'containerPort'],
            key: `${ref.name}/${number}`,
            message: `${workloadName(template)}, ${describeContainer(ref)}: containerPort ${number} is a privileged port (below 1024)`,
            evidence: { container: ref.name, containerPort: number },
          });
        });
      }
    }
  },
});
