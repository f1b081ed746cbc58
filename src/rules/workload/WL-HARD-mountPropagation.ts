import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-HARD-mountPropagation',
  title: 'Bidirectional mount propagation',
  description:
    "With `mountPropagation: Bidirectional` the mounts a container makes under that volume propagate back to the node and to every other pod using the same host path. The kubelet only allows it in privileged containers; outside storage drivers it is a way to tamper with the node's mount table.",
  severity: 'medium',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Monokle KBP115'],
  fix: {
    manifest:
      'Remove `mountPropagation` (or use `HostToContainer` when the container only needs to see new node mounts).',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        const mounts = Array.isArray(ref.container.volumeMounts) ? ref.container.volumeMounts : [];
        mounts.forEach((mount, index) => {
          if (!isPlainObject(mount) || mount.mountPropagation !== 'Bidirectional') return;
          context.report({
            object: template.owner,
            path: [...ref.path, 'volumeMounts', index, 'mountPropagation'],
            key: `${ref.name}/${String(mount.name)}`,
            message: `${workloadName(template)}, ${describeContainer(ref)}: volume ${JSON.stringify(mount.name)} is mounted with Bidirectional propagation`,
            evidence: { container: ref.name, volume: mount.name },
          });
        });
      }
    }
  },
});
