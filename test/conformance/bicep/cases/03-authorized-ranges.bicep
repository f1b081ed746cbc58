// A public API server limited to authorized ranges, one of which lets everyone in.
param clusterName string = 'aks-ranges'
param officeRange string = '203.0.113.0/24'
param allowAll bool = true

var ranges = allowAll ? [
  officeRange
  '0.0.0.0/0'
] : [
  officeRange
]

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: clusterName
  location: 'northeurope'
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: 'Base'
    tier: 'Free'
  }
  properties: {
    kubernetesVersion: '1.32.5'
    dnsPrefix: clusterName
    aadProfile: {
      managed: true
      enableAzureRBAC: false
    }
    disableLocalAccounts: false
    apiServerAccessProfile: {
      authorizedIPRanges: ranges
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'azure'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 2
        vmSize: 'Standard_D2s_v5'
      }
    ]
  }
}
