import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('runAsNonRoot', {
  title: 'Containers may run as root',
  description:
    'Without `runAsNonRoot: true` (on the pod, or on every container) an image whose user is root runs as root, and any escape from the container lands as root on the node. Pod Security restricted requires it; from v1.35 pods with their own user namespace (`hostUsers: false`) are exempt.',
  severity: 'medium',
  fix: {
    manifest:
      'Set `spec.securityContext.runAsNonRoot: true` (and a non-zero `runAsUser` if the image has no non-root user).',
  },
});
