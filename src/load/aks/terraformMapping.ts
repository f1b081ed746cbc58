/**
 * azurerm attribute → ARM field, for every provider generation (azurerm 2.x, 3.x, 4.x; the renames are
 * listed in the provider's 3.0 and 4.0 upgrade guides). A Terraform path walks blocks by name (the first
 * block of a repeated name); `invert` flips a boolean (`run_command_enabled` → `disableRunCommand`).
 * `present` maps the presence of a block to `true` (`oms_agent {}` → the omsagent add-on is enabled).
 */
export interface AttributeMapping {
  tf: string;
  arm: string;
  invert?: boolean;
  present?: boolean;
  /** Converts a boolean to an ARM enum (`public_network_access_enabled` → `Enabled`/`Disabled`). */
  enumOf?: [string, string];
}

export const clusterMappings: AttributeMapping[] = [
  { tf: 'kubernetes_version', arm: 'kubernetesVersion' },
  { tf: 'tags', arm: 'tags' },
  { tf: 'sku_tier', arm: 'sku.tier' },
  { tf: 'support_plan', arm: 'supportPlan' },
  // Identity and access
  { tf: 'role_based_access_control_enabled', arm: 'enableRBAC' },
  { tf: 'role_based_access_control.enabled', arm: 'enableRBAC' },
  { tf: 'local_account_disabled', arm: 'disableLocalAccounts' },
  {
    tf: 'azure_active_directory_role_based_access_control.azure_rbac_enabled',
    arm: 'aadProfile.enableAzureRBAC',
  },
  {
    tf: 'azure_active_directory_role_based_access_control.admin_group_object_ids',
    arm: 'aadProfile.adminGroupObjectIDs',
  },
  { tf: 'azure_active_directory_role_based_access_control.tenant_id', arm: 'aadProfile.tenantID' },
  { tf: 'azure_active_directory_role_based_access_control.client_app_id', arm: 'aadProfile.clientAppID' },
  { tf: 'azure_active_directory_role_based_access_control.server_app_id', arm: 'aadProfile.serverAppID' },
  {
    tf: 'azure_active_directory_role_based_access_control.server_app_secret',
    arm: 'aadProfile.serverAppSecret',
  },
  { tf: 'role_based_access_control.azure_active_directory.managed', arm: 'aadProfile.managed' },
  {
    tf: 'role_based_access_control.azure_active_directory.azure_rbac_enabled',
    arm: 'aadProfile.enableAzureRBAC',
  },
  {
    tf: 'role_based_access_control.azure_active_directory.admin_group_object_ids',
    arm: 'aadProfile.adminGroupObjectIDs',
  },
  { tf: 'role_based_access_control.azure_active_directory.client_app_id', arm: 'aadProfile.clientAppID' },
  { tf: 'role_based_access_control.azure_active_directory.server_app_id', arm: 'aadProfile.serverAppID' },
  {
    tf: 'role_based_access_control.azure_active_directory.server_app_secret',
    arm: 'aadProfile.serverAppSecret',
  },
  { tf: 'identity.type', arm: 'identity.type' },
  { tf: 'service_principal.client_id', arm: 'servicePrincipalProfile.clientId' },
  { tf: 'service_principal.client_secret', arm: 'servicePrincipalProfile.secret' },
  { tf: 'workload_identity_enabled', arm: 'securityProfile.workloadIdentity.enabled' },
  { tf: 'oidc_issuer_enabled', arm: 'oidcIssuerProfile.enabled' },
  { tf: 'run_command_enabled', arm: 'apiServerAccessProfile.disableRunCommand', invert: true },
  // Network
  { tf: 'private_cluster_enabled', arm: 'apiServerAccessProfile.enablePrivateCluster' },
  { tf: 'private_link_enabled', arm: 'apiServerAccessProfile.enablePrivateCluster' },
  { tf: 'private_cluster_public_fqdn_enabled', arm: 'apiServerAccessProfile.enablePrivateClusterPublicFQDN' },
  { tf: 'private_dns_zone_id', arm: 'apiServerAccessProfile.privateDNSZone' },
  { tf: 'public_network_access_enabled', arm: 'publicNetworkAccess', enumOf: ['Enabled', 'Disabled'] },
  { tf: 'api_server_authorized_ip_ranges', arm: 'apiServerAccessProfile.authorizedIPRanges' },
  { tf: 'api_server_access_profile.authorized_ip_ranges', arm: 'apiServerAccessProfile.authorizedIPRanges' },
  {
    tf: 'api_server_access_profile.virtual_network_integration_enabled',
    arm: 'apiServerAccessProfile.enableVnetIntegration',
  },
  { tf: 'network_profile.network_plugin', arm: 'networkProfile.networkPlugin' },
  { tf: 'network_profile.network_policy', arm: 'networkProfile.networkPolicy' },
  { tf: 'network_profile.network_plugin_mode', arm: 'networkProfile.networkPluginMode' },
  { tf: 'network_profile.network_data_plane', arm: 'networkProfile.networkDataplane' },
  { tf: 'network_profile.ebpf_data_plane', arm: 'networkProfile.networkDataplane' },
  { tf: 'network_profile.network_mode', arm: 'networkProfile.networkMode' },
  { tf: 'network_profile.outbound_type', arm: 'networkProfile.outboundType' },
  { tf: 'network_profile.load_balancer_sku', arm: 'networkProfile.loadBalancerSku' },
  { tf: 'http_application_routing_enabled', arm: 'addonProfiles.httpApplicationRouting.enabled' },
  {
    tf: 'addon_profile.http_application_routing.enabled',
    arm: 'addonProfiles.httpApplicationRouting.enabled',
  },
  {
    tf: 'ingress_application_gateway',
    arm: 'addonProfiles.ingressApplicationGateway.enabled',
    present: true,
  },
  {
    tf: 'addon_profile.ingress_application_gateway.enabled',
    arm: 'addonProfiles.ingressApplicationGateway.enabled',
  },
  { tf: 'web_app_routing', arm: 'ingressProfile.webAppRouting.enabled', present: true },
  // Data protection
  { tf: 'key_management_service', arm: 'securityProfile.azureKeyVaultKms.enabled', present: true },
  { tf: 'key_management_service.key_vault_key_id', arm: 'securityProfile.azureKeyVaultKms.keyId' },
  {
    tf: 'key_management_service.key_vault_network_access',
    arm: 'securityProfile.azureKeyVaultKms.keyVaultNetworkAccess',
  },
  { tf: 'disk_encryption_set_id', arm: 'diskEncryptionSetID' },
  {
    tf: 'key_vault_secrets_provider',
    arm: 'addonProfiles.azureKeyvaultSecretsProvider.enabled',
    present: true,
  },
  {
    tf: 'key_vault_secrets_provider.secret_rotation_enabled',
    arm: 'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
  },
  {
    tf: 'addon_profile.azure_keyvault_secrets_provider.enabled',
    arm: 'addonProfiles.azureKeyvaultSecretsProvider.enabled',
  },
  {
    tf: 'addon_profile.azure_keyvault_secrets_provider.secret_rotation_enabled',
    arm: 'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
  },
  { tf: 'windows_profile.admin_password', arm: 'windowsProfile.adminPassword' },
  // Nodes and upgrades
  { tf: 'automatic_channel_upgrade', arm: 'autoUpgradeProfile.upgradeChannel' },
  { tf: 'automatic_upgrade_channel', arm: 'autoUpgradeProfile.upgradeChannel' },
  { tf: 'node_os_channel_upgrade', arm: 'autoUpgradeProfile.nodeOSUpgradeChannel' },
  { tf: 'node_os_upgrade_channel', arm: 'autoUpgradeProfile.nodeOSUpgradeChannel' },
  // Monitoring and governance
  { tf: 'microsoft_defender', arm: 'securityProfile.defender.securityMonitoring.enabled', present: true },
  { tf: 'oms_agent', arm: 'addonProfiles.omsagent.enabled', present: true },
  { tf: 'addon_profile.oms_agent.enabled', arm: 'addonProfiles.omsagent.enabled' },
  { tf: 'monitor_metrics', arm: 'azureMonitorProfile.metrics.enabled', present: true },
  { tf: 'azure_policy_enabled', arm: 'addonProfiles.azurepolicy.enabled' },
  { tf: 'addon_profile.azure_policy.enabled', arm: 'addonProfiles.azurepolicy.enabled' },
  { tf: 'addon_profile.kube_dashboard.enabled', arm: 'addonProfiles.kubeDashboard.enabled' },
  { tf: 'enable_pod_security_policy', arm: 'enablePodSecurityPolicy' },
  { tf: 'image_cleaner_enabled', arm: 'securityProfile.imageCleaner.enabled' },
];

/** `default_node_pool`, `agent_pool_profile` (azurerm 1.x/2.x) and `azurerm_kubernetes_cluster_node_pool` attributes. */
export const poolMappings: AttributeMapping[] = [
  { tf: 'name', arm: 'name' },
  { tf: 'vm_size', arm: 'vmSize' },
  { tf: 'os_type', arm: 'osType' },
  { tf: 'os_sku', arm: 'osSKU' },
  { tf: 'mode', arm: 'mode' },
  { tf: 'type', arm: 'type' },
  { tf: 'os_disk_type', arm: 'osDiskType' },
  { tf: 'orchestrator_version', arm: 'orchestratorVersion' },
  { tf: 'node_public_ip_enabled', arm: 'enableNodePublicIP' },
  { tf: 'enable_node_public_ip', arm: 'enableNodePublicIP' },
  { tf: 'host_encryption_enabled', arm: 'enableEncryptionAtHost' },
  { tf: 'enable_host_encryption', arm: 'enableEncryptionAtHost' },
  { tf: 'fips_enabled', arm: 'enableFIPS' },
  { tf: 'node_taints', arm: 'nodeTaints' },
  { tf: 'workload_runtime', arm: 'workloadRuntime' },
  { tf: 'max_pods', arm: 'maxPods' },
  { tf: 'priority', arm: 'scaleSetPriority' },
  { tf: 'only_critical_addons_enabled', arm: 'onlyCriticalAddonsEnabled' },
  { tf: 'node_public_ip_prefix_id', arm: 'nodePublicIPPrefixID' },
];
