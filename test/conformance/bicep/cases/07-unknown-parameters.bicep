// Values only the deployment knows: parameters without defaults are not evaluated, never passed.
param clusterName string
param enablePrivate bool
param networkPolicy string
param authorizedRanges array
param kubernetesVersion string

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    kubernetesVersion: kubernetesVersion
    dnsPrefix: clusterName
    aadProfile: {
      managed: true
      enableAzureRBAC: true
    }
    disableLocalAccounts: true
    apiServerAccessProfile: {
      enablePrivateCluster: enablePrivate
      authorizedIPRanges: authorizedRanges
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: networkPolicy
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        orchestratorVersion: kubernetesVersion
      }
    ]
  }
}
