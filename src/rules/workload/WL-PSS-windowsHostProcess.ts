import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('windowsHostProcess', {
  title: 'Windows HostProcess container',
  description:
    "A Windows HostProcess container runs directly on the Windows node as a host process, with the node's network and file system: the Windows equivalent of a privileged container. Pod Security baseline forbids `windowsOptions.hostProcess: true`.",
  severity: 'high',
  fix: {
    manifest:
      'Remove `windowsOptions.hostProcess`; run node management through an AKS-managed component instead.',
  },
});
