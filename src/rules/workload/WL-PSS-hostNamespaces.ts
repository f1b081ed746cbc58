import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('hostNamespaces', {
  title: "Pod shares the host's network, PID or IPC namespace",
  description:
    "With `hostNetwork`, `hostPID` or `hostIPC` a pod sees the node's network interfaces (and the IMDS endpoint without any NetworkPolicy applying), every process on the node, or its shared memory. Pod Security baseline requires all three to be unset or false.",
  severity: 'high',
  fix: {
    manifest:
      'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec; expose ports through a Service instead.',
  },
});
