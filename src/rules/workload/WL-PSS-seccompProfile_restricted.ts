import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('seccompProfile_restricted', {
  title: 'Seccomp profile not set',
  description:
    'Pod Security restricted requires a seccomp profile, RuntimeDefault or Localhost, on the pod or on every container (from v1.19; Windows pods exempt from v1.25), so that a compromised process cannot reach the rarely used system calls where kernel exploits live.',
  severity: 'low',
  fix: { manifest: 'Set `spec.securityContext.seccompProfile.type: RuntimeDefault`.' },
});
