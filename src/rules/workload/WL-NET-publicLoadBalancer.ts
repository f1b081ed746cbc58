import {
  defaultControllerType,
  isNginxIngressController,
  nginxControllerClass,
  nginxControllerIsInternal,
} from '../../model/appRouting.js';
import { INTERNAL_LB_ANNOTATION, isPublicLoadBalancer } from '../../model/azureLoadBalancer.js';
import { clusterOfAllObjects } from '../../model/scope.js';
import { defineRule } from '../defineRule.js';
import { EXPOSURE_KINDS } from '../inputs.js';

export default defineRule({
  id: 'WL-NET-publicLoadBalancer',
  title: 'Service exposed on a public load balancer',
  description:
    'On AKS a Service of type LoadBalancer gets a public IP on the cluster`s Azure load balancer unless it carries `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`; so does the Service the application routing add-on creates for an `NginxIngressController` whose `loadBalancerAnnotations` lack it. Anything on the Internet can then reach the pods, with no WAF in front. Expose workloads through an internal load balancer, and publish what must be public through Application Gateway (WAF) or Front Door.',
  severity: 'high',
  family: 'workload',
  inputs: { kubernetes: EXPOSURE_KINDS },
  seed: true,
  refs: ['Azure Policy "Kubernetes clusters should use internal load balancers"', 'kubescape C-0245'],
  fix: {
    manifest:
      'metadata.annotations: service.beta.kubernetes.io/azure-load-balancer-internal: "true" (and put Application Gateway WAF or Front Door in front of what must be public).',
  },
  check(context) {
    // The application routing add-on's NGINX controllers: the operator gives each a LoadBalancer Service with its
    // loadBalancerAnnotations; the add-on's own type (External/Internal/None) overrides them for `default`.
    const cluster = clusterOfAllObjects(context.inventory);
    const type = cluster ? defaultControllerType(cluster) : undefined;
    for (const controller of context.inventory.objects.filter(isNginxIngressController)) {
      if (nginxControllerIsInternal(controller)) continue;
      if (controller.metadata.name === 'default' && (type === 'internal' || type === 'none')) continue;
      context.report({
        object: controller,
        path: ['spec'],
        message: `NginxIngressController ${controller.metadata.name} (ingress class ${nginxControllerClass(controller) ?? 'unnamed'}) has no azure-load-balancer-internal: "true" in spec.loadBalancerAnnotations: the application routing add-on gives it a public IP reachable from the whole Internet`,
        evidence: { ingressClassName: nginxControllerClass(controller) ?? null },
        fix: 'spec.loadBalancerAnnotations: service.beta.kubernetes.io/azure-load-balancer-internal: "true" (and Application Gateway WAF or Front Door in front of what must be public).',
      });
    }
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
