import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

const NETWORK: [string, string][] = [
  ['networking.k8s.io', 'networkpolicies'],
  ['', 'services'],
  ['', 'endpoints'],
  ['discovery.k8s.io', 'endpointslices'],
  ['networking.k8s.io', 'ingresses'],
  ['gateway.networking.k8s.io', 'httproutes'],
  ['gateway.networking.k8s.io', 'gateways'],
];

export default grantRule({
  id: 'RBAC-CTL-059',
  title: 'Subject can change network exposure or isolation',
  description:
    "Writing NetworkPolicies, Services, Endpoints, EndpointSlices, Ingresses or Gateway API routes opens or redirects traffic: removing isolation, exposing workloads publicly, or hijacking a Service's endpoints. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.",
  severity: 'medium',
  refs: ['rbac-tool networking rules'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    NETWORK.flatMap(([apiGroup, resource]) =>
      ['create', 'update', 'patch', 'delete'].map((verb) => [{ verb, apiGroup, resource }]),
    ),
  what: 'change network exposure or isolation',
});
