import { targetsWindows } from '../../model/podOs.js';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

const FIELDS = ['runAsUser', 'runAsGroup'] as const;

export default defineRule({
  id: 'WL-HARD-highUidGid',
  title: 'UID or GID that may collide with node users',
  description:
    "IDs up to 10000 are used by node accounts and system services. A container process that escapes with such a UID or GID gets that node user's files; an ID above 10000 owns nothing on the node. Only explicit values are judged: an image's own user cannot be seen from the manifest.",
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Trivy KSV-0020',
    'Trivy KSV-0021',
    'kube-score container-security-context-user-group-id',
    'kubesec RunAsUser',
  ],
  fix: {
    manifest:
      'Set `runAsUser` and `runAsGroup` above 10000 (for example 10001) and build the image for that user.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      // A Linux-only setting: the API refuses it on Windows pods (model/podOs.ts).
      if (targetsWindows(template.spec)) continue;
      const pod = isPlainObject(template.spec.securityContext) ? template.spec.securityContext : {};
      for (const ref of template.containers) {
        const own = isPlainObject(ref.container.securityContext) ? ref.container.securityContext : {};
        for (const field of FIELDS) {
          // The container's value wins over the pod's (PodSecurityContext precedence).
          const fromContainer = typeof own[field] === 'number';
          const value = fromContainer ? own[field] : pod[field];
          // 0 is root: WL-PSS-runAsUser and WL-HARD-rootGroup report it.
          if (typeof value !== 'number' || value === 0 || value > 10000) continue;
          context.report({
            object: template.owner,
            path: fromContainer
              ? [...ref.path, 'securityContext', field]
              : [...template.specPath, 'securityContext', field],
            key: `${ref.name}/${field}`,
            message: `${workloadName(template)}, ${describeContainer(ref)}: ${field} ${value} is not above 10000`,
            evidence: { container: ref.name, field, value },
          });
        }
      }
    }
  },
});
