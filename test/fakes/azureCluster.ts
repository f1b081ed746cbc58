/**
 * A production-style AKS cluster as Azure Resource Manager returns it (api-version 2026-04-01 shape: Azure CNI
 * overlay, Entra integration, workload identity, Azure Linux pools), with what surrounds it: agent pools, a
 * diagnostic setting that keeps metrics only, the planned-maintenance window, role assignments at the resource group
 * and cluster, and the kubelet identity's registry role. Ids are made up; shapes follow the REST reference.
 */
import { addResource, type FakeAzure, fakeAzure } from './azure.js';

type Json = Record<string, unknown>;

export const SUBSCRIPTION = '3f2e8a71-5c4d-4e9b-9a31-7d6c2b1e0f58';
export const RESOURCE_GROUP = 'rg-contoso-prod';
export const CLUSTER_NAME = 'aks-contoso-prod';
export const CLUSTER_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/${CLUSTER_NAME}`;
export const CLUSTER_FQDN = 'contoso-prod-x1y2z3ab.hcp.westeurope.azmk8s.io';
const KUBELET_OBJECT_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const REGISTRY = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-contoso-shared/providers/Microsoft.ContainerRegistry/registries/contosoregistry`;

function pool(name: string, mode: 'System' | 'User', extra: Json = {}): Json {
  return {
    count: 3,
    vmSize: 'Standard_D4ds_v5',
    osDiskSizeGB: 128,
    osDiskType: 'Ephemeral',
    kubeletDiskType: 'OS',
    maxPods: 250,
    type: 'VirtualMachineScaleSets',
    availabilityZones: ['1', '2', '3'],
    enableAutoScaling: true,
    minCount: 3,
    maxCount: 6,
    provisioningState: 'Succeeded',
    powerState: { code: 'Running' },
    orchestratorVersion: '1.33.2',
    currentOrchestratorVersion: '1.33.2',
    enableNodePublicIP: false,
    mode,
    enableEncryptionAtHost: false,
    enableUltraSSD: false,
    osType: 'Linux',
    osSKU: 'AzureLinux',
    nodeImageVersion: 'AKSAzureLinux-V3gen2-202507.21.0',
    upgradeSettings: { maxSurge: '10%', drainTimeoutInMinutes: 30 },
    enableFIPS: false,
    securityProfile: { sshAccess: 'LocalUser', enableVTPM: false, enableSecureBoot: false },
    ...(mode === 'System' ? { nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'] } : {}),
    ...extra,
    name,
  };
}

export function contosoCluster(): Json {
  const { name: _system, ...systemProfile } = pool('system', 'System');
  return {
    id: CLUSTER_ID,
    location: 'westeurope',
    name: CLUSTER_NAME,
    type: 'Microsoft.ContainerService/ManagedClusters',
    tags: { environment: 'production', owner: 'platform-team' },
    sku: { name: 'Base', tier: 'Standard' },
    identity: {
      type: 'SystemAssigned',
      principalId: '0c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5',
      tenantId: '72f988bf-0000-4000-8000-2d7cd011db47',
    },
    properties: {
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      kubernetesVersion: '1.33.2',
      currentKubernetesVersion: '1.33.2',
      dnsPrefix: 'contoso-prod',
      fqdn: CLUSTER_FQDN,
      azurePortalFQDN: 'contoso-prod-x1y2z3ab.portal.hcp.westeurope.azmk8s.io',
      agentPoolProfiles: [{ name: 'system', ...systemProfile }],
      linuxProfile: {
        adminUsername: 'azureuser',
        ssh: { publicKeys: [{ keyData: 'ssh-rsa AAAAB3NzaC1yc2E contoso' }] },
      },
      servicePrincipalProfile: { clientId: 'msi' },
      addonProfiles: {
        azureKeyvaultSecretsProvider: {
          enabled: true,
          config: { enableSecretRotation: 'true', rotationPollInterval: '2m' },
        },
        azurepolicy: { enabled: false, config: null },
        omsagent: {
          enabled: true,
          config: {
            logAnalyticsWorkspaceResourceID: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-contoso-shared/providers/Microsoft.OperationalInsights/workspaces/law-contoso`,
            useAADAuth: 'true',
          },
        },
      },
      nodeResourceGroup: `MC_${RESOURCE_GROUP}_${CLUSTER_NAME}_westeurope`,
      enableRBAC: true,
      supportPlan: 'KubernetesOfficial',
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: 'none',
        networkDataplane: 'azure',
        loadBalancerSku: 'standard',
        loadBalancerProfile: {
          managedOutboundIPs: { count: 1 },
          effectiveOutboundIPs: [
            {
              id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/MC_${RESOURCE_GROUP}_${CLUSTER_NAME}_westeurope/providers/Microsoft.Network/publicIPAddresses/0a1b2c3d`,
            },
          ],
          backendPoolType: 'nodeIPConfiguration',
        },
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIP: '10.0.0.10',
        outboundType: 'loadBalancer',
        podCidrs: ['10.244.0.0/16'],
        serviceCidrs: ['10.0.0.0/16'],
        ipFamilies: ['IPv4'],
      },
      maxAgentPools: 100,
      aadProfile: {
        managed: true,
        enableAzureRBAC: false,
        adminGroupObjectIDs: ['5b7d3a2e-8f1c-4d6b-9e0a-3c2b1a0f9e8d'],
        tenantID: '72f988bf-0000-4000-8000-2d7cd011db47',
      },
      apiServerAccessProfile: { enablePrivateCluster: false },
      identityProfile: {
        kubeletidentity: {
          resourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/MC_${RESOURCE_GROUP}_${CLUSTER_NAME}_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${CLUSTER_NAME}-agentpool`,
          clientId: '4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a',
          objectId: KUBELET_OBJECT_ID,
        },
      },
      autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
      disableLocalAccounts: false,
      securityProfile: {
        imageCleaner: { enabled: true, intervalHours: 168 },
        workloadIdentity: { enabled: true },
      },
      storageProfile: {
        diskCSIDriver: { enabled: true, version: 'v1' },
        fileCSIDriver: { enabled: true },
        snapshotController: { enabled: true },
      },
      oidcIssuerProfile: {
        enabled: true,
        issuerURL: 'https://westeurope.oic.prod-aks.azure.com/72f988bf/0f1e2d3c/',
      },
      workloadAutoScalerProfile: {},
      azureMonitorProfile: { metrics: { enabled: true, kubeStateMetrics: {} } },
      resourceUID: '68a1f2e3d4c5b6a7f8e9d0c1',
      metricsProfile: { costAnalysis: { enabled: false } },
      nodeProvisioningProfile: { mode: 'Manual', defaultNodePools: 'Auto' },
      bootstrapProfile: { artifactSource: 'Direct' },
    },
  };
}

function roleAssignment(
  name: string,
  scope: string,
  roleGuid: string,
  principalId: string,
  principalType: string,
): Json {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
      principalId,
      principalType,
      scope,
      createdOn: '2025-03-11T10:02:11.4312345Z',
      updatedOn: '2025-03-11T10:02:11.4312345Z',
      createdBy: '8e1d2c3b-4a59-4f6e-8d7c-6b5a4f3e2d1c',
      updatedBy: '8e1d2c3b-4a59-4f6e-8d7c-6b5a4f3e2d1c',
    },
  };
}

/** The fake Azure with the contoso cluster and its surroundings. */
export function contosoAzure(): FakeAzure {
  const azure = fakeAzure();
  addResource(azure, contosoCluster());
  for (const profile of [
    pool('system', 'System'),
    pool('apps', 'User', { vmSize: 'Standard_D8ds_v5', maxCount: 12 }),
  ])
    addResource(azure, {
      id: `${CLUSTER_ID}/agentPools/${profile.name}`,
      name: profile.name,
      type: 'Microsoft.ContainerService/managedClusters/agentPools',
      properties: Object.fromEntries(Object.entries(profile).filter(([key]) => key !== 'name')),
    });
  addResource(azure, {
    id: `${CLUSTER_ID}/providers/microsoft.insights/diagnosticSettings/send-to-law`,
    type: 'Microsoft.Insights/diagnosticSettings',
    name: 'send-to-law',
    location: null,
    kind: null,
    tags: null,
    properties: {
      storageAccountId: null,
      serviceBusRuleId: null,
      workspaceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-contoso-shared/providers/Microsoft.OperationalInsights/workspaces/law-contoso`,
      eventHubAuthorizationRuleId: null,
      eventHubName: null,
      metrics: [{ category: 'AllMetrics', enabled: true, retentionPolicy: { enabled: false, days: 0 } }],
      logs: [
        {
          category: 'kube-apiserver',
          categoryGroup: null,
          enabled: true,
          retentionPolicy: { enabled: false, days: 0 },
        },
        {
          category: 'kube-audit',
          categoryGroup: null,
          enabled: false,
          retentionPolicy: { enabled: false, days: 0 },
        },
        {
          category: 'kube-audit-admin',
          categoryGroup: null,
          enabled: false,
          retentionPolicy: { enabled: false, days: 0 },
        },
        {
          category: 'guard',
          categoryGroup: null,
          enabled: false,
          retentionPolicy: { enabled: false, days: 0 },
        },
      ],
      logAnalyticsDestinationType: 'Dedicated',
    },
    identity: null,
  });
  addResource(azure, {
    id: `${CLUSTER_ID}/maintenanceConfigurations/aksManagedAutoUpgradeSchedule`,
    name: 'aksManagedAutoUpgradeSchedule',
    type: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
    properties: {
      maintenanceWindow: {
        schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Sunday' } },
        durationHours: 4,
        utcOffset: '+00:00',
        startDate: '2025-03-16',
        startTime: '01:00',
      },
    },
  });
  const rg = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
  // Contributor on the resource group: listClusterAdminCredential, so cluster-admin without Kubernetes RBAC.
  addResource(
    azure,
    roleAssignment(
      '6f1e2d3c-4b5a-4697-8e7d-6c5b4a3f2e1d',
      rg,
      'b24988ac-6180-42a0-ab88-20f7382dd24c',
      'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      'User',
    ),
  );
  addResource(
    azure,
    roleAssignment(
      '7a6b5c4d-3e2f-4109-8a7b-6c5d4e3f2a1b',
      CLUSTER_ID,
      '4abbcc35-e782-43d8-92c5-2d3f1bd2253f',
      '5b7d3a2e-8f1c-4d6b-9e0a-3c2b1a0f9e8d',
      'Group',
    ),
  );
  // The kubelet identity may push to the shared registry.
  addResource(
    azure,
    roleAssignment(
      '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e',
      REGISTRY,
      '8311e382-0749-4cb8-b61a-304f252e45ec',
      KUBELET_OBJECT_ID,
      'ServicePrincipal',
    ),
  );
  azure.graphRows.push(contosoCluster());
  return azure;
}
