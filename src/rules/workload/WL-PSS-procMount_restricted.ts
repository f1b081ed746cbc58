import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('procMount_restricted', {
  title: 'Unmasked /proc in a restricted namespace',
  description:
    'From policy v1.35 Pod Security baseline tolerates `procMount: Unmasked` in pods with their own user namespace (`hostUsers: false`); restricted does not: the proc mount must stay Default whatever the user namespace.',
  severity: 'medium',
  fix: { manifest: 'Remove `securityContext.procMount` (or set it to `Default`).' },
});
