import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterFixPlan } from '../../fix/aks.js';
import { type AksCluster, clusterField, isUnknown } from '../../model/aksCluster.js';
import { aksRules } from '../../rules/aks/index.js';
import { nodeOsChannel } from '../../rules/aks/upgrades.js';
import { defaultSettings } from '../../rules/defineRule.js';
import { runRules } from '../../rules/runRules.js';
import { clusterInventory, loadClustersFrom } from './testSupport.js';

const DROPPED_NOTE =
  'note main.tf:6: auto_upgrade_profile.node_os_channel_upgrade is not an input of the AKS Verified Module (the attribute is node_os_upgrade_channel): Terraform drops it, and the module default channel applies';

/** A module call of the AKS Verified Module; `inner` starts on line 5. */
function avm(inner: string, version = '0.6.1'): string {
  return `module "aks" {
  source  = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version = "${version}"
  name    = "aks1"
${inner}}
`;
}

async function load(files: Record<string, string>, notes: string[] = []): Promise<AksCluster> {
  const loaded = await loadClustersFrom(files);
  assert.deepEqual(
    loaded.issues.map((issue) => `${issue.level} ${issue.file}:${issue.line}: ${issue.message}`),
    notes,
  );
  assert.equal(loaded.clusters.length, 1, 'one cluster');
  return loaded.clusters[0]!;
}

function plain(value: unknown): unknown {
  return isUnknown(value) ? 'unknown' : value;
}

describe('AVM loader: add-on inputs', () => {
  const extraAddonsDefault =
    'variable "extra_addons" {\n  default = {\n    azurepolicy = {\n      enabled = true\n    }\n  }\n}\n';
  const cases: { name: string; inner: string; variables?: string; path: string; expected: unknown }[] = [
    {
      name: 'addon_profile_confidential_computing is the SGX device plugin add-on',
      inner: '  addon_profile_confidential_computing = {\n    enabled = true\n  }\n',
      path: 'addonProfiles.ACCSGXDevicePlugin.enabled',
      expected: true,
    },
    {
      name: 'addon_profile_confcom is no input of the module',
      inner: '  addon_profile_confcom = {\n    enabled = true\n  }\n',
      path: 'addonProfiles.ACCSGXDevicePlugin.enabled',
      expected: undefined,
    },
    {
      name: 'addon_profile_http_application_routing is no input of the module',
      inner: '  addon_profile_http_application_routing = {\n    enabled = true\n  }\n',
      path: 'addonProfiles.httpApplicationRouting.enabled',
      expected: undefined,
    },
    {
      name: 'addon_profile_aci_connector_linux is no input of the module',
      inner: '  addon_profile_aci_connector_linux = {\n    enabled = true\n  }\n',
      path: 'addonProfiles.aciConnectorLinux.enabled',
      expected: undefined,
    },
    {
      name: 'addon_profiles_extra enables an add-on by its ARM name',
      inner:
        '  addon_profiles_extra = {\n    omsagent = {\n      enabled = true\n      config = {\n        logAnalyticsWorkspaceResourceID = "/la"\n      }\n    }\n  }\n',
      path: 'addonProfiles.omsAgent.enabled',
      expected: true,
    },
    {
      name: 'addon_profiles_extra keeps the ARM config keys',
      inner:
        '  addon_profiles_extra = {\n    omsagent = {\n      enabled = true\n      config = {\n        logAnalyticsWorkspaceResourceID = "/la"\n      }\n    }\n  }\n',
      path: 'addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID',
      expected: '/la',
    },
    {
      name: 'addon_profiles_extra is merged last: it replaces the dedicated input of the same add-on',
      inner:
        '  addon_profile_azure_policy = {\n    enabled = false\n  }\n  addon_profiles_extra = {\n    azurepolicy = {\n      enabled = true\n    }\n  }\n',
      path: 'addonProfiles.azurepolicy.enabled',
      expected: true,
    },
    {
      name: 'an unreadable addon_profiles_extra hides every add-on',
      inner:
        '  addon_profile_azure_policy = {\n    enabled = true\n  }\n  addon_profiles_extra = var.extra_addons\n',
      path: 'addonProfiles.azurepolicy.enabled',
      expected: 'unknown',
    },
    {
      name: 'addon_profiles_extra from a variable default',
      inner: '  addon_profiles_extra = var.extra_addons\n',
      variables: extraAddonsDefault,
      path: 'addonProfiles.azurepolicy.enabled',
      expected: true,
    },
    {
      name: 'the module enables the Key Vault provider whenever its input is set',
      inner: '  addon_profile_key_vault_secrets_provider = {\n    enabled = false\n  }\n',
      path: 'addonProfiles.azureKeyvaultSecretsProvider.enabled',
      expected: true,
    },
  ];
  for (const { name, inner, variables, path, expected } of cases) {
    it(name, async () => {
      const files: Record<string, string> = { 'main.tf': avm(inner) };
      if (variables) files['variables.tf'] = variables;
      const cluster = await load(files);
      assert.equal(plain(clusterField(cluster, path).value), expected);
    });
  }

  it('an add-on of addon_profiles_extra is located where it is written', async () => {
    const cluster = await load({
      'main.tf': avm('  addon_profiles_extra = {\n    azurepolicy = {\n      enabled = true\n    }\n  }\n'),
    });
    assert.equal(clusterField(cluster, 'addonProfiles.azurepolicy.enabled').location?.line, 7);
  });
});

describe('AVM loader: agent pools', () => {
  const tf = avm(`  default_agent_pool = {
    vm_size = "Standard_D4s_v5"
  }
  agent_pools = {
    user_a = {
      name    = "user"
      os_type = "Windows"
    }
    batch = {
      vm_size = "Standard_D8s_v5"
    }
  }
`);
  const cases: { key: string; name: string; address: string | undefined; mode: unknown; line: number }[] = [
    { key: 'default', name: 'systempool', address: undefined, mode: 'System', line: 5 },
    { key: 'user_a', name: 'user', address: 'module.aks.agent_pools["user_a"]', mode: undefined, line: 9 },
    { key: 'batch', name: 'batch', address: 'module.aks.agent_pools["batch"]', mode: undefined, line: 13 },
  ];
  for (const expected of cases) {
    it(`${expected.key}: name ${expected.name}, address ${expected.address ?? '(cluster default pool)'}`, async () => {
      const cluster = await load({ 'main.tf': tf });
      const pool = cluster.pools.find((p) => p.name === expected.name);
      assert.ok(pool, `pool ${expected.name}`);
      assert.equal(pool.address, expected.address);
      assert.equal(pool.location.line, expected.line);
      assert.equal(clusterPoolMode(pool.fields), expected.mode);
    });
  }

  it('the fix plan edits a map pool at its key, not its name', async () => {
    const loaded = await loadClustersFrom({ 'main.tf': tf });
    const rule = aksRules.find((candidate) => candidate.id === 'AKS-DATA-02')!;
    const { findings } = runRules(clusterInventory(loaded.clusters), [rule], { settings: defaultSettings() });
    const plan = clusterFixPlan(loaded.clusters[0]!, findings);
    assert.deepEqual(plan.terraform.map((change) => change.address).sort(), [
      'module.aks.agent_pools["batch"]',
      'module.aks.agent_pools["user_a"]',
      'module.aks.default_agent_pool',
    ]);
  });

  it('pools of an agent_pools map held in a local', async () => {
    const cluster = await load({
      'main.tf': `${avm('  agent_pools = local.pools\n')}locals {\n  pools = {\n    gpu = {\n      name = "gpu1"\n    }\n  }\n}\n`,
    });
    assert.deepEqual(
      cluster.pools.map((pool) => [pool.name, pool.address]),
      [['gpu1', 'module.aks.agent_pools["gpu"]']],
    );
  });
});

function clusterPoolMode(fields: AksCluster['fields']): unknown {
  const mode = fields.entries.get('mode');
  return mode?.kind === 'value' ? mode.value : undefined;
}

describe('AVM loader: node OS upgrade channel', () => {
  const cases: {
    name: string;
    inner: string;
    version?: string;
    written: unknown;
    effective: string;
    notes?: string[];
  }[] = [
    {
      name: 'auto_upgrade_profile.node_os_upgrade_channel (azapi-based releases)',
      inner: '  auto_upgrade_profile = {\n    node_os_upgrade_channel = "SecurityPatch"\n  }\n',
      written: 'SecurityPatch',
      effective: 'SecurityPatch',
    },
    {
      name: 'auto_upgrade_profile.node_os_channel_upgrade is dropped by Terraform: the module default applies',
      inner: '  auto_upgrade_profile = {\n    node_os_channel_upgrade = "None"\n  }\n',
      written: undefined,
      effective: 'NodeImage',
      notes: [DROPPED_NOTE],
    },
    {
      name: 'both names: the declared attribute is read',
      inner:
        '  auto_upgrade_profile = {\n    node_os_channel_upgrade = "SecurityPatch"\n    node_os_upgrade_channel = "Unmanaged"\n  }\n',
      written: 'Unmanaged',
      effective: 'Unmanaged',
      notes: [DROPPED_NOTE],
    },
    {
      name: 'top-level node_os_channel_upgrade (azurerm-based releases)',
      inner: '  node_os_channel_upgrade = "None"\n',
      version: '0.1.7',
      written: 'None',
      effective: 'None',
    },
    {
      name: 'upgrade channel beside it is kept',
      inner:
        '  auto_upgrade_profile = {\n    upgrade_channel         = "stable"\n    node_os_upgrade_channel = "NodeImage"\n  }\n',
      written: 'NodeImage',
      effective: 'NodeImage',
    },
  ];
  for (const { name, inner, version, written, effective, notes } of cases) {
    it(name, async () => {
      const cluster = await load({ 'main.tf': avm(inner, version) }, notes);
      assert.equal(plain(clusterField(cluster, 'autoUpgradeProfile.nodeOSUpgradeChannel').value), written);
      assert.equal(nodeOsChannel(cluster).value, effective);
    });
  }

  it('the upgrade channel is read beside the node OS channel', async () => {
    const cluster = await load({
      'main.tf': avm('  auto_upgrade_profile = {\n    upgrade_channel = "stable"\n  }\n'),
    });
    assert.equal(clusterField(cluster, 'autoUpgradeProfile.upgradeChannel').value, 'stable');
  });
});

describe('AVM loader: planned maintenance', () => {
  const window =
    '{\n    frequency   = "Weekly"\n    interval    = 1\n    duration    = 4\n    day_of_week = "Sunday"\n  }';
  const cases: { name: string; inner: string; extra?: string; expected: string[] | undefined }[] = [
    { name: 'no window input: the module creates none', inner: '', expected: [] },
    {
      name: 'maintenance_window_auto_upgrade',
      inner: `  maintenance_window_auto_upgrade = ${window}\n`,
      expected: ['aksManagedAutoUpgradeSchedule'],
    },
    {
      name: 'maintenance_window_node_os (azurerm-based releases)',
      inner: `  maintenance_window_node_os = ${window}\n`,
      expected: ['aksManagedNodeOSUpgradeSchedule'],
    },
    {
      name: 'both windows',
      inner: `  maintenance_window_auto_upgrade = ${window}\n  maintenance_window_node_os = ${window}\n`,
      expected: ['aksManagedAutoUpgradeSchedule', 'aksManagedNodeOSUpgradeSchedule'],
    },
    {
      name: 'a null window creates nothing',
      inner: '  maintenance_window_auto_upgrade = null\n',
      expected: [],
    },
    {
      name: 'an unreadable window: not known',
      inner: '  maintenance_window_auto_upgrade = var.window\n',
      expected: undefined,
    },
    {
      name: 'a maintenance configuration declared beside the module (azapi_resource)',
      inner: '',
      extra: `resource "azapi_resource" "window" {
  type      = "Microsoft.ContainerService/managedClusters/maintenanceConfigurations@2025-07-01"
  name      = "aksManagedNodeOSUpgradeSchedule"
  parent_id = module.aks.resource_id
  body      = {}
}
`,
      expected: ['aksManagedNodeOSUpgradeSchedule'],
    },
  ];
  for (const { name, inner, extra, expected } of cases) {
    it(name, async () => {
      const cluster = await load({ 'main.tf': avm(inner) + (extra ?? '') });
      assert.deepEqual(cluster.surroundings.maintenanceConfigurations, expected);
      assert.equal(clusterField(cluster, 'maintenanceWindowAutoUpgrade').value, undefined);
    });
  }
});

describe('AVM loader: other inputs', () => {
  it('tags are the cluster resource tags', async () => {
    const cluster = await load({ 'main.tf': avm('  tags = {\n    tenancy = "single-team"\n  }\n') });
    assert.deepEqual(clusterField(cluster, 'tags').value, { tenancy: 'single-team' });
    assert.equal(clusterField(cluster, 'tags').location?.line, 5);
  });
});
