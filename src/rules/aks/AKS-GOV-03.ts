import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, requireTrue } from './support.js';

export default defineRule({
  id: 'AKS-GOV-03',
  title: 'Image Cleaner not enabled',
  description:
    'Unused images stay on nodes, including vulnerable ones that may be started again. Image Cleaner removes unused images with known vulnerabilities from nodes on a schedule.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Azure Policy af3c26b2'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-image-cleaner',
    terraform: 'image_cleaner_enabled = true; image_cleaner_interval_hours = 48',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      requireTrue(
        context,
        cluster,
        'securityProfile.imageCleaner.enabled',
        () => `cluster ${cluster.name} does not enable Image Cleaner`,
      );
    }
  },
});
