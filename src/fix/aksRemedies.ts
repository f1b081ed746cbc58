/**
 * How each failing AKS control is fixed on a running cluster (`az aks`) and in Terraform (azurerm), and what the
 * change costs: flags of `az aks update` that can share one command, add-ons that share one
 * `enable-addons`/`disable-addons` call, node-pool commands, and changes that need a new cluster or pool.
 * Flags and arguments follow azure-cli's `acs/_params.py` and the AKS docs cited in aks-controls.md §4.
 */
export type Impact = 'none' | 'reimage' | 'new-pool' | 'new-cluster' | 'manual';

export interface TerraformEdit {
  /** `cluster` edits the azurerm_kubernetes_cluster; `pool` the pool at fault (default_node_pool or node_pool resource). */
  scope: 'cluster' | 'pool';
  /** Attribute or block, azurerm 4 names (azurerm 3 name in `legacy`). */
  attribute: string;
  value: string;
  legacy?: string;
  /** The ARM property it sets (the Azure Verified Module takes it as a snake_case input). */
  arm?: string;
}

export interface Remedy {
  /** Flags for `az aks update` that can be combined with others in one command. */
  update?: string[];
  /** Flags that need an `az aks update` of their own (a network or identity migration). */
  updateAlone?: string[];
  enableAddons?: string[];
  disableAddons?: string[];
  /** Other cluster-level commands; `{rg}` and `{name}` are filled in. */
  commands?: string[];
  /** Per pool at fault; `{pool}` is filled in. */
  poolCommands?: string[];
  terraform: TerraformEdit[];
  impact: Impact;
  note?: string;
}

const NEW_POOL =
  'node pool settings fixed at creation: add a new pool with the setting, cordon and drain the old one, then delete it';

export const AKS_REMEDIES: Record<string, Remedy> = {
  'AKS-IAM-01': {
    commands: ['az aks create -g {rg} -n {name}-rbac ...   # RBAC cannot be enabled on an existing cluster'],
    terraform: [
      { scope: 'cluster', attribute: 'role_based_access_control_enabled', value: 'true', arm: 'enableRBAC' },
    ],
    impact: 'new-cluster',
    note: 'Kubernetes RBAC can only be set when the cluster is created (ForceNew in Terraform)',
  },
  'AKS-IAM-02': {
    update: ['--enable-aad', '--aad-admin-group-object-ids <ADMIN_GROUP_ID>'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azure_active_directory_role_based_access_control',
        value: '{ azure_rbac_enabled = true, admin_group_object_ids = ["<ADMIN_GROUP_ID>"] }',
        arm: 'aadProfile.managed',
      },
    ],
    impact: 'none',
  },
  'AKS-IAM-03': {
    update: ['--enable-azure-rbac'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azure_active_directory_role_based_access_control.azure_rbac_enabled',
        value: 'true',
        arm: 'aadProfile.enableAzureRBAC',
      },
    ],
    impact: 'none',
  },
  'AKS-IAM-04': {
    update: ['--disable-local-accounts'],
    terraform: [
      { scope: 'cluster', attribute: 'local_account_disabled', value: 'true', arm: 'disableLocalAccounts' },
    ],
    impact: 'none',
    note: 'requires Entra ID integration (--enable-aad); existing admin kubeconfigs stop working',
  },
  'AKS-IAM-05': {
    update: ['--aad-admin-group-object-ids <ADMIN_GROUP_ID>'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azure_active_directory_role_based_access_control.admin_group_object_ids',
        value: '["<ADMIN_GROUP_ID>"]',
        arm: 'aadProfile.adminGroupObjectIDs',
      },
    ],
    impact: 'none',
  },
  'AKS-IAM-06': {
    updateAlone: ['--enable-managed-identity'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'identity',
        value: '{ type = "SystemAssigned" } (remove service_principal)',
        arm: 'identity.type',
      },
    ],
    impact: 'reimage',
    note: 'the kubelet switches to a managed identity only after a node image upgrade (az aks upgrade --node-image-only)',
  },
  'AKS-IAM-07': {
    update: ['--enable-oidc-issuer', '--enable-workload-identity'],
    terraform: [
      { scope: 'cluster', attribute: 'oidc_issuer_enabled', value: 'true', arm: 'oidcIssuerProfile.enabled' },
      {
        scope: 'cluster',
        attribute: 'workload_identity_enabled',
        value: 'true',
        arm: 'securityProfile.workloadIdentity.enabled',
      },
    ],
    impact: 'none',
    note: 'migrate pod-managed identities first, then az aks update --disable-pod-identity',
  },
  'AKS-IAM-08': {
    update: ['--disable-run-command'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'run_command_enabled',
        value: 'false',
        arm: 'apiServerAccessProfile.disableRunCommand',
      },
    ],
    impact: 'none',
  },
  'AKS-IAM-09': {
    commands: ['az aks update -g {rg} -n {name} --attach-acr <ACR_NAME>   # grants AcrPull only'],
    terraform: [
      { scope: 'cluster', attribute: 'azurerm_role_assignment.role_definition_name', value: '"AcrPull"' },
    ],
    impact: 'none',
    note: 'remove the broader role assignments of the kubelet identity on the registry',
  },
  'AKS-NET-01': {
    commands: [
      'az aks create -g {rg} -n {name} --enable-private-cluster ...   # or, with API server VNet integration: az aks update --enable-private-cluster',
    ],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'private_cluster_enabled',
        value: 'true',
        arm: 'apiServerAccessProfile.enablePrivateCluster',
      },
    ],
    impact: 'new-cluster',
    note: 'private link clusters are created private; clusters with API server VNet integration can be switched in place',
  },
  'AKS-NET-02': {
    update: ['--disable-public-fqdn'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'private_cluster_public_fqdn_enabled',
        value: 'false',
        arm: 'apiServerAccessProfile.enablePrivateClusterPublicFQDN',
      },
    ],
    impact: 'none',
  },
  'AKS-NET-03': {
    update: ['--api-server-authorized-ip-ranges <CIDR,...>'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'api_server_access_profile.authorized_ip_ranges',
        value: '["<CIDR>"]',
        legacy: 'api_server_authorized_ip_ranges (azurerm < 3.39)',
        arm: 'apiServerAccessProfile.authorizedIPRanges',
      },
    ],
    impact: 'none',
  },
  'AKS-NET-04': {
    update: ['--api-server-authorized-ip-ranges <CIDR,...>'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'api_server_access_profile.authorized_ip_ranges',
        value: '[<narrow public CIDRs>]',
        arm: 'apiServerAccessProfile.authorizedIPRanges',
      },
    ],
    impact: 'none',
  },
  'AKS-NET-05': {
    updateAlone: ['--network-policy calico'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'network_profile.network_policy',
        value: '"calico"',
        arm: 'networkProfile.networkPolicy',
      },
    ],
    impact: 'reimage',
    note: 'enabling a network policy engine on an existing cluster re-images every node pool; Cilium instead needs --network-dataplane cilium',
  },
  'AKS-NET-06': {
    terraform: [
      {
        scope: 'cluster',
        attribute: 'network_profile',
        value: '{ network_plugin = "azure", network_policy = "calico" }',
        arm: 'networkProfile',
      },
    ],
    impact: 'manual',
    note: 'choose an engine that covers every pool: Calico with Azure CNI for Windows pools; Azure NPM needs Azure CNI; Cilium needs the Cilium dataplane',
  },
  'AKS-NET-07': {
    updateAlone: ['--network-plugin azure', '--network-plugin-mode overlay', '--pod-cidr 192.168.0.0/16'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'network_profile.network_plugin',
        value: '"azure"',
        arm: 'networkProfile.networkPlugin',
      },
      {
        scope: 'cluster',
        attribute: 'network_profile.network_plugin_mode',
        value: '"overlay"',
        arm: 'networkProfile.networkPluginMode',
      },
    ],
    impact: 'reimage',
    note: 'the kubenet → Azure CNI Overlay migration re-images all node pools',
  },
  'AKS-NET-08': {
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 ...   # without --enable-node-public-ip; then drain and delete {pool}',
    ],
    terraform: [
      {
        scope: 'pool',
        attribute: 'node_public_ip_enabled',
        value: 'false',
        legacy: 'enable_node_public_ip',
        arm: 'enableNodePublicIP',
      },
    ],
    impact: 'new-pool',
    note: NEW_POOL,
  },
  'AKS-NET-09': {
    commands: [
      'az aks update -g {rg} -n {name} --outbound-type userDefinedRouting   # after the subnet route table sends 0.0.0.0/0 to Azure Firewall',
    ],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'network_profile.outbound_type',
        value: '"userDefinedRouting"',
        arm: 'networkProfile.outboundType',
      },
    ],
    impact: 'manual',
    note: 'needs a firewall and a route table on the node subnet first (limit-egress-traffic)',
  },
  'AKS-NET-10': {
    commands: ['az aks enable-addons -g {rg} -n {name} --addons ingress-appgw --appgw-id <APPGW_WAF_V2_ID>'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'ingress_application_gateway',
        value: '{ gateway_id = <WAF_v2 gateway id> }',
        arm: 'addonProfiles.ingressApplicationGateway.enabled',
      },
    ],
    impact: 'none',
    note: 'then annotate in-cluster LoadBalancer Services as internal',
  },
  'AKS-NET-11': {
    disableAddons: ['http_application_routing'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'http_application_routing_enabled',
        value: 'false',
        arm: 'addonProfiles.httpApplicationRouting.enabled',
      },
    ],
    impact: 'none',
  },
  'AKS-NET-12': {
    update: ['--enable-imds-restriction'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azapi: networkProfile.podLinkLocalAccess',
        value: '"None"',
        arm: 'networkProfile.podLinkLocalAccess',
      },
    ],
    impact: 'none',
    note: 'IMDS restriction is a preview (aks-preview extension) and unsupported on Windows pools; alternatively deny 169.254.169.254/32 in egress NetworkPolicies',
  },
  'AKS-NET-13': {
    updateAlone: ['--enable-apiserver-vnet-integration', '--apiserver-subnet-id <SUBNET_ID>'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'api_server_access_profile.virtual_network_integration_enabled',
        value: 'true',
        arm: 'apiServerAccessProfile.enableVnetIntegration',
      },
    ],
    impact: 'none',
  },
  'AKS-NET-14': {
    commands: ['az aks create -g {rg} -n {name} --load-balancer-sku standard ...'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'network_profile.load_balancer_sku',
        value: '"standard"',
        arm: 'networkProfile.loadBalancerSku',
      },
    ],
    impact: 'new-cluster',
  },
  'AKS-DATA-01': {
    updateAlone: [
      '--enable-azure-keyvault-kms',
      '--azure-keyvault-kms-key-id <KEY_ID>',
      '--azure-keyvault-kms-key-vault-network-access Private',
      '--azure-keyvault-kms-key-vault-resource-id <KEY_VAULT_ID>',
    ],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'key_management_service',
        value: '{ key_vault_key_id = <KEY_ID>, key_vault_network_access = "Private" }',
        arm: 'securityProfile.azureKeyVaultKms.enabled',
      },
    ],
    impact: 'none',
    note: 'existing Secrets are encrypted with the key once rewritten (kubectl get secrets -A -o json | kubectl replace -f -)',
  },
  'AKS-DATA-02': {
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 --enable-encryption-at-host ...   # then drain and delete {pool}',
    ],
    terraform: [
      {
        scope: 'pool',
        attribute: 'host_encryption_enabled',
        value: 'true',
        legacy: 'enable_host_encryption',
        arm: 'enableEncryptionAtHost',
      },
    ],
    impact: 'new-pool',
    note: NEW_POOL,
  },
  'AKS-DATA-03': {
    commands: ['az aks create -g {rg} -n {name} --node-osdisk-diskencryptionset-id <DES_ID> ...'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'disk_encryption_set_id',
        value: '<DES_ID>',
        arm: 'diskEncryptionSetID',
      },
    ],
    impact: 'new-cluster',
  },
  'AKS-DATA-04': {
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 --node-osdisk-type Ephemeral ...   # then drain and delete {pool}',
    ],
    terraform: [{ scope: 'pool', attribute: 'os_disk_type', value: '"Ephemeral"', arm: 'osDiskType' }],
    impact: 'new-pool',
    note: NEW_POOL,
  },
  'AKS-DATA-05': {
    enableAddons: ['azure-keyvault-secrets-provider'],
    update: ['--enable-secret-rotation'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'key_vault_secrets_provider',
        value: '{ secret_rotation_enabled = true }',
        arm: 'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
      },
    ],
    impact: 'none',
  },
  'AKS-DATA-06': {
    terraform: [
      {
        scope: 'cluster',
        attribute: 'service_principal.client_secret / windows_profile.admin_password',
        value: 'var.<sensitive variable without default>',
      },
    ],
    impact: 'manual',
    note: 'rotate the exposed credential, remove it from the code and its history, pass it as a secure parameter or sensitive variable',
  },
  'AKS-NODE-01': {
    update: ['--node-os-upgrade-channel SecurityPatch'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'node_os_upgrade_channel',
        value: '"SecurityPatch"',
        legacy: 'node_os_channel_upgrade',
        arm: 'autoUpgradeProfile.nodeOSUpgradeChannel',
      },
    ],
    impact: 'none',
    note: 'changing the node OS channel can trigger a re-image at the next maintenance window',
  },
  'AKS-NODE-02': {
    update: ['--node-os-upgrade-channel NodeImage'],
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 --os-type Windows --os-sku Windows2022 ...   # when {pool} runs Windows Server 2019',
    ],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'node_os_upgrade_channel',
        value: '"NodeImage"',
        arm: 'autoUpgradeProfile.nodeOSUpgradeChannel',
      },
      { scope: 'pool', attribute: 'os_sku', value: '"Windows2022"', arm: 'osSKU' },
    ],
    impact: 'new-pool',
  },
  'AKS-NODE-03': {
    update: ['--auto-upgrade-channel patch'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'automatic_upgrade_channel',
        value: '"patch"',
        legacy: 'automatic_channel_upgrade',
        arm: 'autoUpgradeProfile.upgradeChannel',
      },
    ],
    impact: 'none',
  },
  'AKS-NODE-04': {
    commands: [
      'az aks upgrade -g {rg} -n {name} --kubernetes-version <SUPPORTED_VERSION>   # one minor version at a time',
    ],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'kubernetes_version',
        value: '"<SUPPORTED_VERSION>"',
        arm: 'kubernetesVersion',
      },
    ],
    impact: 'reimage',
    note: 'upgrades roll every node (surge, cordon, drain)',
  },
  'AKS-NODE-05': {
    poolCommands: ['az aks nodepool update -g {rg} --cluster-name {name} -n {pool} --ssh-access disabled'],
    terraform: [
      {
        scope: 'pool',
        attribute: 'azapi agentPools: securityProfile.sshAccess',
        value: '"Disabled"',
        arm: 'securityProfile.sshAccess',
      },
    ],
    impact: 'reimage',
    note: 'changing SSH access re-images the pool; azurerm has no attribute (use azapi_update_resource)',
  },
  'AKS-NODE-06': {
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 --os-sku AzureLinux ...   # (Windows: --os-sku Windows2022) then drain and delete {pool}',
    ],
    terraform: [{ scope: 'pool', attribute: 'os_sku', value: '"AzureLinux"', arm: 'osSKU' }],
    impact: 'new-pool',
    note: NEW_POOL,
  },
  'AKS-NODE-07': {
    poolCommands: [
      'az aks nodepool update -g {rg} --cluster-name {name} -n {pool} --enable-secure-boot --enable-vtpm',
    ],
    terraform: [
      {
        scope: 'pool',
        attribute: 'azapi agentPools: securityProfile',
        value: '{ enableSecureBoot = true, enableVTPM = true }',
        arm: 'securityProfile.enableSecureBoot',
      },
    ],
    impact: 'reimage',
  },
  'AKS-NODE-08': {
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 --enable-fips-image ...   # then drain and delete {pool}',
    ],
    terraform: [{ scope: 'pool', attribute: 'fips_enabled', value: 'true', arm: 'enableFIPS' }],
    impact: 'new-pool',
  },
  'AKS-NODE-09': {
    poolCommands: [
      'az aks nodepool update -g {rg} --cluster-name {name} -n {pool} --node-taints CriticalAddonsOnly=true:NoSchedule   # after adding a User pool for applications',
    ],
    terraform: [
      { scope: 'pool', attribute: 'only_critical_addons_enabled', value: 'true', arm: 'nodeTaints' },
    ],
    impact: 'none',
  },
  'AKS-NODE-10': {
    update: ['--nrg-lockdown-restriction-level ReadOnly'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azapi: nodeResourceGroupProfile.restrictionLevel',
        value: '"ReadOnly"',
        arm: 'nodeResourceGroupProfile.restrictionLevel',
      },
    ],
    impact: 'none',
  },
  'AKS-NODE-11': {
    commands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n sandbox --os-sku AzureLinux --workload-runtime KataVmIsolation',
    ],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azurerm_kubernetes_cluster_node_pool.workload_runtime',
        value: '"KataMshvVmIsolation"',
      },
    ],
    impact: 'none',
  },
  'AKS-MON-01': {
    update: ['--enable-defender'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'microsoft_defender',
        value: '{ log_analytics_workspace_id = <WORKSPACE_ID> }',
        arm: 'securityProfile.defender.securityMonitoring.enabled',
      },
    ],
    impact: 'none',
  },
  'AKS-MON-02': {
    commands: [
      'az monitor diagnostic-settings create --resource $(az aks show -g {rg} -n {name} --query id -o tsv) -n aks-audit --workspace <WORKSPACE_ID> --logs \'[{"category":"kube-audit-admin","enabled":true},{"category":"guard","enabled":true}]\'',
    ],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azurerm_monitor_diagnostic_setting',
        value: '{ enabled_log { category = "kube-audit-admin" } }',
      },
    ],
    impact: 'none',
  },
  'AKS-MON-03': {
    enableAddons: ['monitoring'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'oms_agent',
        value: '{ log_analytics_workspace_id = <WORKSPACE_ID> }',
        arm: 'addonProfiles.omsagent.enabled',
      },
    ],
    impact: 'none',
  },
  'AKS-GOV-01': {
    enableAddons: ['azure-policy'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azure_policy_enabled',
        value: 'true',
        arm: 'addonProfiles.azurepolicy.enabled',
      },
    ],
    impact: 'none',
  },
  'AKS-GOV-02': {
    terraform: [
      {
        scope: 'cluster',
        attribute: 'enable_pod_security_policy',
        value: '(remove)',
        arm: 'enablePodSecurityPolicy',
      },
    ],
    impact: 'manual',
    note: 'PodSecurityPolicy is gone since Kubernetes 1.25: label namespaces for Pod Security Admission instead',
  },
  'AKS-GOV-03': {
    update: ['--enable-image-cleaner'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'image_cleaner_enabled',
        value: 'true',
        arm: 'securityProfile.imageCleaner.enabled',
      },
    ],
    impact: 'none',
  },
  'AKS-GOV-04': {
    disableAddons: ['kube-dashboard'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'addon_profile.kube_dashboard.enabled',
        value: 'false (remove the block)',
        arm: 'addonProfiles.kubeDashboard.enabled',
      },
    ],
    impact: 'none',
  },
  'AKS-GOV-05': {
    update: ['--tags tenancy=<single-team|multi-team|hostile-multi-tenant>'],
    terraform: [{ scope: 'cluster', attribute: 'tags', value: '{ tenancy = "<model>" }', arm: 'tags' }],
    impact: 'none',
  },
  'AKS-GOV-06': {
    update: ['--tier standard'],
    terraform: [{ scope: 'cluster', attribute: 'sku_tier', value: '"Standard"', arm: 'sku.tier' }],
    impact: 'none',
  },
  'AKS-GOV-07': {
    commands: [
      'az aks maintenanceconfiguration add -g {rg} --cluster-name {name} -n aksManagedAutoUpgradeSchedule --schedule-type Weekly --day-of-week Sunday --interval-weeks 1 --start-time 01:00 --duration 4',
    ],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'maintenance_window_auto_upgrade',
        value:
          '{ frequency = "Weekly", interval = 1, day_of_week = "Sunday", start_time = "01:00", duration = 4 }',
      },
    ],
    impact: 'none',
  },
  'X-NET-policiesNotEnforced': {
    updateAlone: ['--network-policy calico'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'network_profile.network_policy',
        value: '"calico"',
        arm: 'networkProfile.networkPolicy',
      },
    ],
    impact: 'reimage',
    note: 'enabling a network policy engine re-images every node pool',
  },
};
