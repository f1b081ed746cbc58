import { targetsWindows } from '../../model/podOs.js';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-HARD-rootGroup',
  title: 'Process runs with the root group',
  description:
    "GID 0 (as `runAsGroup`, in `supplementalGroups` or as `fsGroup`) gives the process the root group's access to files on mounted volumes and, after an escape, on the node, even when the user is not root.",
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Trivy KSV-0116', 'Azure Policy AllowedUsersGroups', 'kube-linter run-as-non-root'],
  fix: { manifest: 'Set `runAsGroup`, `fsGroup` and `supplementalGroups` to non-zero GIDs (above 10000).' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      // A Linux-only setting: the API refuses it on Windows pods (model/podOs.ts).
      if (targetsWindows(template.spec)) continue;
      const pod = isPlainObject(template.spec.securityContext) ? template.spec.securityContext : {};
      const podPath = [...template.specPath, 'securityContext'];
      if (pod.fsGroup === 0) {
        context.report({
          object: template.owner,
          path: [...podPath, 'fsGroup'],
          key: 'fsGroup',
          message: `${workloadName(template)}: fsGroup is 0, volumes are owned by the root group`,
        });
      }
      const supplemental = Array.isArray(pod.supplementalGroups) ? pod.supplementalGroups : [];
      const rootIndex = supplemental.indexOf(0);
      if (rootIndex >= 0) {
        context.report({
          object: template.owner,
          path: [...podPath, 'supplementalGroups', rootIndex],
          key: 'supplementalGroups',
          message: `${workloadName(template)}: supplementalGroups includes the root group 0`,
        });
      }
      for (const ref of template.containers) {
        const own = isPlainObject(ref.container.securityContext) ? ref.container.securityContext : {};
        const fromContainer = typeof own.runAsGroup === 'number';
        const value = fromContainer ? own.runAsGroup : pod.runAsGroup;
        if (value !== 0) continue;
        context.report({
          object: template.owner,
          path: fromContainer ? [...ref.path, 'securityContext', 'runAsGroup'] : [...podPath, 'runAsGroup'],
          key: `${ref.name}/runAsGroup`,
          message: `${workloadName(template)}, ${describeContainer(ref)}: runs with group 0 (runAsGroup)`,
          evidence: { container: ref.name },
        });
      }
    }
  },
});
