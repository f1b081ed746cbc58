import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('runAsUser', {
  title: 'Container runs as UID 0',
  description:
    '`runAsUser: 0` runs the process as root whatever the image says. Pod Security restricted forbids it (from policy v1.23) on the pod and on every container; from v1.35 pods with their own user namespace (`hostUsers: false`) are exempt.',
  severity: 'medium',
  fix: {
    manifest:
      "Set `runAsUser` to a non-zero UID (above 10000 to stay clear of node users), or remove it and rely on the image's non-root user.",
  },
});
