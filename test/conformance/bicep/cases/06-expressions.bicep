// Everything from parameters and variables: ternaries, interpolation, concatenation, objects built in variables.
param environment string = 'prod'
param enablePrivate bool = false
param networkPolicy string = 'none'
param locations array = [
  'westeurope'
]

var isProd = environment == 'prod'
var clusterName = 'aks-${environment}-${locations[0]}'
var tier = isProd ? 'Standard' : 'Free'
var autoUpgrade = {
  upgradeChannel: isProd ? 'stable' : 'none'
  nodeOSUpgradeChannel: 'NodeImage'
}
var systemPool = {
  name: 'system'
  mode: 'System'
  count: isProd ? 3 : 1
  enableNodePublicIP: !isProd
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: locations[0]
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: 'Base'
    tier: tier
  }
  properties: {
    kubernetesVersion: '1.33.2'
    dnsPrefix: toLower(clusterName)
    disableLocalAccounts: isProd && enablePrivate
    apiServerAccessProfile: {
      enablePrivateCluster: enablePrivate
      authorizedIPRanges: enablePrivate ? [] : concat(['198.51.100.0/24'], isProd ? [] : ['0.0.0.0/0'])
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: networkPolicy
    }
    autoUpgradeProfile: autoUpgrade
    agentPoolProfiles: [
      systemPool
    ]
  }
}
