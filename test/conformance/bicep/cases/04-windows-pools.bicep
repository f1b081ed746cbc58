// Node pools as child resources: a Windows pool with public IPs next to Calico, and a hardened Linux pool.
param clusterName string = 'aks-mixed'

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: 'westus3'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    kubernetesVersion: '1.33.2'
    dnsPrefix: clusterName
    enableRBAC: true
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'calico'
    }
    autoUpgradeProfile: {
      upgradeChannel: 'stable'
      nodeOSUpgradeChannel: 'None'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        osType: 'Linux'
      }
    ]
  }
}

resource windows 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {
  parent: aks
  name: 'win22'
  properties: {
    mode: 'User'
    count: 2
    osType: 'Windows'
    osSKU: 'Windows2019'
    enableNodePublicIP: true
    enableEncryptionAtHost: false
  }
}

resource linux 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {
  parent: aks
  name: 'apps'
  properties: {
    mode: 'User'
    count: 3
    osType: 'Linux'
    osSKU: 'AzureLinux'
    osDiskType: 'Ephemeral'
    enableEncryptionAtHost: true
    enableFIPS: true
    securityProfile: {
      sshAccess: 'Disabled'
      enableSecureBoot: true
      enableVTPM: true
    }
  }
}
