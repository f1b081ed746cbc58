import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

function isEmpty(value: unknown): boolean {
  return !isPlainObject(value) || Object.keys(value).length === 0;
}

export default defineRule({
  id: 'WL-HARD-emptySecurityContext',
  title: 'Container runs with no security context at all',
  description:
    "A container whose own `securityContext` and whose pod's `securityContext` are both absent or empty runs with every runtime default: as the image's user (often root), with the default capabilities, privilege escalation allowed and a writable root filesystem. It is the sign that nobody has looked at the workload's security settings.",
  severity: 'medium',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Trivy KSV-0118', 'kubescape C-0211', 'kube-score container-security-context'],
  fix: {
    manifest:
      'Add a pod `securityContext` (runAsNonRoot: true, seccompProfile RuntimeDefault) and a container `securityContext` (allowPrivilegeEscalation: false, capabilities.drop [ALL], readOnlyRootFilesystem: true).',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      if (!isEmpty(template.spec.securityContext)) continue;
      for (const ref of template.containers) {
        if (ref.kind === 'ephemeralContainers' || !isEmpty(ref.container.securityContext)) continue;
        context.report({
          object: template.owner,
          path: ref.path,
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: neither the container nor the pod sets a securityContext`,
          evidence: { container: ref.name },
        });
      }
    }
  },
});
