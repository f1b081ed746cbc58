import { runsToCompletion } from '../../model/workloadKinds.js';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-PRB-liveness',
  title: 'Liveness probe missing',
  description:
    'Without a liveness probe a container that hangs (deadlock, exhausted pool) keeps running and keeps its place, and nobody restarts it. Keep the probe cheap and independent of downstream services, or it will restart healthy containers.',
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Polaris livenessProbeMissing',
    'kubescape C-0056',
    'kube-score pod-probes',
    'Azure Policy ContainerEnforceProbes',
  ],
  fix: {
    manifest: 'Add `livenessProbe` (httpGet on a cheap health endpoint, with a generous failureThreshold).',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      // Run-to-completion kinds (Job, CronJob, ScaledJob): probes make little sense there.
      if (runsToCompletion(template.owner.kind, template.owner.group)) continue;
      for (const ref of template.containers) {
        // Init and ephemeral containers cannot have liveness probes.
        if (ref.kind !== 'containers' || ref.container.livenessProbe != null) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'livenessProbe'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: no livenessProbe`,
          evidence: { container: ref.name },
        });
      }
    }
  },
});
