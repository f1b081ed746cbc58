/**
 * How each failing AKS control is fixed on a running cluster (`az aks`) and in Terraform (azurerm), and what the
 * change costs: flags of `az aks update` that can share one command, add-ons that share one
 * `enable-addons`/`disable-addons` call, node-pool commands, and changes that need a new cluster or pool.
 * Flags and arguments follow azure-cli's `acs/_params.py` and the AKS docs cited in aks-controls.md §4.
 */
export type Impact = 'none' | 'reimage' | 'new-pool' | 'new-cluster' | 'manual';

/** A JSON value with ARM semantics (add-on `config` values are strings, as the API has them). */
export type ArmValue =
  | string
  | number
  | boolean
  | null
  | readonly ArmValue[]
  | { readonly [key: string]: ArmValue };

/** An attribute and its value written for one dialect. */
export interface DialectEdit {
  attribute: string;
  value: string;
}

/**
 * One change, written once per dialect: azurerm in `attribute`/`value`; the ARM property in `arm`, from which the
 * ARM template, azapi body and Azure Verified Module (snake_case input, ARM semantics) lines are derived; and
 * explicit `avm`/`azapi`/`armTemplate` lines where the derivation does not hold (identity, child resources,
 * resources beside the cluster). `{cluster}` in a value stands for the cluster's address.
 */
export interface TerraformEdit {
  /** `cluster`: the cluster; `pool`: the pool at fault; `newPool`: a pool to add, named `poolName`. */
  scope: 'cluster' | 'pool' | 'newPool';
  /** Attribute or block, azurerm 4 names (azurerm 3 name in `legacy`), with azurerm semantics. */
  attribute: string;
  value: string;
  legacy?: string;
  /** azurerm, for a pool that is an `azurerm_kubernetes_cluster_node_pool` when the attribute exists on `default_node_pool` only. */
  nodePoolResource?: DialectEdit;
  /**
   * The ARM property (relative to `properties`, or the pool's `properties`; `identity`, `sku`, `tags` are top-level)
   * and its value with ARM semantics; `child` names a child or extension resource that carries it.
   */
  arm?: { path: string; value: ArmValue; child?: string };
  /** The change removes the property. */
  remove?: boolean;
  poolName?: string;
  avm?: DialectEdit;
  azapi?: DialectEdit;
  armTemplate?: DialectEdit;
  /** A Bicep resource, and a call of the Bicep AKS Verified Module (Bicep syntax). */
  bicep?: DialectEdit;
  bicepAvm?: DialectEdit;
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
  /** Note parts that hold for one dialect only (`azurerm`, `avm`, `azapi`, `armTemplate`). */
  dialectNotes?: Partial<Record<'azurerm' | 'avm' | 'azapi' | 'armTemplate' | 'bicep' | 'bicepAvm', string>>;
}

const NEW_POOL =
  'node pool settings fixed at creation: add a new pool with the setting, cordon and drain the old one, then delete it';

const WORKSPACE = '<WORKSPACE_ID>';
const ACR_PULL_ROLE = '7f951dda-4ed3-4680-a7ca-43fe172d538d';

/** Static remedies; the network policy engine rules have cluster-dependent ones (`engineRemedy.ts`). */
export const AKS_REMEDIES: Record<string, Remedy> = {
  'AKS-IAM-01': {
    commands: ['az aks create -g {rg} -n {name}-rbac ...   # RBAC cannot be enabled on an existing cluster'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'role_based_access_control_enabled',
        value: 'true',
        arm: { path: 'enableRBAC', value: true },
      },
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
        arm: {
          path: 'aadProfile',
          value: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: ['<ADMIN_GROUP_ID>'] },
        },
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
        arm: { path: 'aadProfile.enableAzureRBAC', value: true },
      },
    ],
    impact: 'none',
  },
  'AKS-IAM-04': {
    update: ['--disable-local-accounts'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'local_account_disabled',
        value: 'true',
        arm: { path: 'disableLocalAccounts', value: true },
      },
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
        arm: { path: 'aadProfile.adminGroupObjectIDs', value: ['<ADMIN_GROUP_ID>'] },
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
        arm: { path: 'identity.type', value: 'SystemAssigned' },
        avm: {
          attribute: 'managed_identities',
          value: '{ system_assigned = true } (remove service_principal_profile)',
        },
        azapi: {
          attribute: 'identity',
          value: '{ type = "SystemAssigned" } (remove body.properties.servicePrincipalProfile)',
        },
        armTemplate: {
          attribute: 'identity.type',
          value: '"SystemAssigned" (remove properties.servicePrincipalProfile)',
        },
        bicep: {
          attribute: 'identity.type',
          value: "'SystemAssigned' (remove properties.servicePrincipalProfile)",
        },
        bicepAvm: {
          attribute: 'params.managedIdentities',
          value: '{ systemAssigned: true } (remove params.aksServicePrincipalProfile)',
        },
      },
    ],
    impact: 'reimage',
    note: 'the kubelet switches to a managed identity only after a node image upgrade (az aks upgrade --node-image-only)',
  },
  'AKS-IAM-07': {
    update: ['--enable-oidc-issuer', '--enable-workload-identity'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'oidc_issuer_enabled',
        value: 'true',
        arm: { path: 'oidcIssuerProfile.enabled', value: true },
      },
      {
        scope: 'cluster',
        attribute: 'workload_identity_enabled',
        value: 'true',
        arm: { path: 'securityProfile.workloadIdentity.enabled', value: true },
      },
    ],
    impact: 'none',
    note: 'migrate pod-managed identities first, then az aks update --disable-pod-identity',
  },
  'AKS-IAM-08': {
    update: ['--disable-run-command'],
    terraform: [
      {
        // azurerm `run_command_enabled = false` is ARM `disableRunCommand: true`.
        scope: 'cluster',
        attribute: 'run_command_enabled',
        value: 'false',
        arm: { path: 'apiServerAccessProfile.disableRunCommand', value: true },
      },
    ],
    impact: 'none',
  },
  'AKS-IAM-09': {
    commands: ['az aks update -g {rg} -n {name} --attach-acr <ACR_NAME>   # grants AcrPull only'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azurerm_role_assignment.role_definition_name',
        value: '"AcrPull"',
        armTemplate: {
          attribute:
            'Microsoft.Authorization/roleAssignments (scope: the registry) properties.roleDefinitionId',
          value: `"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ACR_PULL_ROLE}')]"   (AcrPull)`,
        },
        bicep: {
          attribute:
            "resource 'Microsoft.Authorization/roleAssignments@2022-04-01' (scope: the registry) properties.roleDefinitionId",
          value: `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ACR_PULL_ROLE}')   (AcrPull)`,
        },
        bicepAvm: {
          attribute:
            "module 'br/public:avm/ptn/authorization/resource-role-assignment:0.1.2' params.roleDefinitionId (principalId: {cluster}.outputs.kubeletIdentityObjectId, resourceId: the registry)",
          value: `'${ACR_PULL_ROLE}'   (AcrPull)`,
        },
      },
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
        arm: { path: 'apiServerAccessProfile.enablePrivateCluster', value: true },
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
        arm: { path: 'apiServerAccessProfile.enablePrivateClusterPublicFQDN', value: false },
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
        arm: { path: 'apiServerAccessProfile.authorizedIPRanges', value: ['<CIDR>'] },
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
        value: '["<NARROW_PUBLIC_CIDR>"]',
        arm: { path: 'apiServerAccessProfile.authorizedIPRanges', value: ['<NARROW_PUBLIC_CIDR>'] },
      },
    ],
    impact: 'none',
  },
  'AKS-NET-07': {
    updateAlone: ['--network-plugin azure', '--network-plugin-mode overlay', '--pod-cidr 192.168.0.0/16'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'network_profile.network_plugin',
        value: '"azure"',
        arm: { path: 'networkProfile.networkPlugin', value: 'azure' },
      },
      {
        scope: 'cluster',
        attribute: 'network_profile.network_plugin_mode',
        value: '"overlay"',
        arm: { path: 'networkProfile.networkPluginMode', value: 'overlay' },
      },
      {
        scope: 'cluster',
        attribute: 'network_profile.pod_cidr',
        value: '"192.168.0.0/16"',
        arm: { path: 'networkProfile.podCidr', value: '192.168.0.0/16' },
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
        arm: { path: 'enableNodePublicIP', value: false },
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
        arm: { path: 'networkProfile.outboundType', value: 'userDefinedRouting' },
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
        value: '{ gateway_id = "<APPGW_WAF_V2_ID>" }',
        arm: {
          path: 'addonProfiles.ingressApplicationGateway',
          value: { enabled: true, config: { applicationGatewayId: '<APPGW_WAF_V2_ID>' } },
        },
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
        arm: { path: 'addonProfiles.httpApplicationRouting.enabled', value: false },
      },
    ],
    impact: 'none',
  },
  'AKS-NET-12': {
    update: ['--enable-imds-restriction'],
    terraform: [
      {
        // azurerm and the AVM have no attribute for this preview property.
        scope: 'cluster',
        attribute: 'azapi_update_resource body.properties.networkProfile.podLinkLocalAccess',
        value: '"None"',
        arm: { path: 'networkProfile.podLinkLocalAccess', value: 'None' },
        avm: {
          attribute: 'azapi_update_resource body.properties.networkProfile.podLinkLocalAccess',
          value: '"None"',
        },
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
        arm: { path: 'apiServerAccessProfile.enableVnetIntegration', value: true },
      },
      {
        scope: 'cluster',
        attribute: 'api_server_access_profile.subnet_id',
        value: '"<SUBNET_ID>"',
        arm: { path: 'apiServerAccessProfile.subnetId', value: '<SUBNET_ID>' },
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
        arm: { path: 'networkProfile.loadBalancerSku', value: 'standard' },
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
        // ARM needs keyVaultResourceId with Private network access; azurerm derives it from the key.
        scope: 'cluster',
        attribute: 'key_management_service',
        value: '{ key_vault_key_id = "<KEY_ID>", key_vault_network_access = "Private" }',
        arm: {
          path: 'securityProfile.azureKeyVaultKms',
          value: {
            enabled: true,
            keyId: '<KEY_ID>',
            keyVaultNetworkAccess: 'Private',
            keyVaultResourceId: '<KEY_VAULT_ID>',
          },
        },
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
        arm: { path: 'enableEncryptionAtHost', value: true },
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
        value: '"<DES_ID>"',
        arm: { path: 'diskEncryptionSetID', value: '<DES_ID>' },
      },
    ],
    impact: 'new-cluster',
  },
  'AKS-DATA-04': {
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 --node-osdisk-type Ephemeral ...   # then drain and delete {pool}',
    ],
    terraform: [
      {
        scope: 'pool',
        attribute: 'os_disk_type',
        value: '"Ephemeral"',
        arm: { path: 'osDiskType', value: 'Ephemeral' },
      },
    ],
    impact: 'new-pool',
    note: NEW_POOL,
  },
  'AKS-DATA-05': {
    enableAddons: ['azure-keyvault-secrets-provider'],
    update: ['--enable-secret-rotation'],
    terraform: [
      {
        // ARM add-on config values are strings.
        scope: 'cluster',
        attribute: 'key_vault_secrets_provider',
        value: '{ secret_rotation_enabled = true }',
        arm: {
          path: 'addonProfiles.azureKeyvaultSecretsProvider',
          value: { enabled: true, config: { enableSecretRotation: 'true' } },
        },
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
        avm: {
          attribute: 'service_principal_profile.secret / windows_profile_password',
          value: 'var.<sensitive variable without default>',
        },
        azapi: {
          attribute:
            'body.properties.servicePrincipalProfile.secret / body.properties.windowsProfile.adminPassword',
          value: 'var.<sensitive variable without default>',
        },
        armTemplate: {
          attribute: 'properties.servicePrincipalProfile.secret / properties.windowsProfile.adminPassword',
          value: `"[parameters('<secureString parameter without default>')]"`,
        },
        bicep: {
          attribute: 'properties.servicePrincipalProfile.secret / properties.windowsProfile.adminPassword',
          value: '<@secure() param without default>',
        },
        bicepAvm: {
          attribute: 'params.aksServicePrincipalProfile.secret / params.windowsProfile.adminPassword',
          value: '<@secure() param without default>',
        },
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
        arm: { path: 'autoUpgradeProfile.nodeOSUpgradeChannel', value: 'SecurityPatch' },
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
        arm: { path: 'autoUpgradeProfile.nodeOSUpgradeChannel', value: 'NodeImage' },
      },
      {
        scope: 'pool',
        attribute: 'os_sku',
        value: '"Windows2022"',
        arm: { path: 'osSKU', value: 'Windows2022' },
      },
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
        arm: { path: 'autoUpgradeProfile.upgradeChannel', value: 'patch' },
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
        arm: { path: 'kubernetesVersion', value: '<SUPPORTED_VERSION>' },
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
        attribute: 'azapi_update_resource body.properties.securityProfile.sshAccess',
        value: '"Disabled"',
        arm: { path: 'securityProfile.sshAccess', value: 'Disabled' },
      },
    ],
    impact: 'reimage',
    note: 'changing SSH access re-images the pool',
    dialectNotes: {
      azurerm: 'azurerm has no attribute: use azapi_update_resource on the agent pool',
      // modules/agentpool/locals.tf of the module comments out sshAccess ("Temporary Patch sshAccess removed").
      avm: 'check that your module version passes ssh_access to the API (some versions drop it)',
    },
  },
  'AKS-NODE-06': {
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 --os-sku AzureLinux ...   # (Windows: --os-sku Windows2022) then drain and delete {pool}',
    ],
    terraform: [
      {
        scope: 'pool',
        attribute: 'os_sku',
        value: '"AzureLinux"',
        arm: { path: 'osSKU', value: 'AzureLinux' },
      },
    ],
    impact: 'new-pool',
    note: NEW_POOL,
  },
  'AKS-NODE-07': {
    poolCommands: [
      'az aks nodepool update -g {rg} --cluster-name {name} -n {pool} --enable-secure-boot --enable-vtpm',
    ],
    terraform: [
      {
        // azurerm has no Trusted Launch attribute: the agent pool's ARM body through azapi.
        scope: 'pool',
        attribute: 'azapi_update_resource body.properties.securityProfile',
        value: '{ enableSecureBoot = true, enableVTPM = true }',
        arm: { path: 'securityProfile', value: { enableSecureBoot: true, enableVTPM: true } },
      },
    ],
    impact: 'reimage',
    dialectNotes: {
      azurerm: 'azurerm has no Trusted Launch attribute: use azapi_update_resource on the agent pool',
    },
  },
  'AKS-NODE-08': {
    poolCommands: [
      'az aks nodepool add -g {rg} --cluster-name {name} -n {pool}2 --enable-fips-image ...   # then drain and delete {pool}',
    ],
    terraform: [
      {
        scope: 'pool',
        attribute: 'fips_enabled',
        value: 'true',
        arm: { path: 'enableFIPS', value: true },
      },
    ],
    impact: 'new-pool',
  },
  'AKS-NODE-09': {
    poolCommands: [
      'az aks nodepool update -g {rg} --cluster-name {name} -n {pool} --node-taints CriticalAddonsOnly=true:NoSchedule   # after adding a User pool for applications',
    ],
    terraform: [
      {
        // azurerm sets the taint through `only_critical_addons_enabled`, which only default_node_pool has.
        scope: 'pool',
        attribute: 'only_critical_addons_enabled',
        value: 'true',
        nodePoolResource: { attribute: 'node_taints', value: '["CriticalAddonsOnly=true:NoSchedule"]' },
        arm: { path: 'nodeTaints', value: ['CriticalAddonsOnly=true:NoSchedule'] },
      },
    ],
    impact: 'none',
  },
  'AKS-NODE-10': {
    update: ['--nrg-lockdown-restriction-level ReadOnly'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'azapi_update_resource body.properties.nodeResourceGroupProfile.restrictionLevel',
        value: '"ReadOnly"',
        arm: { path: 'nodeResourceGroupProfile.restrictionLevel', value: 'ReadOnly' },
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
        // KataVmIsolation is the stable ARM value (API 2025-09-01, aks-controls.md NODE-11); KataMshvVmIsolation
        // is the older preview name.
        scope: 'newPool',
        poolName: 'sandbox',
        attribute: 'azurerm_kubernetes_cluster_node_pool.sandbox',
        value:
          '{ kubernetes_cluster_id = {cluster}.id, name = "sandbox", vm_size = "<VM_SIZE>", os_sku = "AzureLinux", workload_runtime = "KataVmIsolation" }',
        arm: {
          path: '',
          value: {
            name: 'sandbox',
            mode: 'User',
            vmSize: '<VM_SIZE>',
            osType: 'Linux',
            osSKU: 'AzureLinux',
            workloadRuntime: 'KataVmIsolation',
          },
        },
      },
    ],
    impact: 'none',
    note: 'the VM size must support nested virtualization',
    dialectNotes: {
      azurerm:
        'azurerm versions before KataVmIsolation support only accept the preview value KataMshvVmIsolation',
    },
  },
  'AKS-MON-01': {
    update: ['--enable-defender'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'microsoft_defender',
        value: `{ log_analytics_workspace_id = "${WORKSPACE}" }`,
        arm: {
          path: 'securityProfile.defender',
          value: { logAnalyticsWorkspaceResourceId: WORKSPACE, securityMonitoring: { enabled: true } },
        },
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
        attribute: 'azurerm_monitor_diagnostic_setting.aks_audit',
        value: `{ target_resource_id = {cluster}.id, log_analytics_workspace_id = "${WORKSPACE}", enabled_log { category = "kube-audit-admin" }, enabled_log { category = "guard" } }`,
        arm: {
          child: 'providers/Microsoft.Insights/diagnosticSettings/aks-audit',
          path: '',
          value: {
            workspaceId: WORKSPACE,
            logs: [
              { category: 'kube-audit-admin', enabled: true },
              { category: 'guard', enabled: true },
            ],
          },
        },
        avm: {
          // log_groups defaults to ["allLogs"], which would also send the costly kube-audit.
          attribute: 'diagnostic_settings.aks_audit',
          value: `{ workspace_resource_id = "${WORKSPACE}", log_categories = ["kube-audit-admin", "guard"], log_groups = [] }`,
        },
        azapi: {
          attribute: 'azurerm_monitor_diagnostic_setting.aks_audit',
          value: `{ target_resource_id = {cluster}.id, log_analytics_workspace_id = "${WORKSPACE}", enabled_log { category = "kube-audit-admin" }, enabled_log { category = "guard" } }`,
        },
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
        value: `{ log_analytics_workspace_id = "${WORKSPACE}", msi_auth_for_monitoring_enabled = true }`,
        arm: {
          path: 'addonProfiles.omsagent',
          value: {
            enabled: true,
            config: { logAnalyticsWorkspaceResourceID: WORKSPACE, useAADAuth: 'true' },
          },
        },
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
        arm: { path: 'addonProfiles.azurepolicy.enabled', value: true },
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
        remove: true,
        arm: { path: 'enablePodSecurityPolicy', value: false },
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
        arm: { path: 'securityProfile.imageCleaner.enabled', value: true },
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
        arm: { path: 'addonProfiles.kubeDashboard.enabled', value: false },
      },
    ],
    impact: 'none',
  },
  'AKS-GOV-05': {
    update: ['--tags tenancy=<single-team|multi-team|hostile-multi-tenant>'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'tags.tenancy',
        value: '"<single-team|multi-team|hostile-multi-tenant>"',
        arm: { path: 'tags.tenancy', value: '<single-team|multi-team|hostile-multi-tenant>' },
      },
    ],
    impact: 'none',
  },
  'AKS-GOV-06': {
    update: ['--tier standard'],
    terraform: [
      {
        scope: 'cluster',
        attribute: 'sku_tier',
        value: '"Standard"',
        arm: { path: 'sku.tier', value: 'Standard' },
      },
    ],
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
        arm: {
          child: 'maintenanceConfigurations/aksManagedAutoUpgradeSchedule',
          path: 'maintenanceWindow',
          value: {
            schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Sunday' } },
            durationHours: 4,
            startTime: '01:00',
          },
        },
        // The module takes the azurerm-shaped object and creates the maintenance configuration itself.
        avm: {
          attribute: 'maintenance_window_auto_upgrade',
          value:
            '{ frequency = "Weekly", interval = 1, day_of_week = "Sunday", start_time = "01:00", duration = 4 }',
        },
      },
    ],
    impact: 'none',
  },
};
