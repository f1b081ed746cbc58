import { INTERNAL_LB_ANNOTATION, isPublicLoadBalancer } from '../../model/azureLoadBalancer.js';
import { defineRule } from '../defineRule.js';

export default defineRule({
  id: 'WL-NET-publicLoadBalancer',
  title: 'Service exposed on a public load balancer',
  description:
    'On AKS a Service of type LoadBalancer gets a public IP on the cluster`s Azure load balancer unless it carries `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`. Anything on the Internet can then reach the pods, with no WAF in front. Expose workloads through an internal load balancer, and publish what must be public through Application Gateway (WAF) or Front Door.',
  severity: 'high',
  family: 'workload',
  inputs: { kubernetes: ['Service'] },
  seed: true,
  refs: ['Azure Policy "Kubernetes clusters should use internal load balancers"', 'kubescape C-0245'],
  fix: {
    manifest:
      'metadata.annotations: service.beta.kubernetes.io/azure-load-balancer-internal: "true" (and put Application Gateway WAF or Front Door in front of what must be public).',
  },
  check(context) {
    for (const service of context.inventory.byKind.get('Service') ?? []) {
      if (!isPublicLoadBalancer(service)) continue;
      const spec = service.raw.spec as Record<string, unknown>;
      const annotation = service.metadata.annotations[INTERNAL_LB_ANNOTATION];
      const sourceRanges = Array.isArray(spec.loadBalancerSourceRanges)
        ? (spec.loadBalancerSourceRanges as unknown[]).map(String)
        : [];
      const restricted =
        sourceRanges.length > 0 && !sourceRanges.some((range) => /^(0\.0\.0\.0|::)\/0$/.test(range.trim()));
      const annotationNote =
        annotation === undefined
          ? 'without the azure-load-balancer-internal annotation'
          : `with azure-load-balancer-internal: "${annotation}" (only "true" makes it internal)`;
      context.report({
        object: service,
        path: ['spec', 'type'],
        severity: restricted ? 'medium' : 'high',
        message: restricted
          ? `Service ${service.namespace}/${service.metadata.name} has type LoadBalancer ${annotationNote}: it gets a public IP, reachable from ${sourceRanges.join(', ')}`
          : `Service ${service.namespace}/${service.metadata.name} has type LoadBalancer ${annotationNote}: it gets a public IP reachable from the whole Internet`,
        evidence: { annotation: annotation ?? null, loadBalancerSourceRanges: sourceRanges },
      });
    }
  },
});
