import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-HARD-sshPort',
  title: 'Container exposes SSH',
  description:
    'An SSH server in a container is a second, unaudited way in: it bypasses `kubectl exec` and its RBAC and audit log, and usually comes with long-lived keys or passwords baked into the image.',
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['kube-linter ssh-port', 'Monokle KBP110', 'kubescape C-0042'],
  fix: {
    manifest: 'Remove the SSH server and port 22; use `kubectl exec` or `kubectl debug`, governed by RBAC.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        const ports = Array.isArray(ref.container.ports) ? ref.container.ports : [];
        ports.forEach((port, index) => {
          if (!isPlainObject(port) || port.containerPort !== 22) return;
          context.report({
            object: template.owner,
            path: [...ref.path, 'ports', index, 'containerPort'],
            key: ref.name,
            message: `${workloadName(template)}, ${describeContainer(ref)}: exposes port 22 (SSH)`,
            evidence: { container: ref.name },
          });
        });
      }
    }
  },
});
