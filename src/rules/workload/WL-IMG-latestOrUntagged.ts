import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { parseImage } from './lib/images.js';
import { describeContainer, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-IMG-latestOrUntagged',
  title: 'Image uses the latest tag or no tag',
  description:
    'An untagged image means `:latest`, which points at whatever was pushed last: two nodes can run different code under one spec, a rollback does not roll back, and a compromised push is picked up on the next restart. Pin a version tag, or better a digest.',
  severity: 'medium',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Azure Policy ImagesDoNotUseLatest', 'Trivy KSV-0013', 'kube-linter latest-tag'],
  fix: {
    manifest: 'Reference an immutable version: image: <registry>/<repository>:<version>@sha256:<digest>.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        if (typeof ref.container.image !== 'string') continue;
        const image = parseImage(ref.container.image);
        if (image.digest) continue;
        if (image.tag !== undefined && image.tag !== 'latest') continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'image'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: image ${ref.container.image} ${image.tag === 'latest' ? 'uses the latest tag' : 'has no tag (so it means latest)'}`,
          evidence: { image: ref.container.image },
        });
      }
    }
  },
});
