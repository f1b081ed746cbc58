import { type AksCluster, asBool, asString, clusterField, isUnknown, type Unknown } from './aksCluster.js';
import { INTERNAL_LB_ANNOTATION } from './azureLoadBalancer.js';
import { isJsonObject } from './json.js';
import type { K8sObject } from './k8s.js';

/**
 * The application routing add-on (`ingressProfile.webAppRouting`, preconfigured on AKS Automatic) runs managed
 * NGINX ingress controllers, each described by an `NginxIngressController` custom resource; its operator gives
 * each controller a LoadBalancer Service with the resource's `spec.loadBalancerAnnotations`, so a controller is
 * public unless those carry the internal annotation (AKS docs app-routing-nginx-configuration.md). The add-on
 * creates the `default` controller, ingress class `webapprouting.kubernetes.azure.com`, as
 * `ingressProfile.webAppRouting.nginx.defaultIngressControllerType` says: AnnotationControlled (the default:
 * public unless the default resource is annotated internal), External, Internal, None (ARM
 * NginxIngressControllerType).
 */
export const APP_ROUTING_GROUP = 'approuting.kubernetes.azure.com';
export const APP_ROUTING_DEFAULT_CLASS = 'webapprouting.kubernetes.azure.com';

export function isNginxIngressController(object: K8sObject): boolean {
  return object.kind === 'NginxIngressController' && object.group === APP_ROUTING_GROUP;
}

/** The controller's load balancer annotations make it internal (cloud-provider-azure: exactly "true"). */
export function nginxControllerIsInternal(object: K8sObject): boolean {
  const spec = isJsonObject(object.raw.spec) ? object.raw.spec : {};
  const annotations = isJsonObject(spec.loadBalancerAnnotations) ? spec.loadBalancerAnnotations : {};
  return annotations[INTERNAL_LB_ANNOTATION] === 'true';
}

export function nginxControllerClass(object: K8sObject): string | undefined {
  const spec = isJsonObject(object.raw.spec) ? object.raw.spec : {};
  return typeof spec.ingressClassName === 'string' ? spec.ingressClassName : undefined;
}

/** The ingress class of an Ingress: `spec.ingressClassName`, else the legacy `kubernetes.io/ingress.class` annotation. */
export function ingressClassOf(ingress: K8sObject): string | undefined {
  const spec = isJsonObject(ingress.raw.spec) ? ingress.raw.spec : {};
  if (typeof spec.ingressClassName === 'string') return spec.ingressClassName;
  return ingress.metadata.annotations['kubernetes.io/ingress.class'];
}

/** How the add-on creates its default controller: `annotationcontrolled`, `external`, `internal`, `none`, or `off`. */
export function defaultControllerType(cluster: AksCluster): string | Unknown {
  const enabled = asBool(clusterField(cluster, 'ingressProfile.webAppRouting.enabled')).value;
  if (isUnknown(enabled)) return enabled;
  if (enabled !== true) return 'off';
  const type = asString(
    clusterField(cluster, 'ingressProfile.webAppRouting.nginx.defaultIngressControllerType'),
  );
  if (isUnknown(type.value)) return type.value;
  return (type.value ?? 'AnnotationControlled').toLowerCase();
}

/**
 * The ingress classes served by a public application routing controller, each with why: the add-on's default
 * controller (from the cluster, when known) and every NginxIngressController of `objects` not annotated internal.
 */
export function publicAppRoutingClasses(
  cluster: AksCluster | undefined,
  objects: readonly K8sObject[],
): Map<string, string> {
  const out = new Map<string, string>();
  const controllers = objects.filter(isNginxIngressController);
  const type = cluster ? defaultControllerType(cluster) : undefined;
  const written = controllers.find((object) => object.metadata.name === 'default');
  if (type === 'external')
    out.set(APP_ROUTING_DEFAULT_CLASS, 'the add-on default NGINX controller (External)');
  else if (type === 'annotationcontrolled' && !(written && nginxControllerIsInternal(written)))
    out.set(APP_ROUTING_DEFAULT_CLASS, 'the add-on default NGINX controller, not annotated internal');
  for (const controller of controllers) {
    const className = nginxControllerClass(controller);
    if (!className || nginxControllerIsInternal(controller)) continue;
    // The add-on's type overrides the annotations of its default controller (External / Internal / None).
    if (controller.metadata.name === 'default' && (type === 'internal' || type === 'none')) continue;
    if (!out.has(className))
      out.set(className, `NginxIngressController ${controller.metadata.name}, not annotated internal`);
  }
  return out;
}
