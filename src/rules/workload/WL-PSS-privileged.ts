import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('privileged', {
  title: 'Privileged container',
  description:
    "A privileged container runs with every capability and full access to the host's devices: escaping to the node is one mount away, and from the node to the kubelet's credentials and every pod on it. Pod Security baseline forbids `securityContext.privileged: true` for containers, init containers and ephemeral containers.",
  severity: 'high',
  fix: {
    manifest:
      'Remove `securityContext.privileged: true`; grant only the capability the workload really needs (within the baseline set).',
  },
});
