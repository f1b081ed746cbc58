// Data protection: KMS for etcd, a disk encryption set, host encryption, ephemeral disks, secret rotation off.
param clusterName string = 'aks-data'
param keyId string = 'https://kv-aks.vault.azure.net/keys/etcd/0123456789abcdef'
param keyVaultId string = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-aks'
param desId string = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des-aks'
param rotateSecrets bool = false

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: 'westeurope'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks': {}
    }
  }
  properties: {
    kubernetesVersion: '1.33.2'
    dnsPrefix: clusterName
    diskEncryptionSetID: desId
    securityProfile: {
      azureKeyVaultKms: {
        enabled: true
        keyId: keyId
        keyVaultNetworkAccess: 'Public'
        keyVaultResourceId: keyVaultId
      }
    }
    addonProfiles: {
      azureKeyvaultSecretsProvider: {
        enabled: true
        config: {
          enableSecretRotation: string(rotateSecrets)
        }
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        osDiskType: 'Ephemeral'
        enableEncryptionAtHost: true
      }
      {
        name: 'batch'
        mode: 'User'
        count: 2
        osDiskType: 'Managed'
        enableEncryptionAtHost: false
      }
    ]
  }
}
