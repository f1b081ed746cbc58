import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('allowPrivilegeEscalation', {
  title: 'Privilege escalation not disabled',
  description:
    'Unless `allowPrivilegeEscalation` is explicitly false, a process can gain more privileges than its parent (setuid binaries, file capabilities). Pod Security restricted requires it to be false on every container from policy v1.8; Windows pods are exempt from v1.25.',
  severity: 'medium',
  fix: {
    manifest:
      'Set `securityContext.allowPrivilegeEscalation: false` on every container, init container and ephemeral container.',
  },
});
