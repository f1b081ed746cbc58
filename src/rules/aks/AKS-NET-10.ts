import { isPublicLoadBalancer } from '../../model/azureLoadBalancer.js';
import { defineRule } from '../defineRule.js';
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
    'Services of type LoadBalancer without the internal annotation get a public Azure load balancer: traffic reaches pods with no web application firewall. Put public HTTP(S) entry behind Application Gateway WAF (the AGIC add-on or Application Gateway for Containers) and keep in-cluster load balancers internal.',
  severity: 'medium',
  family: 'aks',
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
      if (anyUnknown(context, cluster, [gateway])) continue;
      if (publicServices.length === 0) continue;
      const names = publicServices.map(
        (service) => `${service.namespace ?? 'default'}/${service.metadata.name}`,
      );
      reportAt(
        context,
        cluster,
        gateway,
        `cluster ${cluster.name} exposes ${names.join(', ')} on public load balancers${gateway.value === true ? ' that bypass the Application Gateway WAF' : ' with no WAF in front'}`,
        { evidence: { publicLoadBalancerServices: names, applicationGatewayAddon: gateway.value === true } },
      );
    }
  },
});
