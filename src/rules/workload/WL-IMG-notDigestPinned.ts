import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { parseImage } from './lib/images.js';
import { describeContainer, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-IMG-notDigestPinned',
  title: 'Image not pinned to a digest',
  description:
    'A tag can be moved to another image by anyone who can push to the repository; a digest (`@sha256:...`) cannot. Pinning digests makes what runs exactly what was scanned and signed.',
  severity: 'info',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['kubescape C-0306'],
  fix: { manifest: 'Append the digest: image: <registry>/<repository>:<tag>@sha256:<digest>.' },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        if (typeof ref.container.image !== 'string') continue;
        if (parseImage(ref.container.image).digest) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'image'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: image ${ref.container.image} is referenced by tag, not by digest`,
          evidence: { image: ref.container.image },
        });
      }
    }
  },
});
