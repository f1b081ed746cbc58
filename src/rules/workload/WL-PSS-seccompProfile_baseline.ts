import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('seccompProfile_baseline', {
  title: 'Seccomp disabled',
  description:
    'A seccomp profile filters the system calls a container may make; `Unconfined` opens the whole kernel API to a compromised process. Pod Security baseline forbids an explicit Unconfined profile (the pre-v1.19 policies read the alpha seccomp annotations instead). Restricted replaces this check with `seccompProfile_restricted`.',
  severity: 'medium',
  fix: { manifest: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod.' },
});
