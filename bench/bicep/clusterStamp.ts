// biome-ignore-all lint/suspicious/noTemplateCurlyInString: generated Bicep text
/**
 * A synthetic Bicep cluster file of about 1,100 lines, built from the constructs of mspnp/aks-baseline's
 * `workload-team/cluster-stamp.bicep` (written for aksguard; no text copied): decorated parameters, existing
 * networking and identity resources with nested `::` children, user-assigned identities and their role assignments,
 * Key Vault and private endpoints, Azure Policy assignments in a loop, scheduled-query alerts with long KQL strings,
 * the cluster with its profiles, nested maintenance configurations, diagnostic settings, and outputs.
 */
export function clusterStampBicep(alertCount = 14, policyCount = 12): string {
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);

  add("targetScope = 'resourceGroup'", '', '/*** PARAMETERS ***/', '');
  const params: [string, string, string][] = [
    ['targetVnetResourceId', 'string', ''],
    ['clusterAdminMicrosoftEntraGroupObjectId', 'string', ''],
    ['a0008NamespaceReaderMicrosoftEntraGroupObjectId', 'string', ''],
    ['k8sControlPlaneAuthorizationTenantId', 'string', ''],
    ['appGatewayListenerCertificate', 'string', ''],
    ['aksIngressControllerCertificate', 'string', ''],
    ['clusterAuthorizedIPRanges', 'array', ' = []'],
    ['location', 'string', " = 'eastus2'"],
    ['kubernetesVersion', 'string', " = '1.33.2'"],
    ['domainName', 'string', " = 'contoso.com'"],
    ['gitOpsBootstrappingRepoHttpsUrl', 'string', " = 'https://github.com/contoso/aks-baseline'"],
    ['gitOpsBootstrappingRepoBranch', 'string', " = 'main'"],
    ['nodepoolsRGName', 'string', " = 'rg-nodes'"],
  ];
  for (const [name, type, rest] of params) {
    add(`@description('The ${name} of this deployment.')`);
    if (type === 'string' && rest === '') add('@minLength(1)');
    add(`param ${name} ${type}${rest}`, '');
  }
  add(
    "@allowed([\n  'australiaeast'\n  'canadacentral'\n  'centralus'\n  'eastus'\n  'eastus2'\n  'westus2'\n  'francecentral'\n  'germanywestcentral'\n  'northeurope'\n  'southafricanorth'\n  'southcentralus'\n  'uksouth'\n  'westeurope'\n  'japaneast'\n  'southeastasia'\n])",
    "param geoRedundancyLocation string = 'centralus'",
    '',
  );

  add('/*** VARIABLES ***/', '');
  add(
    "var subRgUniqueString = uniqueString('aks', subscription().subscriptionId, resourceGroup().id)",
    "var clusterName = 'aks-${subRgUniqueString}'",
    "var agwName = 'apw-${clusterName}'",
    "var kvName = 'kv-${clusterName}'",
    "var defaultAcrName = 'acraks${subRgUniqueString}'",
    'var isUsingAzureRBACasKubernetesRBAC = (subscription().tenantId == k8sControlPlaneAuthorizationTenantId)',
    "var vnetName = split(targetVnetResourceId, '/')[8]",
    'var policyDefinitions = {',
  );
  for (let i = 0; i < policyCount; i++)
    add(
      `  policy${i}: subscriptionResourceId('Microsoft.Authorization/policyDefinitions', '${hex(i, 8)}-0000-4000-8000-${hex(i, 12)}')`,
    );
  add('}', '');

  add('/*** EXISTING RESOURCES ***/', '');
  add(
    "resource targetResourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' existing = {",
    '  scope: subscription()',
    "  name: split(targetVnetResourceId, '/')[4]",
    '}',
    '',
    "resource targetVirtualNetwork 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {",
    '  scope: targetResourceGroup',
    '  name: vnetName',
    '',
  );
  for (const subnet of [
    'snet-clusternodes',
    'snet-clusteringressservices',
    'snet-applicationgateway',
    'snet-privatelinkendpoints',
    'snet-apiserver',
  ]) {
    add(`  resource ${camel(subnet)} 'subnets' existing = {`, `    name: '${subnet}'`, '  }', '');
  }
  add('}', '');
  add(
    "resource la 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {",
    "  name: 'la-${clusterName}'",
    '}',
    '',
    "resource acr 'Microsoft.ContainerRegistry/registries@2023-11-01-preview' existing = {",
    '  name: defaultAcrName',
    '}',
    '',
  );
  const roles: [string, string][] = [
    ['acrPullRole', '7f951dda-4ed3-4680-a7ca-43fe172d538d'],
    ['managedIdentityOperatorRole', 'f1a07417-d97a-45cb-824c-7a7467783830'],
    ['virtualMachineContributorRole', '9980e02c-c2be-4d73-94e8-173b1dc7cf3c'],
    ['keyVaultReaderRole', '21090545-7ca7-4776-b22c-e363652d74d2'],
    ['keyVaultSecretsUserRole', '4633458b-17de-408a-b874-0445c86b69e6'],
    ['monitoringMetricsPublisherRole', '3913510d-42f4-4e42-8a64-420c390055eb'],
    ['serviceClusterUserRole', '4abbcc35-e782-43d8-92c5-2d3f1bd2253f'],
    ['clusterAdminRole', 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b'],
    ['clusterReaderRole', '7f6c6a51-bcf8-42ba-9220-52d62157d7db'],
  ];
  for (const [name, guid] of roles)
    add(
      `@description('Built-in role ${name}')`,
      `resource ${name} 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {`,
      `  name: '${guid}'`,
      '  scope: subscription()',
      '}',
      '',
    );

  add('/*** IDENTITIES ***/', '');
  for (const identity of ['miClusterControlPlane', 'miAppGatewayFrontend', 'podmiIngressController']) {
    add(
      `resource ${identity} 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {`,
      `  name: '${identity}-\${clusterName}'`,
      '  location: location',
      '}',
      '',
    );
  }

  add('/*** KEY VAULT ***/', '');
  add(
    "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {",
    '  name: kvName',
    '  location: location',
    '  properties: {',
    '    accessPolicies: []',
    '    sku: {',
    "      family: 'A'",
    "      name: 'standard'",
    '    }',
    '    tenantId: subscription().tenantId',
    '    networkAcls: {',
    "      bypass: 'AzureServices'",
    "      defaultAction: 'Deny'",
    '      ipRules: []',
    '      virtualNetworkRules: []',
    '    }',
    '    enableRbacAuthorization: true',
    '    enableSoftDelete: true',
    '    softDeleteRetentionInDays: 7',
    "    createMode: 'default'",
    '  }',
    '',
    "  resource kvsGatewaySslCert 'secrets' = {",
    "    name: 'gateway-ssl-cert'",
    '    properties: {',
    '      value: appGatewayListenerCertificate',
    '    }',
    '  }',
    '}',
    '',
  );
  for (const [identity, role] of [
    ['podmiIngressController', 'keyVaultReaderRole'],
    ['podmiIngressController', 'keyVaultSecretsUserRole'],
    ['miAppGatewayFrontend', 'keyVaultReaderRole'],
    ['miAppGatewayFrontend', 'keyVaultSecretsUserRole'],
  ] as const) {
    add(
      `resource ${identity}${role}_roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {`,
      '  scope: kv',
      `  name: guid(resourceGroup().id, '${identity}', ${role}.id)`,
      '  properties: {',
      `    roleDefinitionId: ${role}.id`,
      `    principalId: ${identity}.properties.principalId`,
      "    principalType: 'ServicePrincipal'",
      '  }',
      '}',
      '',
    );
  }

  add('/*** POLICY ***/', '');
  add(
    "resource policyAssignments 'Microsoft.Authorization/policyAssignments@2024-04-01' = [for (item, i) in items(policyDefinitions): {",
    '  name: guid(resourceGroup().id, item.key)',
    '  properties: {',
    "    displayName: '[${clusterName}] ${item.key}'",
    "    description: 'Baseline policy ${i} for the cluster'",
    '    policyDefinitionId: item.value',
    '    parameters: {',
    '      excludedNamespaces: {',
    "        value: [\n          'kube-system'\n          'gatekeeper-system'\n          'azure-arc'\n          'cluster-baseline-settings'\n        ]",
    '      }',
    '      effect: {',
    "        value: i % 2 == 0 ? 'Deny' : 'Audit'",
    '      }',
    '    }',
    '  }',
    '}]',
    '',
  );

  add('/*** ALERTS ***/', '');
  for (let i = 0; i < alertCount; i++) {
    add(
      `resource alert${i} 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {`,
      `  name: 'PodFailedScheduledQuery-${i}'`,
      '  location: location',
      '  properties: {',
      `    description: 'Alert ${i} on pod failures in \${clusterName}'`,
      '    severity: 3',
      '    enabled: true',
      '    scopes: [',
      '      la.id',
      '    ]',
      "    evaluationFrequency: 'PT5M'",
      "    windowSize: 'PT10M'",
      '    criteria: {',
      '      allOf: [',
      '        {',
      `          query: '//https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-log-alerts \\r\\n let endDateTime = now(); let startDateTime = ago(1h); let clusterName = "\${clusterName}"; KubePodInventory | where TimeGenerated < endDateTime | where ClusterName == clusterName | summarize FailedCount = sumif(1, PodStatus =~ "Failed") by bin(TimeGenerated, 1m)'`,
      "          metricMeasureColumn: 'FailedCount'",
      "          operator: 'GreaterThan'",
      `          threshold: ${i + 1}`,
      "          timeAggregation: 'Average'",
      '          failingPeriods: {',
      '            minFailingPeriodsToAlert: 1',
      '            numberOfEvaluationPeriods: 1',
      '          }',
      '        }',
      '      ]',
      '    }',
      '    autoMitigate: true',
      '  }',
      '}',
      '',
    );
  }

  add('/*** CLUSTER ***/', '');
  add(
    "resource mc 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
    '  name: clusterName',
    '  location: location',
    '  tags: {',
    "    'Business unit': 'BU0001'",
    "    'Application identifier': 'a0008'",
    '  }',
    '  properties: {',
    '    kubernetesVersion: kubernetesVersion',
    '    dnsPrefix: uniqueString(subscription().subscriptionId, resourceGroup().id, clusterName)',
    '    agentPoolProfiles: [',
  );
  for (const [pool, mode] of [
    ['npsystem', 'System'],
    ['npuser01', 'User'],
  ] as const) {
    add(
      '      {',
      `        name: '${pool}'`,
      `        count: ${mode === 'System' ? 3 : 2}`,
      "        vmSize: 'Standard_D4d_v5'",
      '        osDiskSizeGB: 80',
      "        osDiskType: 'Ephemeral'",
      "        osType: 'Linux'",
      "        osSKU: 'AzureLinux'",
      `        minCount: ${mode === 'System' ? 3 : 2}`,
      '        maxCount: 5',
      '        vnetSubnetID: targetVirtualNetwork::snetClusternodes.id',
      '        enableAutoScaling: true',
      '        enableCustomCATrust: false',
      "        type: 'VirtualMachineScaleSets'",
      `        mode: '${mode}'`,
      "        scaleSetPriority: 'Regular'",
      "        scaleSetEvictionPolicy: 'Delete'",
      '        orchestratorVersion: kubernetesVersion',
      '        enableNodePublicIP: false',
      '        maxPods: 30',
      "        availabilityZones: [\n          '1'\n          '2'\n          '3'\n        ]",
      '        upgradeSettings: {',
      "          maxSurge: '33%'",
      '        }',
      ...(mode === 'System'
        ? ['        nodeTaints: [', "          'CriticalAddonsOnly=true:NoSchedule'", '        ]']
        : []),
      '      }',
    );
  }
  add(
    '    ]',
    '    addonProfiles: {',
    '      httpApplicationRouting: {',
    '        enabled: false',
    '      }',
    '      omsagent: {',
    '        enabled: true',
    '        config: {',
    '          logAnalyticsWorkspaceResourceID: la.id',
    '        }',
    '      }',
    '      aciConnectorLinux: {',
    '        enabled: false',
    '      }',
    '      azurepolicy: {',
    '        enabled: true',
    '        config: {',
    "          version: 'v2'",
    '        }',
    '      }',
    '      azureKeyvaultSecretsProvider: {',
    '        enabled: true',
    '        config: {',
    "          enableSecretRotation: 'false'",
    '        }',
    '      }',
    '    }',
    '    nodeResourceGroup: nodepoolsRGName',
    '    enableRBAC: true',
    '    networkProfile: {',
    "      networkPlugin: 'azure'",
    "      networkPluginMode: 'overlay'",
    "      podCidr: '192.168.0.0/16'",
    "      networkPolicy: 'azure'",
    "      outboundType: 'userDefinedRouting'",
    "      loadBalancerSku: 'standard'",
    '      loadBalancerProfile: null',
    "      serviceCidr: '172.16.0.0/16'",
    "      dnsServiceIP: '172.16.0.10'",
    '    }',
    '    aadProfile: {',
    '      managed: true',
    '      enableAzureRBAC: isUsingAzureRBACasKubernetesRBAC',
    '      adminGroupObjectIDs: ((!isUsingAzureRBACasKubernetesRBAC) ? array(clusterAdminMicrosoftEntraGroupObjectId) : [])',
    '      tenantID: k8sControlPlaneAuthorizationTenantId',
    '    }',
    '    autoScalerProfile: {',
  );
  for (const [key, value] of [
    ['balance-similar-node-groups', 'false'],
    ['expander', 'random'],
    ['max-empty-bulk-delete', '10'],
    ['max-graceful-termination-sec', '600'],
    ['max-node-provision-time', '15m'],
    ['max-total-unready-percentage', '45'],
    ['new-pod-scale-up-delay', '0s'],
    ['ok-total-unready-count', '3'],
    ['scale-down-delay-after-add', '10m'],
    ['scale-down-delay-after-delete', '20s'],
    ['scale-down-delay-after-failure', '3m'],
    ['scale-down-unneeded-time', '10m'],
    ['scale-down-unready-time', '20m'],
    ['scale-down-utilization-threshold', '0.5'],
    ['scan-interval', '10s'],
    ['skip-nodes-with-local-storage', 'true'],
    ['skip-nodes-with-system-pods', 'true'],
  ])
    add(`      '${key}': '${value}'`);
  add(
    '    }',
    '    apiServerAccessProfile: {',
    '      authorizedIPRanges: clusterAuthorizedIPRanges',
    '      enablePrivateClusterPublicFQDN: false',
    '      enablePrivateCluster: true',
    '      enableVnetIntegration: true',
    '      subnetId: targetVirtualNetwork::snetApiserver.id',
    '      disableRunCommand: true',
    '    }',
    '    podIdentityProfile: {',
    '      enabled: false',
    '    }',
    '    autoUpgradeProfile: {',
    "      nodeOSUpgradeChannel: 'NodeImage'",
    "      upgradeChannel: 'none'",
    '    }',
    '    azureMonitorProfile: {',
    '      metrics: {',
    '        enabled: true',
    '        kubeStateMetrics: {',
    "          metricLabelsAllowlist: ''",
    "          metricAnnotationsAllowList: ''",
    '        }',
    '      }',
    '    }',
    '    storageProfile: {',
    '      blobCSIDriver: {',
    '        enabled: false',
    '      }',
    '      diskCSIDriver: {',
    '        enabled: true',
    '      }',
    '      fileCSIDriver: {',
    '        enabled: false',
    '      }',
    '      snapshotController: {',
    '        enabled: false',
    '      }',
    '    }',
    '    workloadAutoScalerProfile: {',
    '      keda: {',
    '        enabled: false',
    '      }',
    '    }',
    '    securityProfile: {',
    '      workloadIdentity: {',
    '        enabled: true',
    '      }',
    '      imageCleaner: {',
    '        enabled: true',
    '        intervalHours: 120',
    '      }',
    '      azureKeyVaultKms: {',
    '        enabled: false',
    '      }',
    '      defender: {',
    '        logAnalyticsWorkspaceResourceId: la.id',
    '        securityMonitoring: {',
    '          enabled: true',
    '        }',
    '      }',
    '    }',
    '    oidcIssuerProfile: {',
    '      enabled: true',
    '    }',
    '    ingressProfile: {',
    '      webAppRouting: {',
    '        enabled: false',
    '      }',
    '    }',
    '  }',
    '  identity: {',
    "    type: 'UserAssigned'",
    '    userAssignedIdentities: {',
    "      '${miClusterControlPlane.id}': {}",
    '    }',
    '  }',
    '  sku: {',
    "    name: 'Base'",
    "    tier: 'Standard'",
    '  }',
    '',
  );
  for (const [symbol, name, day] of [
    ['os_maintenanceConfigurations', 'aksManagedNodeOSUpgradeSchedule', 'Tuesday'],
    ['upgrade_maintenanceConfigurations', 'aksManagedAutoUpgradeSchedule', 'Sunday'],
  ])
    add(
      `  resource ${symbol} 'maintenanceConfigurations' = {`,
      `    name: '${name}'`,
      '    properties: {',
      '      maintenanceWindow: {',
      '        durationHours: 12',
      '        schedule: {',
      '          weekly: {',
      `            dayOfWeek: '${day}'`,
      '            intervalWeeks: 1',
      '          }',
      '        }',
      "        startTime: '21:00'",
      '      }',
      '    }',
      '  }',
    );
  add('}', '');

  add(
    "resource acrKubeletAcrPullRole_roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {",
    '  scope: acr',
    '  name: guid(mc.id, acrPullRole.id)',
    '  properties: {',
    '    roleDefinitionId: acrPullRole.id',
    '    principalId: mc.properties.identityProfile.kubeletidentity.objectId',
    "    principalType: 'ServicePrincipal'",
    '  }',
    '}',
    '',
    "resource mcDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {",
    "  name: 'default'",
    '  scope: mc',
    '  properties: {',
    '    workspaceId: la.id',
    '    logs: [',
  );
  for (const category of ['cluster-autoscaler', 'kube-controller-manager', 'kube-audit-admin', 'guard'])
    add('      {', `        category: '${category}'`, '        enabled: true', '      }');
  add('    ]', '  }', '}', '');

  // Per-namespace reader role assignments, as the baseline grants its application team.
  let n = 0;
  while (out.length < 1080) {
    add(
      `resource namespaceReader${n}_roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (isUsingAzureRBACasKubernetesRBAC) {`,
      `  scope: mc`,
      `  name: guid('a0008-${n}', clusterReaderRole.id, a0008NamespaceReaderMicrosoftEntraGroupObjectId)`,
      '  properties: {',
      '    roleDefinitionId: clusterReaderRole.id',
      `    description: 'Members of this group are reader of namespace a0008-${n}.'`,
      '    principalId: a0008NamespaceReaderMicrosoftEntraGroupObjectId',
      "    principalType: 'Group'",
      '  }',
      '}',
      '',
    );
    n++;
  }
  add(
    '/*** OUTPUTS ***/',
    '',
    'output aksClusterName string = clusterName',
    'output aksIngressControllerPodManagedIdentityResourceId string = podmiIngressController.id',
    'output aksIngressControllerPodManagedIdentityClientId string = podmiIngressController.properties.clientId',
    'output keyVaultName string = kv.name',
    'output oidcIssuer string = mc.properties.oidcIssuerProfile.issuerURL',
  );
  return `${out.join('\n')}\n`;
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
