import { targetsWindows } from '../../model/podOs.js';
import { defineRule } from '../defineRule.js';
import { WORKLOADS_IN_NAMESPACES } from '../inputs.js';
import { workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-HARD-userNamespaces',
  title: "Pod shares the node's user namespace",
  description:
    'With `hostUsers: false` a pod gets its own user namespace: root in the container maps to an unprivileged user on the node, so a container escape no longer yields node root (KEP-127). Pod Security relaxes runAsNonRoot, runAsUser and the baseline procMount check for such pods from v1.35. It needs a Kubernetes version and node image that support user namespaces (AKS with Kubernetes 1.33+ on Azure Linux 3 or Ubuntu 24.04).',
  severity: 'info',
  family: 'workload',
  inputs: WORKLOADS_IN_NAMESPACES,
  refs: ['KEP-127', 'kubesec HostUsers'],
  fix: {
    manifest: 'Set `spec.hostUsers: false` in the pod template once the node pools support user namespaces.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      // A Linux-only setting: the API refuses it on Windows pods (model/podOs.ts).
      if (targetsWindows(template.spec)) continue;
      if (template.spec.hostUsers === false) continue;
      // Pods on the host network or PID namespace cannot use a user namespace.
      if (
        template.spec.hostNetwork === true ||
        template.spec.hostPID === true ||
        template.spec.hostIPC === true
      )
        continue;
      context.report({
        object: template.owner,
        path: [...template.specPath, 'hostUsers'],
        message: `${workloadName(template)}: does not use a user namespace (hostUsers: false); container root is node root`,
      });
    }
  },
});
