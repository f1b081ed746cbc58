import { pssCheckRule } from './pssCheckRule.js';

/** Capabilities worth a high severity: each is a known container escape or traffic-spoofing vector. */
const DANGEROUS = new Set(['ALL', 'NET_RAW', 'SYS_ADMIN', 'SYS_MODULE']);

export default pssCheckRule('capabilities_baseline', {
  title: 'Capability beyond the default set',
  description:
    "Capabilities outside the container runtime's default set (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, NET_RAW...) give a container kernel powers that break isolation: mounting filesystems, tracing other processes, crafting packets to spoof traffic. Pod Security baseline allows adding only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT. Restricted replaces this check with `capabilities_restricted`.",
  severity: 'medium',
  fix: {
    manifest:
      'Remove the capability from `securityContext.capabilities.add`; drop ALL and add back only what the process needs.',
  },
  severityOf: (value) => (typeof value === 'string' && DANGEROUS.has(value) ? 'high' : undefined),
});
