import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, requireTrue } from './support.js';

export default defineRule({
  id: 'AKS-NET-13',
  title: 'API server VNet integration not enabled',
  description:
    'With API Server VNet Integration the API server gets an address in a delegated subnet of the cluster network: node-to-API traffic never leaves the virtual network and the cluster can be switched between public and private without recreation.',
  severity: 'info',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['AKS docs: api-server-vnet-integration'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-apiserver-vnet-integration --apiserver-subnet-id SUBNET_ID',
    terraform: 'api_server_access_profile { virtual_network_integration_enabled = true  subnet_id = ... }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      requireTrue(
        context,
        cluster,
        'apiServerAccessProfile.enableVnetIntegration',
        () => `cluster ${cluster.name} does not use API server VNet integration`,
      );
    }
  },
});
