import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AksCluster, clusterField, isUnknown, poolField } from '../../../model/aksCluster.js';
import { loadClustersFrom } from '../testSupport.js';
import { avmVersion } from './avm.js';

function at(cluster: AksCluster, path: string): [unknown, number | undefined] {
  const field = clusterField(cluster, path);
  return [isUnknown(field.value) ? `? ${field.value.reason}` : field.value, field.location?.line];
}

async function only(text: string): Promise<AksCluster> {
  const loaded = await loadClustersFrom({ 'main.bicep': text });
  assert.deepEqual(loaded.issues, []);
  assert.equal(loaded.clusters.length, 1);
  return loaded.clusters[0]!;
}

/** As the AKS landing-zone accelerator calls release 0.9.0 (facts from its 06-AKS-cluster/main.bicep, rewritten). */
const flat = [
  "param workspaceId string = '/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/la'", // 1
  "module managedCluster 'br/public:avm/res/container-service/managed-cluster:0.9.0' = {", // 2
  "  name: 'aksDeploy'", // 3
  '  params: {', // 4
  "    name: 'aks-lza'", // 5
  '    primaryAgentPoolProfiles: [', // 6
  '      {', // 7
  "        name: 'systempool'", // 8
  "        mode: 'System'", // 9
  "        vmSize: 'Standard_D4d_v5'", // 10
  "        vnetSubnetResourceId: '/subnets/aks'", // 11
  '      }', // 12
  '    ]', // 13
  '    agentPools: [', // 14
  "      { name: 'win', osType: 'Windows', enableNodePublicIP: true }", // 15
  '    ]', // 16
  "    networkPlugin: 'azure'", // 17
  "    networkPolicy: 'calico'", // 18
  '    enablePrivateCluster: true', // 19
  '    aadProfile: {', // 20
  '      aadProfileManaged: true', // 21
  '      aadProfileEnableAzureRBAC: true', // 22
  '    }', // 23
  '    omsAgentEnabled: true', // 24
  '    monitoringWorkspaceResourceId: workspaceId', // 25
  '    enableKeyvaultSecretsProvider: true', // 26
  '    diagnosticSettings: [', // 27
  '      { workspaceResourceId: workspaceId }', // 28
  '    ]', // 29
  "    maintenanceConfigurations: [{ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: {} }]", // 30
  '  }', // 31
  '}', // 32
  "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {", // 33
  "  name: 'acr'", // 34
  '}', // 35
  "module acrPull 'br/public:avm/ptn/authorization/resource-role-assignment:0.1.1' = {", // 36
  "  name: 'acr-pull'", // 37
  '  params: {', // 38
  '    principalId: managedCluster.outputs.kubeletIdentityObjectId', // 39
  '    resourceId: acr.id', // 40
  "    roleDefinitionId: '7f951dda-4ed3-4680-a7ca-43fe172d538d'", // 41
  '  }', // 42
  '}', // 43
].join('\n');

describe('AKS Verified Module 0.6 – 0.11 (one parameter per property)', () => {
  const table: [path: string, expected: [unknown, number | undefined]][] = [
    ['name', ['aks-lza', 5]],
    ['apiServerAccessProfile.enablePrivateCluster', [true, 19]],
    // The module's defaults, at the module call.
    ['disableLocalAccounts', [true, 2]],
    ['publicNetworkAccess', ['Disabled', 2]],
    ['apiServerAccessProfile.disableRunCommand', [false, 2]],
    ['autoUpgradeProfile.upgradeChannel', ['stable', 2]],
    ['autoUpgradeProfile.nodeOSUpgradeChannel', ['Unmanaged', 2]],
    ['addonProfiles.azurepolicy.enabled', [true, 2]],
    ['addonProfiles.kubeDashboard.enabled', [false, 2]],
    ['sku.tier', ['Standard', 2]],
    ['networkProfile.networkPolicy', ['calico', 18]],
    ['aadProfile.managed', [true, 21]],
    ['aadProfile.enableAzureRBAC', [true, 22]],
    // `omsAgentEnabled && !empty(monitoringWorkspaceResourceId)`: the workspace decides.
    ['addonProfiles.omsagent.enabled', [true, 25]],
    ['addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation', ['false', 2]],
    ['securityProfile.defender', [undefined, 2]],
    ['enablePodSecurityPolicy', [false, 2]],
  ];
  for (const [path, expected] of table) {
    it(path, async () => assert.deepEqual(at(await only(flat), path), expected));
  }

  it('pools: the primary profiles and the agent-pool child module, with the module defaults', async () => {
    const aks = await only(flat);
    assert.deepEqual(
      aks.pools.map((pool) => [
        pool.name,
        pool.declaredAs,
        pool.location.line,
        poolField(pool, 'osType').value,
        poolField(pool, 'enableNodePublicIP').value,
        poolField(pool, 'enableEncryptionAtHost').value,
        poolField(pool, 'vnetSubnetID').value,
        poolField(pool, 'securityProfile.sshAccess').value,
      ]),
      [
        ['systempool', 'profile', 7, 'Linux', false, false, '/subnets/aks', 'LocalUser'],
        ['win', 'resource', 15, 'Windows', true, false, undefined, undefined],
      ],
    );
  });

  it('diagnostic settings default to the allLogs group; maintenance configurations; kubelet AcrPull', async () => {
    const aks = await only(flat);
    assert.deepEqual(aks.surroundings, {
      diagnosticSettings: [
        {
          name: 'aks-lza-diagnosticSettings',
          location: { file: 'main.bicep', line: 28, column: 7 },
          categories: ['allLogs'],
        },
      ],
      maintenanceConfigurations: ['aksManagedAutoUpgradeSchedule'],
      kubeletRoleAssignments: [{ role: 'AcrPull', location: { file: 'main.bicep', line: 36, column: 1 } }],
    });
    assert.deepEqual(
      [aks.apiVersion, aks.address, aks.bicep],
      [
        '2024-09-02-preview',
        'managedCluster',
        { kind: 'avm', symbol: 'managedCluster', version: '0.9.0', generation: 'flat' },
      ],
    );
  });

  it('a Cilium dataplane forces the cilium policy engine', async () => {
    const aks = await only(
      "module m 'br/public:avm/res/container-service/managed-cluster:0.10.1' = {\n  params: {\n    name: 'c'\n    primaryAgentPoolProfiles: []\n    networkDataplane: 'cilium'\n    networkPolicy: 'azure'\n  }\n}\n",
    );
    assert.deepEqual(
      [at(aks, 'networkProfile.networkPolicy'), at(aks, 'networkProfile.networkPluginMode')],
      [
        ['cilium', 5],
        ['overlay', 5],
      ],
    );
  });
});

describe('AKS Verified Module 0.12 – 0.14 (ARM objects as parameters)', () => {
  const typed = [
    "module aks 'br:mcr.microsoft.com/bicep/avm/res/container-service/managed-cluster:0.13.1' = {", // 1
    '  params: {', // 2
    "    name: 'aks-typed'", // 3
    "    primaryAgentPoolProfiles: [{ name: 'sys', securityProfile: { sshAccess: 'Disabled' } }]", // 4
    '    apiServerAccessProfile: {', // 5
    "      authorizedIPRanges: ['10.0.0.0/8']", // 6
    '    }', // 7
    '    securityProfile: {', // 8
    '      defender: { securityMonitoring: { enabled: true } }', // 9
    '    }', // 10
    '    diagnosticSettings: [', // 11
    "      { logCategoriesAndGroups: [{ category: 'kube-audit-admin' }, { category: 'guard', enabled: false }] }", // 12
    '    ]', // 13
    '  }', // 14
    '}', // 15
  ].join('\n');
  const table: [path: string, expected: [unknown, number | undefined]][] = [
    ['apiServerAccessProfile.authorizedIPRanges', [['10.0.0.0/8'], 6]],
    ['apiServerAccessProfile.enablePrivateCluster', [undefined, 1]],
    ['securityProfile.defender.securityMonitoring.enabled', [true, 9]],
    ['autoUpgradeProfile.upgradeChannel', ['stable', 1]],
    ['autoUpgradeProfile.nodeOSUpgradeChannel', [undefined, 1]],
    ['disableLocalAccounts', [true, 1]],
    ['networkProfile.ipFamilies', [['IPv4'], 1]],
  ];
  for (const [path, expected] of table) {
    it(path, async () => assert.deepEqual(at(await only(typed), path), expected));
  }

  it('pool security profiles pass through; diagnostic categories as written', async () => {
    const aks = await only(typed);
    assert.equal(poolField(aks.pools[0]!, 'securityProfile.sshAccess').value, 'Disabled');
    assert.deepEqual(
      aks.surroundings.diagnosticSettings?.map((setting) => setting.categories),
      [['kube-audit-admin']],
    );
    assert.equal(aks.apiVersion, '2025-10-01');
  });

  it('pools of a list that cannot be read are unknown, never absent', async () => {
    const aks = await only(
      "param pools array\nmodule aks 'br/public:avm/res/container-service/managed-cluster:0.14.0' = {\n  params: {\n    name: 'a'\n    primaryAgentPoolProfiles: pools\n  }\n}\n",
    );
    const pool = aks.pools[0]!;
    assert.deepEqual(
      [pool.name, pool.location.line, poolField(pool, 'enableNodePublicIP').value],
      [
        'primaryAgentPoolProfiles[*]',
        5,
        { unknown: true, reason: "depends on param 'pools', which has no default value" },
      ],
    );
  });
});

describe('AKS Verified Module versions', () => {
  const cases: [path: string, expected: ReturnType<typeof avmVersion>][] = [
    [
      'br/public:avm/res/container-service/managed-cluster:0.9.0',
      { text: '0.9.0', minor: 9, patch: 0, generation: 'flat' },
    ],
    [
      'br:mcr.microsoft.com/bicep/avm/res/container-service/managed-cluster:0.12.0',
      { text: '0.12.0', minor: 12, patch: 0, generation: 'typed' },
    ],
    [
      'br/public:avm/res/container-service/managed-cluster:0.5.4',
      'release 0.5.4 of the AKS Verified Module is not modelled (0.6.0 to 0.14.x are)',
    ],
    [
      'br/public:avm/res/container-service/managed-cluster:0.15.0',
      'release 0.15.0 of the AKS Verified Module is not modelled (0.6.0 to 0.14.x are)',
    ],
    ['br/public:avm/res/network/virtual-network:0.5.1', undefined],
  ];
  for (const [path, expected] of cases) it(path, () => assert.deepEqual(avmVersion(path), expected));
});
