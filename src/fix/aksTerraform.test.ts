import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AKS_REMEDIES } from './aksRemedies.js';
import { avmInput, hclLiteral, iacDialectOf, jsonLiteral, renderEdit, snakeCase } from './aksTerraform.js';
import { linesOf, renderedPlan } from './testSupport.js';

const AZURERM = `resource "azurerm_kubernetes_cluster" "main" {
  name                    = "aks1"
  location                = "westeurope"
  resource_group_name     = "rg1"
  dns_prefix              = "aks1"
  local_account_disabled  = false
  run_command_enabled     = true
  node_os_upgrade_channel = "None"
  sku_tier                = "Free"
  azure_policy_enabled    = false
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = false
  }
  network_profile {
    network_plugin = "azure"
  }
  key_vault_secrets_provider {
    secret_rotation_enabled = false
  }
  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_D4s_v5"
    node_public_ip_enabled = true
  }
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "system2" {
  name                  = "system2"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
  mode                  = "System"
}
`;

const AVM = `module "aks" {
  source                 = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version                = "0.6.1"
  name                   = "aks1"
  parent_id              = "/subscriptions/0000/resourceGroups/rg1"
  location               = "westeurope"
  disable_local_accounts = false
  sku                    = { name = "Base", tier = "Free" }
  aad_profile = {
    managed           = true
    enable_azure_rbac = false
  }
  api_server_access_profile = {
    disable_run_command = false
  }
  auto_upgrade_profile = {
    node_os_upgrade_channel = "None"
  }
  network_profile = {
    network_plugin = "azure"
  }
  addon_profile_azure_policy = {
    enabled = false
  }
  addon_profile_key_vault_secrets_provider = {
    enabled = true
    config = {
      enable_secret_rotation = false
    }
  }
  default_agent_pool = {
    name                  = "system"
    vm_size               = "Standard_D4s_v5"
    enable_node_public_ip = true
  }
  agent_pools = {
    user = {
      name    = "user"
      vm_size = "Standard_D4s_v5"
      mode    = "User"
    }
  }
  managed_identities = {
    system_assigned = true
  }
}
`;

const ARM_TEMPLATE = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2025-05-01',
        name: 'aks1',
        location: 'westeurope',
        identity: { type: 'SystemAssigned' },
        sku: { name: 'Base', tier: 'Free' },
        properties: {
          dnsPrefix: 'aks1',
          disableLocalAccounts: false,
          aadProfile: { managed: true, enableAzureRBAC: false },
          apiServerAccessProfile: { disableRunCommand: false },
          autoUpgradeProfile: { nodeOSUpgradeChannel: 'None' },
          networkProfile: { networkPlugin: 'azure' },
          addonProfiles: {
            azurepolicy: { enabled: false },
            azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: 'false' } },
          },
          agentPoolProfiles: [
            { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, enableNodePublicIP: true },
          ],
        },
      },
      {
        type: 'Microsoft.ContainerService/managedClusters/agentPools',
        apiVersion: '2025-05-01',
        name: 'aks1/user',
        dependsOn: ["[resourceId('Microsoft.ContainerService/managedClusters', 'aks1')]"],
        properties: { mode: 'User', vmSize: 'Standard_D4s_v5', count: 3 },
      },
    ],
  },
  null,
  2,
);

const AZAPI = `resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-05-01"
  name      = "aks1"
  parent_id = "/subscriptions/0000/resourceGroups/rg1"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    sku = { name = "Base", tier = "Free" }
    properties = {
      dnsPrefix              = "aks1"
      apiServerAccessProfile = { disableRunCommand = false }
      agentPoolProfiles = [
        { name = "system", mode = "System", vmSize = "Standard_D4s_v5", count = 3 }
      ]
    }
  }
}
`;

type Dialect = 'azurerm' | 'avm' | 'armTemplate';

const FIXTURES: Record<Dialect, Record<string, string>> = {
  azurerm: { 'main.tf': AZURERM },
  avm: { 'main.tf': AVM },
  armTemplate: { 'azuredeploy.json': ARM_TEMPLATE },
};

const T = ' — ';
/** Per control, the exact rendered lines per dialect (azurerm resource, AVM module, ARM template). */
const EXPECTED: Record<string, Record<Dialect, string[]>> = {
  'AKS-IAM-04': {
    azurerm: ['azurerm_kubernetes_cluster.main: local_account_disabled = true   # AKS-IAM-04'],
    avm: ['module.aks: disable_local_accounts = true   # AKS-IAM-04'],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.disableLocalAccounts = true   # AKS-IAM-04',
    ],
  },
  'AKS-IAM-05': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: azure_active_directory_role_based_access_control.admin_group_object_ids = ["<ADMIN_GROUP_ID>"]   # AKS-IAM-05',
    ],
    avm: ['module.aks: aad_profile.admin_group_object_ids = ["<ADMIN_GROUP_ID>"]   # AKS-IAM-05'],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.aadProfile.adminGroupObjectIDs = ["<ADMIN_GROUP_ID>"]   # AKS-IAM-05',
    ],
  },
  'AKS-IAM-08': {
    azurerm: ['azurerm_kubernetes_cluster.main: run_command_enabled = false   # AKS-IAM-08'],
    avm: ['module.aks: api_server_access_profile.disable_run_command = true   # AKS-IAM-08'],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.apiServerAccessProfile.disableRunCommand = true   # AKS-IAM-08',
    ],
  },
  'AKS-NET-03': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: api_server_access_profile.authorized_ip_ranges = ["<CIDR>"] (older azurerm: api_server_authorized_ip_ranges (azurerm < 3.39))   # AKS-NET-03',
    ],
    avm: ['module.aks: api_server_access_profile.authorized_ip_ranges = ["<CIDR>"]   # AKS-NET-03'],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.apiServerAccessProfile.authorizedIPRanges = ["<CIDR>"]   # AKS-NET-03',
    ],
  },
  'AKS-NET-05': {
    azurerm: [
      `azurerm_kubernetes_cluster.main: network_profile.network_policy = "calico"   # AKS-NET-05${T}re-images node pools`,
    ],
    avm: [`module.aks: network_profile.network_policy = "calico"   # AKS-NET-05${T}re-images node pools`],
    armTemplate: [
      `Microsoft.ContainerService/managedClusters aks1: properties.networkProfile.networkPolicy = "calico"   # AKS-NET-05${T}re-images node pools`,
    ],
  },
  'AKS-NET-08': {
    azurerm: [
      `azurerm_kubernetes_cluster.main.default_node_pool: node_public_ip_enabled = false (older azurerm: enable_node_public_ip)   # AKS-NET-08${T}needs new node pools`,
    ],
    avm: [
      `module.aks.default_agent_pool: enable_node_public_ip = false   # AKS-NET-08${T}needs new node pools`,
    ],
    armTemplate: [
      `Microsoft.ContainerService/managedClusters aks1: properties.agentPoolProfiles[name=system].enableNodePublicIP = false   # AKS-NET-08${T}needs new node pools`,
    ],
  },
  'AKS-DATA-01': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: key_management_service = { key_vault_key_id = "<KEY_ID>", key_vault_network_access = "Private" }   # AKS-DATA-01',
    ],
    avm: [
      'module.aks: security_profile.azure_key_vault_kms = { enabled = true, key_id = "<KEY_ID>", key_vault_network_access = "Private", key_vault_resource_id = "<KEY_VAULT_ID>" }   # AKS-DATA-01',
    ],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.securityProfile.azureKeyVaultKms = { "enabled": true, "keyId": "<KEY_ID>", "keyVaultNetworkAccess": "Private", "keyVaultResourceId": "<KEY_VAULT_ID>" }   # AKS-DATA-01',
    ],
  },
  'AKS-DATA-02': {
    azurerm: [
      `azurerm_kubernetes_cluster.main.default_node_pool: host_encryption_enabled = true (older azurerm: enable_host_encryption)   # AKS-DATA-02${T}needs new node pools`,
      `azurerm_kubernetes_cluster_node_pool.system2: host_encryption_enabled = true (older azurerm: enable_host_encryption)   # AKS-DATA-02${T}needs new node pools`,
    ],
    avm: [
      `module.aks.default_agent_pool: enable_encryption_at_host = true   # AKS-DATA-02${T}needs new node pools`,
      `module.aks.agent_pools["user"]: enable_encryption_at_host = true   # AKS-DATA-02${T}needs new node pools`,
    ],
    armTemplate: [
      `Microsoft.ContainerService/managedClusters aks1: properties.agentPoolProfiles[name=system].enableEncryptionAtHost = true   # AKS-DATA-02${T}needs new node pools`,
      `Microsoft.ContainerService/managedClusters/agentPools aks1/user: properties.enableEncryptionAtHost = true   # AKS-DATA-02${T}needs new node pools`,
    ],
  },
  'AKS-DATA-05': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: key_vault_secrets_provider = { secret_rotation_enabled = true }   # AKS-DATA-05',
    ],
    avm: [
      'module.aks: addon_profile_key_vault_secrets_provider = { enabled = true, config = { enable_secret_rotation = true } }   # AKS-DATA-05',
    ],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.addonProfiles.azureKeyvaultSecretsProvider = { "enabled": true, "config": { "enableSecretRotation": "true" } }   # AKS-DATA-05',
    ],
  },
  'AKS-NODE-01': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: node_os_upgrade_channel = "SecurityPatch" (older azurerm: node_os_channel_upgrade)   # AKS-NODE-01',
    ],
    avm: ['module.aks: auto_upgrade_profile.node_os_upgrade_channel = "SecurityPatch"   # AKS-NODE-01'],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.autoUpgradeProfile.nodeOSUpgradeChannel = "SecurityPatch"   # AKS-NODE-01',
    ],
  },
  'AKS-NODE-03': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: automatic_upgrade_channel = "patch" (older azurerm: automatic_channel_upgrade)   # AKS-NODE-03',
    ],
    avm: ['module.aks: auto_upgrade_profile.upgrade_channel = "patch"   # AKS-NODE-03'],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.autoUpgradeProfile.upgradeChannel = "patch"   # AKS-NODE-03',
    ],
  },
  'AKS-NODE-05': {
    azurerm: [
      `azurerm_kubernetes_cluster.main.default_node_pool: azapi_update_resource body.properties.securityProfile.sshAccess = "Disabled"   # AKS-NODE-05${T}re-images node pools`,
      `azurerm_kubernetes_cluster_node_pool.system2: azapi_update_resource body.properties.securityProfile.sshAccess = "Disabled"   # AKS-NODE-05${T}re-images node pools`,
    ],
    avm: [
      `module.aks.default_agent_pool: security_profile.ssh_access = "Disabled"   # AKS-NODE-05${T}re-images node pools`,
      `module.aks.agent_pools["user"]: security_profile.ssh_access = "Disabled"   # AKS-NODE-05${T}re-images node pools`,
    ],
    armTemplate: [
      `Microsoft.ContainerService/managedClusters aks1: properties.agentPoolProfiles[name=system].securityProfile.sshAccess = "Disabled"   # AKS-NODE-05${T}re-images node pools`,
      `Microsoft.ContainerService/managedClusters/agentPools aks1/user: properties.securityProfile.sshAccess = "Disabled"   # AKS-NODE-05${T}re-images node pools`,
    ],
  },
  'AKS-NODE-07': {
    azurerm: [
      `azurerm_kubernetes_cluster.main.default_node_pool: azapi_update_resource body.properties.securityProfile = { enableSecureBoot = true, enableVTPM = true }   # AKS-NODE-07${T}re-images node pools`,
      `azurerm_kubernetes_cluster_node_pool.system2: azapi_update_resource body.properties.securityProfile = { enableSecureBoot = true, enableVTPM = true }   # AKS-NODE-07${T}re-images node pools`,
    ],
    avm: [
      `module.aks.default_agent_pool: security_profile = { enable_secure_boot = true, enable_vtpm = true }   # AKS-NODE-07${T}re-images node pools`,
      `module.aks.agent_pools["user"]: security_profile = { enable_secure_boot = true, enable_vtpm = true }   # AKS-NODE-07${T}re-images node pools`,
    ],
    armTemplate: [
      `Microsoft.ContainerService/managedClusters aks1: properties.agentPoolProfiles[name=system].securityProfile = { "enableSecureBoot": true, "enableVTPM": true }   # AKS-NODE-07${T}re-images node pools`,
      `Microsoft.ContainerService/managedClusters/agentPools aks1/user: properties.securityProfile = { "enableSecureBoot": true, "enableVTPM": true }   # AKS-NODE-07${T}re-images node pools`,
    ],
  },
  'AKS-NODE-09': {
    azurerm: [
      'azurerm_kubernetes_cluster.main.default_node_pool: only_critical_addons_enabled = true   # AKS-NODE-09',
      'azurerm_kubernetes_cluster_node_pool.system2: node_taints = ["CriticalAddonsOnly=true:NoSchedule"]   # AKS-NODE-09',
    ],
    avm: [
      'module.aks.default_agent_pool: node_taints = ["CriticalAddonsOnly=true:NoSchedule"]   # AKS-NODE-09',
    ],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.agentPoolProfiles[name=system].nodeTaints = ["CriticalAddonsOnly=true:NoSchedule"]   # AKS-NODE-09',
    ],
  },
  'AKS-NODE-11': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: azurerm_kubernetes_cluster_node_pool.sandbox = { kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id, name = "sandbox", vm_size = "<VM_SIZE>", os_sku = "AzureLinux", workload_runtime = "KataVmIsolation" }   # AKS-NODE-11',
    ],
    avm: [
      'module.aks: agent_pools["sandbox"] = { name = "sandbox", mode = "User", vm_size = "<VM_SIZE>", os_type = "Linux", os_sku = "AzureLinux", workload_runtime = "KataVmIsolation" }   # AKS-NODE-11',
    ],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.agentPoolProfiles[name=sandbox] = { "name": "sandbox", "mode": "User", "vmSize": "<VM_SIZE>", "osType": "Linux", "osSKU": "AzureLinux", "workloadRuntime": "KataVmIsolation" }   # AKS-NODE-11',
    ],
  },
  'AKS-MON-01': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: microsoft_defender = { log_analytics_workspace_id = "<WORKSPACE_ID>" }   # AKS-MON-01',
    ],
    avm: [
      'module.aks: security_profile.defender = { log_analytics_workspace_resource_id = "<WORKSPACE_ID>", security_monitoring = { enabled = true } }   # AKS-MON-01',
    ],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.securityProfile.defender = { "logAnalyticsWorkspaceResourceId": "<WORKSPACE_ID>", "securityMonitoring": { "enabled": true } }   # AKS-MON-01',
    ],
  },
  'AKS-MON-02': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: azurerm_monitor_diagnostic_setting.aks_audit = { target_resource_id = azurerm_kubernetes_cluster.main.id, log_analytics_workspace_id = "<WORKSPACE_ID>", enabled_log { category = "kube-audit-admin" }, enabled_log { category = "guard" } }   # AKS-MON-02',
    ],
    avm: [
      'module.aks: diagnostic_settings.aks_audit = { workspace_resource_id = "<WORKSPACE_ID>", log_categories = ["kube-audit-admin", "guard"], log_groups = [] }   # AKS-MON-02',
    ],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: providers/Microsoft.Insights/diagnosticSettings/aks-audit properties = { "workspaceId": "<WORKSPACE_ID>", "logs": [{ "category": "kube-audit-admin", "enabled": true }, { "category": "guard", "enabled": true }] }   # AKS-MON-02',
    ],
  },
  'AKS-MON-03': {
    azurerm: [
      'azurerm_kubernetes_cluster.main: oms_agent = { log_analytics_workspace_id = "<WORKSPACE_ID>", msi_auth_for_monitoring_enabled = true }   # AKS-MON-03',
    ],
    avm: [
      'module.aks: addon_profile_oms_agent = { enabled = true, config = { log_analytics_workspace_resource_id = "<WORKSPACE_ID>", use_aad_auth = true } }   # AKS-MON-03',
    ],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.addonProfiles.omsagent = { "enabled": true, "config": { "logAnalyticsWorkspaceResourceID": "<WORKSPACE_ID>", "useAADAuth": "true" } }   # AKS-MON-03',
    ],
  },
  'AKS-GOV-01': {
    azurerm: ['azurerm_kubernetes_cluster.main: azure_policy_enabled = true   # AKS-GOV-01'],
    avm: ['module.aks: addon_profile_azure_policy.enabled = true   # AKS-GOV-01'],
    armTemplate: [
      'Microsoft.ContainerService/managedClusters aks1: properties.addonProfiles.azurepolicy.enabled = true   # AKS-GOV-01',
    ],
  },
  'AKS-GOV-06': {
    azurerm: ['azurerm_kubernetes_cluster.main: sku_tier = "Standard"   # AKS-GOV-06'],
    avm: ['module.aks: sku.tier = "Standard"   # AKS-GOV-06'],
    armTemplate: ['Microsoft.ContainerService/managedClusters aks1: sku.tier = "Standard"   # AKS-GOV-06'],
  },
};

describe('Terraform/ARM lines per dialect (exact, per control)', () => {
  const controls = Object.keys(EXPECTED);
  for (const dialect of Object.keys(FIXTURES) as Dialect[]) {
    describe(dialect, () => {
      let text = '';
      before(async () => {
        const rendered = await renderedPlan(FIXTURES[dialect], controls);
        assert.equal(iacDialectOf(rendered.cluster), dialect);
        assert.equal(rendered.plan.iac, dialect);
        text = rendered.text;
      });
      it('titles the section after the dialect', () => {
        assert.match(text, dialect === 'armTemplate' ? /\n## ARM template\n/ : /\n## Terraform\n/);
      });
      for (const control of controls) {
        it(control, () => {
          assert.deepEqual(linesOf(text, control), EXPECTED[control]![dialect]);
        });
      }
    });
  }
});

describe('azapi_resource clusters', () => {
  it('change the ARM body, with identity outside it', async () => {
    const { plan } = await renderedPlan({ 'main.tf': AZAPI }, ['AKS-IAM-08', 'AKS-NODE-07', 'AKS-GOV-06']);
    assert.equal(plan.iac, 'azapi');
    assert.deepEqual(
      plan.terraform.map((change) => `${change.address}: ${change.attribute} = ${change.value}`),
      [
        'azapi_resource.aks: body.properties.apiServerAccessProfile.disableRunCommand = true',
        'azapi_resource.aks: body.properties.agentPoolProfiles[name=system].securityProfile = { enableSecureBoot = true, enableVTPM = true }',
        'azapi_resource.aks: body.sku.tier = "Standard"',
      ],
    );
  });
});

describe('notes', () => {
  it('add the dialect-specific part only for that dialect', async () => {
    const notesFor = async (dialect: Dialect) =>
      (await renderedPlan(FIXTURES[dialect], ['AKS-NODE-05', 'AKS-NODE-11'])).plan.notes.map(
        (note) => `${note.ruleIds.join(',')}: ${note.text}`,
      );
    assert.deepEqual(await notesFor('azurerm'), [
      'AKS-NODE-05: re-images node pools: changing SSH access re-images the pool; azurerm has no attribute: use azapi_update_resource on the agent pool',
      'AKS-NODE-11: the VM size must support nested virtualization; azurerm versions before KataVmIsolation support only accept the preview value KataMshvVmIsolation',
    ]);
    assert.deepEqual(await notesFor('avm'), [
      'AKS-NODE-05: re-images node pools: changing SSH access re-images the pool; check that your module version passes ssh_access to the API (some versions drop it)',
      'AKS-NODE-11: the VM size must support nested virtualization',
    ]);
    assert.deepEqual(await notesFor('armTemplate'), [
      'AKS-NODE-05: re-images node pools: changing SSH access re-images the pool',
      'AKS-NODE-11: the VM size must support nested virtualization',
    ]);
  });
});

describe('snakeCase', () => {
  const table: [string, string][] = [
    ['adminGroupObjectIDs', 'admin_group_object_ids'],
    ['authorizedIPRanges', 'authorized_ip_ranges'],
    ['nodeOSUpgradeChannel', 'node_os_upgrade_channel'],
    ['enableVTPM', 'enable_vtpm'],
    ['enableFIPS', 'enable_fips'],
    ['osSKU', 'os_sku'],
    ['diskEncryptionSetID', 'disk_encryption_set_id'],
    ['enablePrivateClusterPublicFQDN', 'enable_private_cluster_public_fqdn'],
    ['enableRBAC', 'enable_rbac'],
    ['enableAzureRBAC', 'enable_azure_rbac'],
    ['useAADAuth', 'use_aad_auth'],
    ['logAnalyticsWorkspaceResourceID', 'log_analytics_workspace_resource_id'],
    ['podCIDRs', 'pod_cidrs'],
    ['privateDNSZone', 'private_dns_zone'],
    ['enableNodePublicIP', 'enable_node_public_ip'],
    ['azureKeyVaultKms', 'azure_key_vault_kms'],
    ['vmSize', 'vm_size'],
    ['osDiskSizeGB', 'os_disk_size_gb'],
    ['enable_rbac', 'enable_rbac'],
  ];
  for (const [arm, snake] of table) it(`${arm} → ${snake}`, () => assert.equal(snakeCase(arm), snake));
});

describe('literals and AVM inputs', () => {
  it('renders HCL and JSON literals', () => {
    const value = { keyId: '<KEY_ID>', enabled: true, ranges: ['a', 'b'], n: 4 };
    assert.equal(
      hclLiteral(value, snakeCase),
      '{ key_id = "<KEY_ID>", enabled = true, ranges = ["a", "b"], n = 4 }',
    );
    assert.equal(
      jsonLiteral(value),
      '{ "keyId": "<KEY_ID>", "enabled": true, "ranges": ["a", "b"], "n": 4 }',
    );
  });

  it('puts add-ons without a dedicated module input in addon_profiles_extra, with ARM names', () => {
    assert.deepEqual(avmInput('addonProfiles.httpApplicationRouting.enabled', false), {
      attribute: 'addon_profiles_extra.httpApplicationRouting.enabled',
      value: 'false',
    });
    assert.deepEqual(avmInput('networkProfile.networkDataplane', 'cilium'), {
      attribute: 'network_profile.network_data_plane',
      value: '"cilium"',
    });
  });

  it('leaves pool edits out when the finding is on the cluster', async () => {
    const { cluster } = await renderedPlan(FIXTURES.avm, []);
    const poolEdit = AKS_REMEDIES['AKS-NODE-02']!.terraform.find((edit) => edit.scope === 'pool')!;
    assert.equal(
      renderEdit(poolEdit, { cluster, dialect: 'avm', clusterAddress: 'module.aks', clusterName: 'aks1' }),
      undefined,
    );
  });

  it('gives every ARM-backed remedy an ARM path, and every other one a line per dialect', () => {
    for (const [id, remedy] of Object.entries(AKS_REMEDIES)) {
      for (const edit of remedy.terraform) {
        assert.ok(edit.arm || (edit.avm ?? edit.armTemplate), `${id}: ${edit.attribute}`);
      }
    }
  });
});
