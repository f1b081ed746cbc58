import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, requireNotTrue } from './support.js';

export default defineRule({
  id: 'AKS-NET-11',
  title: 'HTTP application routing add-on enabled',
  description:
    'The HTTP application routing add-on creates publicly resolvable DNS names and an unauthenticated public ingress; Microsoft states it is not for production and it is retired in favour of the application routing (web app routing) add-on.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Checkov CKV_AZURE_246', 'PSRule Azure.AKS.HttpAppRouting'],
  fix: {
    az: 'az aks disable-addons -g RG -n NAME --addons http_application_routing',
    terraform:
      'http_application_routing_enabled = false (azurerm 2.x: addon_profile { http_application_routing { enabled = false } })',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      requireNotTrue(
        context,
        cluster,
        'addonProfiles.httpApplicationRouting.enabled',
        `cluster ${cluster.name} enables the HTTP application routing add-on`,
      );
    }
  },
});
