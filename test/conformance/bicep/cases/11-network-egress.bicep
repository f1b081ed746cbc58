// Network: Cilium dataplane, NAT gateway egress, API server VNet integration, a private cluster with a public FQDN,
// IMDS left reachable from pods.
param clusterName string = 'aks-net'
param subnetId string = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apiserver'

resource aks 'Microsoft.ContainerService/managedClusters@2025-09-01' = {
  name: clusterName
  location: 'francecentral'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    kubernetesVersion: '1.33.2'
    dnsPrefix: clusterName
    apiServerAccessProfile: {
      enablePrivateCluster: true
      enablePrivateClusterPublicFQDN: true
      enableVnetIntegration: true
      subnetId: subnetId
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkDataplane: 'cilium'
      networkPolicy: 'cilium'
      outboundType: 'managedNATGateway'
      loadBalancerSku: 'standard'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
      }
      {
        name: 'win'
        mode: 'User'
        count: 1
        osType: 'Windows'
        osSKU: 'Windows2022'
      }
    ]
  }
}
