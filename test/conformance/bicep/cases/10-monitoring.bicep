// Monitoring and governance: Container insights on, Defender off, diagnostic settings without audit logs,
// a node OS maintenance window only, the Azure Policy add-on off.
param clusterName string = 'aks-monitor'
param workspaceId string = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/la'

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: 'uksouth'
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: 'Base'
    tier: 'Premium'
  }
  properties: {
    kubernetesVersion: '1.33.2'
    dnsPrefix: clusterName
    azureMonitorProfile: {
      metrics: {
        enabled: true
      }
    }
    securityProfile: {
      defender: {
        securityMonitoring: {
          enabled: false
        }
      }
      imageCleaner: {
        enabled: false
      }
    }
    addonProfiles: {
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: workspaceId
        }
      }
      azurepolicy: {
        enabled: false
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
      }
    ]
  }

  resource nodeOsWindow 'maintenanceConfigurations' = {
    name: 'aksManagedNodeOSUpgradeSchedule'
    properties: {
      maintenanceWindow: {
        schedule: {
          daily: {
            intervalDays: 1
          }
        }
        durationHours: 4
        startTime: '02:00'
      }
    }
  }
}

resource metricsOnly 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'aks-metrics'
  scope: aks
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'kube-apiserver'
        enabled: true
      }
      {
        category: 'kube-audit'
        enabled: false
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}
