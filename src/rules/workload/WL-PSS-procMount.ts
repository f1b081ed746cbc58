import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('procMount', {
  title: 'Unmasked /proc',
  description:
    '`procMount: Unmasked` exposes the parts of /proc the runtime normally masks (kernel keys, timers, sysrq), information and controls that belong to the node. Pod Security baseline requires the Default proc mount, except, from policy v1.35, in pods with their own user namespace (`hostUsers: false`). Restricted replaces this check with `procMount_restricted`.',
  severity: 'medium',
  fix: { manifest: 'Remove `securityContext.procMount` (or set it to `Default`).' },
});
