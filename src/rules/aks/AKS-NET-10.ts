import { isUnknown } from '../../model/aksCluster.js';
import {
  APP_ROUTING_DEFAULT_CLASS,
  defaultControllerType,
  ingressClassOf,
  publicAppRoutingClasses,
} from '../../model/appRouting.js';
import { isPublicLoadBalancer } from '../../model/azureLoadBalancer.js';
import type { K8sObject } from '../../model/k8s.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER, EXPOSURE_KINDS, inputsOf } from '../inputs.js';
import {
  anyUnknown,
  bool,
  clustersOf,
  manifestsOf,
  manifestsOfKind,
  noManifestsReason,
  notEvaluatedAt,
  reportAt,
} from './support.js';

export default defineRule({
  id: 'AKS-NET-10',
  title: 'Applications exposed on public load balancers without a WAF',
  description:
    'Services of type LoadBalancer without the internal annotation get a public Azure load balancer, and so do the NGINX controllers of the application routing add-on (its default controller unless configured internal, every NginxIngressController not annotated internal): traffic reaches pods with no web application firewall. Put public HTTP(S) entry behind Application Gateway WAF (the AGIC add-on or Application Gateway for Containers) and keep in-cluster load balancers internal.',
  severity: 'medium',
  family: 'aks',
  inputs: inputsOf(CLUSTER, { kubernetes: [...EXPOSURE_KINDS, 'Ingress'] }),
  seed: true,
  refs: ['CIS AKS 5.4.5', 'Azure Policy 3fc4dc25'],
  fix: {
    az: 'az aks enable-addons -g RG -n NAME --addons ingress-appgw --appgw-id APPGW_ID (WAF_v2 SKU)',
    terraform: 'ingress_application_gateway { gateway_id = azurerm_application_gateway.waf.id }',
    manifest:
      'annotate LoadBalancer Services with service.beta.kubernetes.io/azure-load-balancer-internal: "true"',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      if (manifestsOf(context, cluster).length === 0) {
        notEvaluatedAt(
          context,
          cluster,
          undefined,
          noManifestsReason(context, 'how applications are exposed'),
        );
        continue;
      }
      const publicServices = manifestsOfKind(context, cluster, 'Service').filter(isPublicLoadBalancer);
      const gateway = bool(cluster, 'addonProfiles.ingressApplicationGateway.enabled');
      const routing = defaultControllerType(cluster);
      if (anyUnknown(context, cluster, [gateway])) continue;
      // Ingresses served by a public application routing NGINX controller: its LoadBalancer Service is public.
      const classes = publicAppRoutingClasses(cluster, manifestsOf(context, cluster));
      const ingresses = manifestsOfKind(context, cluster, 'Ingress');
      const publicIngresses = ingresses.filter((ingress) => {
        const className = ingressClassOf(ingress);
        return className !== undefined && classes.has(className);
      });
      if (
        isUnknown(routing) &&
        ingresses.some((ingress) => ingressClassOf(ingress) === APP_ROUTING_DEFAULT_CLASS)
      )
        notEvaluatedAt(context, cluster, undefined, `application routing ingresses: ${routing.reason}`);
      if (publicServices.length === 0 && publicIngresses.length === 0) continue;
      const name = (object: K8sObject) => `${object.namespace ?? 'default'}/${object.metadata.name}`;
      const names = publicServices.map(name);
      const routed = publicIngresses.map(name);
      const exposed = [
        ...names,
        ...(routed.length > 0
          ? [`Ingress ${routed.join(', ')} through the application routing add-on's public NGINX`]
          : []),
      ];
      reportAt(
        context,
        cluster,
        gateway,
        `cluster ${cluster.name} exposes ${exposed.join(', ')} on public load balancers${gateway.value === true ? ' that bypass the Application Gateway WAF' : ' with no WAF in front'}`,
        {
          evidence: {
            publicLoadBalancerServices: names,
            appRoutingIngresses: routed,
            applicationGatewayAddon: gateway.value === true,
          },
        },
      );
    }
  },
});
