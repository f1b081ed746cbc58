// A quick-start cluster: public API server, kubenet, no network policy, local accounts, no Entra ID.
param clusterName string = 'aks-quickstart'

resource aks 'Microsoft.ContainerService/managedClusters@2023-01-01' = {
  name: clusterName
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: 'Basic'
    tier: 'Free'
  }
  properties: {
    kubernetesVersion: '1.27.3'
    dnsPrefix: '${clusterName}-dns'
    enableRBAC: false
    networkProfile: {
      networkPlugin: 'kubenet'
      loadBalancerSku: 'basic'
    }
    addonProfiles: {
      httpApplicationRouting: {
        enabled: true
      }
      kubeDashboard: {
        enabled: true
      }
    }
    agentPoolProfiles: [
      {
        name: 'nodepool1'
        mode: 'System'
        count: 1
        vmSize: 'Standard_B2s'
        enableNodePublicIP: true
        osDiskType: 'Managed'
      }
    ]
  }
}
