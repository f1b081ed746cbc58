import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('hostPorts', {
  title: 'Container binds a host port',
  description:
    "A `hostPort` opens the port on the node's own address, bypassing Services and most NetworkPolicy engines, and pins the pod to nodes where that port is free. Pod Security baseline requires every `hostPort` to be unset or 0.",
  severity: 'medium',
  fix: {
    manifest:
      'Remove `hostPort`; publish the port through a Service (ClusterIP behind an ingress, or an internal LoadBalancer).',
  },
});
