// Legacy choices: a service principal with its secret in the template, legacy Entra apps, pod identity,
// HTTP application routing, the dashboard and Pod Security Policy.
param clusterName string = 'aks-legacy'
param spClientId string = '00000000-0000-0000-0000-000000000001'

resource aks 'Microsoft.ContainerService/managedClusters@2021-07-01' = {
  name: clusterName
  location: 'eastus2'
  properties: {
    kubernetesVersion: '1.21.2'
    dnsPrefix: clusterName
    enableRBAC: true
    enablePodSecurityPolicy: true
    servicePrincipalProfile: {
      clientId: spClientId
      secret: 'Sup3r-S3cret-Value!'
    }
    aadProfile: {
      clientAppID: '00000000-0000-0000-0000-000000000002'
      serverAppID: '00000000-0000-0000-0000-000000000003'
      tenantID: '00000000-0000-0000-0000-000000000004'
    }
    podIdentityProfile: {
      enabled: true
    }
    addonProfiles: {
      httpApplicationRouting: {
        enabled: true
      }
      kubeDashboard: {
        enabled: false
      }
    }
    agentPoolProfiles: [
      {
        name: 'agentpool'
        mode: 'System'
        count: 3
        type: 'AvailabilitySet'
      }
    ]
  }
}
