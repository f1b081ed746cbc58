import { targetsWindows } from '../../model/podOs.js';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-HARD-readOnlyRootFs',
  title: 'Writable root filesystem',
  description:
    'A writable root filesystem lets an attacker who gets code execution drop tools, modify binaries or persist in the container. With `readOnlyRootFilesystem: true`, writes go only to the volumes you mount (emptyDir for scratch space), which is also easier to audit.',
  severity: 'medium',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Trivy KSV-0014',
    'kubescape C-0017',
    'Polaris notReadOnlyRootFilesystem',
    'Azure Policy ReadOnlyRootFileSystem',
  ],
  fix: {
    manifest:
      'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the process writes.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      // A Linux-only setting: the API refuses it on Windows pods (model/podOs.ts).
      if (targetsWindows(template.spec)) continue;
      for (const ref of template.containers) {
        if (ref.kind === 'ephemeralContainers') continue;
        const securityContext = isPlainObject(ref.container.securityContext)
          ? ref.container.securityContext
          : {};
        if (securityContext.readOnlyRootFilesystem === true) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'securityContext', 'readOnlyRootFilesystem'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: root filesystem is writable (securityContext.readOnlyRootFilesystem is not true)`,
          evidence: {
            container: ref.name,
            readOnlyRootFilesystem: securityContext.readOnlyRootFilesystem ?? null,
          },
        });
      }
    }
  },
});
