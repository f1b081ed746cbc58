import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('sysctls', {
  title: 'Unsafe sysctl',
  description:
    'Sysctls outside the namespaced, node-isolated "safe" set change kernel settings for the whole node and every pod on it. Pod Security baseline allows only the safe list of its version (it grew at v1.27, v1.29, v1.32 and v1.37).',
  severity: 'medium',
  fix: {
    manifest:
      'Remove the sysctl from `spec.securityContext.sysctls`, or tune it on the node pool (AKS custom node configuration, `linuxOSConfig.sysctls`).',
  },
});
