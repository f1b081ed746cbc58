import { runsToCompletion } from '../../model/workloadKinds.js';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-PRB-readiness',
  title: 'Readiness probe missing',
  description:
    'Without a readiness probe a container receives Service traffic as soon as it starts, before it can answer, and keeps receiving it when it stops being able to. Rollouts then drop requests, and AKS Deployment safeguards flag the workload.',
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Polaris readinessProbeMissing',
    'kubescape C-0018',
    'kube-score pod-probes',
    'Azure Policy ContainerEnforceProbes',
  ],
  fix: { manifest: 'Add `readinessProbe` (httpGet on a health endpoint, or tcpSocket on the serving port).' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      // Run-to-completion kinds (Job, CronJob, ScaledJob): probes make little sense there.
      if (runsToCompletion(template.owner.kind, template.owner.group)) continue;
      for (const ref of template.containers) {
        // Init and ephemeral containers cannot have readiness probes.
        if (ref.kind !== 'containers' || ref.container.readinessProbe != null) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'readinessProbe'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: no readinessProbe`,
          evidence: { container: ref.name },
        });
      }
    }
  },
});
