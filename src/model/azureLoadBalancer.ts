import type { K8sObject } from './k8s.js';

/** The annotation cloud-provider-azure reads to put a LoadBalancer Service on an internal (private) IP. */
export const INTERNAL_LB_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';

/** `requiresInternalLoadBalancer` in cloud-provider-azure: only the exact value "true" makes it internal. */
export function isInternalLoadBalancer(service: K8sObject): boolean {
  return service.metadata.annotations[INTERNAL_LB_ANNOTATION] === 'true';
}

/** A Service that gets a public IP on the cluster's Azure load balancer. */
export function isPublicLoadBalancer(service: K8sObject): boolean {
  const spec = service.raw.spec as { type?: unknown } | undefined;
  return spec?.type === 'LoadBalancer' && !isInternalLoadBalancer(service);
}
