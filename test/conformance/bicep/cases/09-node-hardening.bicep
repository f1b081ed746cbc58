// Node hardening: upgrade channels, supported versions, SSH, Trusted Launch, FIPS, Kata isolation, system pool taints.
param clusterName string = 'aks-nodes'
param kubernetesVersion string = '1.30.4'

resource aks 'Microsoft.ContainerService/managedClusters@2025-09-01' = {
  name: clusterName
  location: 'swedencentral'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    kubernetesVersion: kubernetesVersion
    dnsPrefix: clusterName
    supportPlan: 'KubernetesOfficial'
    autoUpgradeProfile: {
      upgradeChannel: 'none'
      nodeOSUpgradeChannel: 'Unmanaged'
    }
    nodeResourceGroupProfile: {
      restrictionLevel: 'ReadOnly'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        orchestratorVersion: kubernetesVersion
        osSKU: 'Ubuntu'
        enableFIPS: true
        securityProfile: {
          sshAccess: 'Disabled'
          enableSecureBoot: true
          enableVTPM: true
        }
        nodeTaints: [
          'CriticalAddonsOnly=true:NoSchedule'
        ]
      }
      {
        name: 'sandbox'
        mode: 'User'
        count: 2
        orchestratorVersion: '1.29.9'
        osSKU: 'AzureLinux'
        workloadRuntime: 'KataVmIsolation'
        securityProfile: {
          sshAccess: 'LocalUser'
          enableSecureBoot: false
        }
      }
    ]
  }
}
