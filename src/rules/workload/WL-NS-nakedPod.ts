import { defineRule } from '../defineRule.js';

export default defineRule({
  id: 'WL-NS-nakedPod',
  title: 'Bare Pod without a controller',
  description:
    'A Pod created directly is not rescheduled when its node fails, is not replaced after a node image upgrade or Kured reboot, and escapes the rollout history of a Deployment. Run workloads through a Deployment, StatefulSet, DaemonSet or Job.',
  severity: 'low',
  family: 'workload',
  inputs: { kubernetes: ['Pod'] },
  refs: ['Azure Policy BlockNakedPods', 'kubescape C-0073'],
  fix: { manifest: 'Wrap the pod spec in a Deployment (or a Job for run-to-completion work).' },
  check(context) {
    for (const pod of context.inventory.byKind.get('Pod') ?? []) {
      if (pod.group !== '') continue;
      const owners = (pod.raw.metadata as Record<string, unknown> | undefined)?.ownerReferences;
      if (Array.isArray(owners) && owners.length > 0) continue;
      context.report({
        object: pod,
        message: `Pod ${pod.namespace}/${pod.metadata.name} is created directly, with no controller to replace it`,
      });
    }
  },
});
