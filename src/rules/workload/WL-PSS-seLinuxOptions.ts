import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('seLinuxOptions', {
  title: 'Custom SELinux options',
  description:
    'A custom SELinux type such as `spc_t` ("super privileged container") or a custom user or role lifts SELinux confinement on nodes that enforce it. Pod Security baseline allows only the container types (container_t, container_init_t, container_kvm_t, and container_engine_t from v1.31) and no user or role.',
  severity: 'medium',
  fix: { manifest: 'Remove `seLinuxOptions`, or keep only an allowed `type`.' },
});
