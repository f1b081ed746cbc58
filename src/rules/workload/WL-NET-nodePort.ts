import { defineRule } from '../defineRule.js';

export default defineRule({
  id: 'WL-NET-nodePort',
  title: 'Service opens a port on every node',
  description:
    'A NodePort Service listens on a port of every node, bypassing ingress controllers and load balancer rules; on pools with node public IPs it is reachable from the Internet. Use ClusterIP behind an ingress or an internal load balancer.',
  severity: 'medium',
  family: 'workload',
  inputs: { kubernetes: ['Service'] },
  refs: ['kube-score service-type', 'kube-linter exposed-services', 'kubescape C-0256'],
  fix: { manifest: 'Use type: ClusterIP behind an ingress controller, or an internal LoadBalancer.' },
  check(context) {
    for (const service of context.inventory.byKind.get('Service') ?? []) {
      const spec = service.raw.spec as Record<string, unknown> | undefined;
      if (spec?.type !== 'NodePort') continue;
      const ports = Array.isArray(spec.ports)
        ? (spec.ports as Record<string, unknown>[])
            .map((port) => port?.nodePort)
            .filter((port) => port !== undefined)
        : [];
      context.report({
        object: service,
        path: ['spec', 'type'],
        message: `Service ${service.namespace}/${service.metadata.name} has type NodePort: it listens on ${ports.length > 0 ? `port(s) ${ports.join(', ')}` : 'an allocated port'} of every node`,
        evidence: { nodePorts: ports },
      });
    }
  },
});
