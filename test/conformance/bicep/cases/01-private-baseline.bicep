// A private cluster with Entra ID, Azure RBAC, Calico, Defender, audit logs and planned maintenance.
@description('Name of the cluster')
param clusterName string = 'aks-private'
param location string = 'westeurope'
param workspaceId string = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/la'
param adminGroupId string = '11111111-2222-3333-4444-555555555555'

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: 'Base'
    tier: 'Standard'
  }
  tags: {
    tenancy: 'single-team'
  }
  properties: {
    kubernetesVersion: '1.33.2'
    dnsPrefix: clusterName
    enableRBAC: true
    disableLocalAccounts: true
    aadProfile: {
      managed: true
      enableAzureRBAC: true
      adminGroupObjectIDs: [
        adminGroupId
      ]
    }
    apiServerAccessProfile: {
      enablePrivateCluster: true
      enablePrivateClusterPublicFQDN: false
      disableRunCommand: true
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'calico'
      outboundType: 'userDefinedRouting'
      loadBalancerSku: 'standard'
    }
    oidcIssuerProfile: {
      enabled: true
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
      defender: {
        logAnalyticsWorkspaceResourceId: workspaceId
        securityMonitoring: {
          enabled: true
        }
      }
      imageCleaner: {
        enabled: true
        intervalHours: 48
      }
    }
    autoUpgradeProfile: {
      upgradeChannel: 'patch'
      nodeOSUpgradeChannel: 'SecurityPatch'
    }
    addonProfiles: {
      azurepolicy: {
        enabled: true
      }
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: workspaceId
        }
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4ds_v5'
        osType: 'Linux'
        osSKU: 'AzureLinux'
        enableEncryptionAtHost: true
        enableNodePublicIP: false
        nodeTaints: [
          'CriticalAddonsOnly=true:NoSchedule'
        ]
      }
    ]
  }

  resource autoUpgradeWindow 'maintenanceConfigurations' = {
    name: 'aksManagedAutoUpgradeSchedule'
    properties: {
      maintenanceWindow: {
        schedule: {
          weekly: {
            intervalWeeks: 1
            dayOfWeek: 'Sunday'
          }
        }
        durationHours: 4
        startTime: '01:00'
      }
    }
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'aks-audit'
  scope: aks
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'kube-audit-admin'
        enabled: true
      }
      {
        category: 'guard'
        enabled: true
      }
    ]
  }
}
