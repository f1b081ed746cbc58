import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { parseImage, registryMatcher } from './lib/images.js';
import { describeContainer, workloadName } from './lib/pods.js';

export const DEFAULT_ALLOWED_REGISTRIES = ['*.azurecr.io', 'mcr.microsoft.com'];

export default defineRule({
  id: 'WL-IMG-untrustedRegistry',
  title: 'Image pulled from a registry outside the allow-list',
  description:
    'Zero trust extends to what runs: images should come from registries you control and scan, typically your Azure Container Registry (attached to the cluster`s kubelet identity) and Microsoft`s mcr.microsoft.com. Images from public registries can change under the same tag, carry unscanned vulnerabilities, or be typo-squatted.',
  severity: 'high',
  family: 'workload',
  inputs: WORKLOADS,
  seed: true,
  refs: ['Azure Policy ContainerAllowedImages', 'Trivy KSV-0125', 'kubescape C-0078'],
  params: {
    allowedRegistries: {
      default: DEFAULT_ALLOWED_REGISTRIES,
      description:
        'Registry patterns: `*.azurecr.io` (any subdomain), `mcr.microsoft.com`, or a registry with a path prefix such as `ghcr.io/my-org`.',
    },
  },
  fix: {
    manifest:
      'Import the image into your ACR (az acr import) and reference it as <registry>.azurecr.io/<repository>:<tag>.',
  },
  check(context) {
    const allowed = (context.params.allowedRegistries as string[] | undefined) ?? DEFAULT_ALLOWED_REGISTRIES;
    const registryAllowed = registryMatcher(allowed);
    const allowedList = allowed.join(', ');
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        if (typeof ref.container.image !== 'string') continue;
        const image = parseImage(ref.container.image);
        if (registryAllowed(image)) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'image'],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: image ${ref.container.image} comes from ${image.registry}, which is not an allowed registry (${allowedList})`,
          evidence: { image: ref.container.image, registry: image.registry, allowedRegistries: allowed },
        });
      }
    }
  },
});
