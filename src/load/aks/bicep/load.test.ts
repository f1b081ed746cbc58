// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Bicep interpolations in fixtures
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AgentPool,
  type AksCluster,
  clusterField,
  isUnknown,
  poolField,
} from '../../../model/aksCluster.js';
import type { ClusterLoadResult } from '../index.js';
import { loadClustersFrom } from '../testSupport.js';

/** A field as `[value, line]`; an unknown value as `?` followed by its reason. */
function at(cluster: AksCluster, path: string): [unknown, number | undefined] {
  const field = clusterField(cluster, path);
  return [isUnknown(field.value) ? `? ${field.value.reason}` : field.value, field.location?.line];
}

function poolAt(pool: AgentPool, path: string): [unknown, number | undefined] {
  const field = poolField(pool, path);
  return [isUnknown(field.value) ? `? ${field.value.reason}` : field.value, field.location?.line];
}

async function only(files: Record<string, string>, disk: Record<string, string> = {}): Promise<AksCluster> {
  const loaded = await loadClustersFrom(files, disk);
  assert.deepEqual(loaded.issues, []);
  assert.equal(loaded.clusters.length, 1, 'one cluster');
  return loaded.clusters[0]!;
}

const cluster = (body: string, head = '') =>
  `${head}resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'aks1'\n  location: 'westeurope'\n  properties: {\n${body}\n  }\n}\n`;

describe('Bicep clusters: values and the line of each property', () => {
  const main = [
    'param enablePrivate bool = false', // 1
    'param ranges string[] = [', // 2
    "  '10.0.0.0/8'", // 3
    ']', // 4
    'param workspaceId string', // 5
    "var policy = 'calico'", // 6
    "var suffix = 'dns'", // 7
    "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {", // 8
    "  name: 'aks-${suffix}'", // 9
    '  identity: {', // 10
    "    type: 'SystemAssigned'", // 11
    '  }', // 12
    '  properties: {', // 13
    "    dnsPrefix: 'p-${suffix}'", // 14
    '    disableLocalAccounts: enablePrivate', // 15
    '      ? true', // 16
    '      : false', // 17
    '    apiServerAccessProfile: {', // 18
    '      enablePrivateCluster: enablePrivate', // 19
    '      authorizedIPRanges: enablePrivate ? [] : ranges', // 20
    '    }', // 21
    '    networkProfile: {', // 22
    "      networkPlugin: 'azure'", // 23
    '      networkPolicy: policy', // 24
    '    }', // 25
    '    addonProfiles: {', // 26
    '      omsagent: {', // 27
    '        enabled: true', // 28
    '        config: { logAnalyticsWorkspaceResourceID: workspaceId }', // 29
    '      }', // 30
    '    }', // 31
    '  }', // 32
    '}', // 33
  ].join('\n');

  const table: [path: string, expected: [unknown, number | undefined]][] = [
    ['name', ['aks-dns', 9]],
    ['identity.type', ['SystemAssigned', 11]],
    ['dnsPrefix', ['p-dns', 14]],
    ['disableLocalAccounts', [false, 15]],
    ['apiServerAccessProfile.enablePrivateCluster', [false, 19]],
    ['apiServerAccessProfile.authorizedIPRanges', [['10.0.0.0/8'], 20]],
    ['networkProfile.networkPolicy', ['calico', 24]],
    ['addonProfiles.omsagent.enabled', [true, 28]],
    [
      'addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID',
      ["? depends on param 'workspaceId', which has no default value", 29],
    ],
    ['enableRBAC', [undefined, 8]],
  ];
  for (const [path, expected] of table) {
    it(path, async () => assert.deepEqual(at(await only({ 'main.bicep': main }), path), expected));
  }

  it('is a Bicep cluster with its API version, address and declaration line', async () => {
    const aks = await only({ 'main.bicep': main });
    assert.deepEqual(
      [aks.dialect, aks.name, aks.address, aks.apiVersion, aks.location.line, aks.materialized],
      ['bicep', 'aks-dns', 'aks', '2024-05-01', 8, false],
    );
  });
});

describe('Bicep clusters: parameters files', () => {
  const main = cluster(
    '    enableRBAC: rbac\n    apiServerAccessProfile: {\n      enablePrivateCluster: private\n    }',
    'param rbac bool = true\nparam private bool = false\n',
  );

  it('.bicepparam values replace the defaults; lines stay at the property', async () => {
    const aks = await only({
      'main.bicep': main,
      'prod.bicepparam': "using 'main.bicep'\nparam private = true\n",
    });
    assert.deepEqual(at(aks, 'apiServerAccessProfile.enablePrivateCluster'), [true, 9]);
    assert.deepEqual(at(aks, 'enableRBAC'), [true, 7]);
    assert.equal(aks.address, 'aks');
  });

  it('one cluster per parameters file, each named by its file', async () => {
    const loaded = await loadClustersFrom({
      'main.bicep': main,
      'dev.bicepparam': "using './main.bicep'\nparam private = false\n",
      'prod.bicepparam': "using './main.bicep'\nimport { on } from 'shared.bicep'\nparam private = on\n",
      'shared.bicep': '@export()\nvar on = true\n',
    });
    assert.deepEqual(loaded.issues, []);
    assert.deepEqual(
      loaded.clusters.map((c) => [c.address, at(c, 'apiServerAccessProfile.enablePrivateCluster')[0]]),
      [
        ['aks (dev.bicepparam)', false],
        ['aks (prod.bicepparam)', true],
      ],
    );
  });

  it('an ARM parameters file beside the template; a Key Vault reference is unknown', async () => {
    const loaded = await loadClustersFrom({
      'main.bicep': main,
      'main.parameters.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        contentVersion: '1.0.0.0',
        parameters: {
          private: { value: true },
          rbac: { reference: { keyVault: { id: 'kv' }, secretName: 's' } },
        },
      }),
    });
    const aks = loaded.clusters[0]!;
    assert.deepEqual(at(aks, 'apiServerAccessProfile.enablePrivateCluster'), [true, 9]);
    assert.deepEqual(at(aks, 'enableRBAC'), [
      "? param 'rbac' is a Key Vault reference in main.parameters.json",
      7,
    ]);
  });
});

describe('Bicep clusters: conditions and loops', () => {
  it('a resource under a false condition is not deployed; under an unknown one it is judged', async () => {
    const text = (condition: string) =>
      `param deploy bool\nresource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = if (${condition}) {\n  name: 'a'\n}\n`;
    assert.equal((await loadClustersFrom({ 'main.bicep': text('false') })).clusters.length, 0);
    assert.equal((await loadClustersFrom({ 'main.bicep': text('deploy') })).clusters.length, 1);
  });

  it('node pools from a loop over a known list, each at its declaration', async () => {
    const aks = await only({
      'main.bicep': `${cluster("    dnsPrefix: 'a'")}param pools array = [\n  { name: 'user1', os: 'Linux' }\n  { name: 'win1', os: 'Windows' }\n]\nresource userPools 'Microsoft.ContainerService/managedClusters/agentPools@2024-05-01' = [for p in pools: {\n  parent: aks\n  name: p.name\n  properties: {\n    osType: p.os\n    enableNodePublicIP: p.os == 'Windows'\n  }\n}]\n`,
    });
    assert.deepEqual(
      aks.pools.map((pool) => [
        pool.name,
        pool.declaredAs,
        pool.address,
        pool.location.line,
        poolAt(pool, 'osType'),
        poolAt(pool, 'enableNodePublicIP'),
      ]),
      [
        ['user1', 'resource', 'userPools[0]', 12, ['Linux', 16], [false, 17]],
        ['win1', 'resource', 'userPools[1]', 12, ['Windows', 16], [true, 17]],
      ],
    );
  });

  it('a loop over an unknown list: one pool stands for all, what the loop item decides is unknown', async () => {
    const aks = await only({
      'main.bicep': `${cluster("    dnsPrefix: 'a'")}param pools array\nresource userPools 'Microsoft.ContainerService/managedClusters/agentPools@2024-05-01' = [for p in pools: {\n  parent: aks\n  name: p.name\n  properties: {\n    osType: p.os\n    enableNodePublicIP: false\n  }\n}]\n`,
    });
    const [pool] = aks.pools;
    assert.deepEqual(
      [pool?.address, poolAt(pool!, 'enableNodePublicIP'), poolAt(pool!, 'osType')],
      [
        'userPools[*]',
        [false, 14],
        ["? a loop over pools: depends on param 'pools', which has no default value", 13],
      ],
    );
  });

  it('clusters from a loop', async () => {
    const loaded = await loadClustersFrom({
      'main.bicep':
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = [for r in ['eu', 'us']: {\n  name: 'aks-${r}'\n}]\n",
    });
    assert.deepEqual(
      loaded.clusters.map((c) => [c.name, c.address]),
      [
        ['aks-eu', 'aks[0]'],
        ['aks-us', 'aks[1]'],
      ],
    );
  });

  it('a body that cannot be read makes every field unknown, never absent', async () => {
    const aks = await only({
      'main.bicep':
        "param extra object\nresource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'a'\n  properties: {\n    ...extra\n    enableRBAC: true\n  }\n}\n",
    });
    assert.deepEqual(at(aks, 'apiServerAccessProfile.enablePrivateCluster'), [
      "? a spread (...) depends on: depends on param 'extra', which has no default value",
      2,
    ]);
  });
});

describe('Bicep clusters: child resources and what surrounds the cluster', () => {
  const main = [
    "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {", // 1
    "  name: 'aks1'", // 2
    '  properties: {', // 3
    "    agentPoolProfiles: [{ name: 'sys', mode: 'System' }]", // 4
    '  }', // 5
    "  resource user 'agentPools' = {", // 6
    "    name: 'user'", // 7
    "    properties: { osType: 'Windows' }", // 8
    '  }', // 9
    "  resource window 'maintenanceConfigurations' = {", // 10
    "    name: 'aksManagedAutoUpgradeSchedule'", // 11
    '  }', // 12
    '}', // 13
    "resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {", // 14
    "  name: 'audit'", // 15
    '  scope: aks', // 16
    '  properties: {', // 17
    "    logs: [for c in ['kube-audit-admin', 'guard']: { category: c, enabled: true }]", // 18
    '  }', // 19
    '}', // 20
    "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {", // 21
    "  name: 'acr'", // 22
    '}', // 23
    "resource push 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {", // 24
    "  name: '8311e382-0749-4cb8-b61a-304f252e45ec'", // 25
    '}', // 26
    "resource grant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {", // 27
    "  name: guid(acr.id, 'push')", // 28
    '  scope: acr', // 29
    '  properties: {', // 30
    '    principalId: aks.properties.identityProfile.kubeletidentity.objectId', // 31
    '    roleDefinitionId: push.id', // 32
    '  }', // 33
    '}', // 34
    "resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2024-03-01' existing = {", // 35
    "  name: 'nodes'", // 36
    '}', // 37
    "resource other 'Microsoft.Authorization/roleAssignments@2022-04-01' = {", // 38
    "  name: guid(vmss.id, 'contributor')", // 39
    '  scope: vmss', // 40
    '  properties: {', // 41
    '    principalId: aks.properties.identityProfile.kubeletidentity.objectId', // 42
    "    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')", // 43
    '  }', // 44
    '}', // 45
  ].join('\n');

  it('pools written inside the cluster and nested as resources', async () => {
    const aks = await only({ 'main.bicep': main });
    assert.deepEqual(
      aks.pools.map((pool) => [pool.name, pool.declaredAs, pool.location.line, poolAt(pool, 'osType')[0]]),
      [
        ['sys', 'profile', 4, undefined],
        ['user', 'resource', 6, 'Windows'],
      ],
    );
  });

  it('maintenance configurations, diagnostic settings (scope), kubelet role assignments on the registry', async () => {
    const aks = await only({ 'main.bicep': main });
    assert.deepEqual(aks.surroundings, {
      diagnosticSettings: [
        {
          name: 'audit',
          location: { file: 'main.bicep', line: 14, column: 1 },
          categories: ['kube-audit-admin', 'guard'],
        },
      ],
      maintenanceConfigurations: ['aksManagedAutoUpgradeSchedule'],
      kubeletRoleAssignments: [{ role: 'AcrPush', location: { file: 'main.bicep', line: 27, column: 1 } }],
    });
  });

  it('a diagnostic setting deployed under an unknown condition is not counted', async () => {
    const aks = await only({
      'main.bicep': `${cluster("    dnsPrefix: 'a'")}param audit bool\nresource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (audit) {\n  name: 'd'\n  scope: aks\n  properties: { logs: [{ category: 'kube-audit', enabled: true }] }\n}\n`,
    });
    assert.deepEqual(aks.surroundings.diagnosticSettings, [
      {
        name: 'd',
        location: { file: 'main.bicep', line: 9, column: 1 },
        categories: [],
        unknownReason:
          "the diagnostic setting is deployed only if the condition (audit): depends on param 'audit', which has no default value",
      },
    ]);
  });

  it('pools added to an existing cluster: a partial cluster, or the declared one it names', async () => {
    const pool =
      "resource p 'Microsoft.ContainerService/managedClusters/agentPools@2024-05-01' = {\n  parent: existingAks\n  name: 'extra'\n}\n";
    const alone = await loadClustersFrom({
      'pool.bicep': `resource existingAks 'Microsoft.ContainerService/managedClusters@2024-05-01' existing = {\n  name: 'elsewhere'\n}\n${pool}`,
    });
    assert.deepEqual(
      alone.clusters.map((c) => [c.name, c.partial, c.pools.map((p) => p.name)]),
      [['elsewhere', true, ['extra']]],
    );
    const linked = await loadClustersFrom({
      'main.bicep': `${cluster("    dnsPrefix: 'a'")}resource existingAks 'Microsoft.ContainerService/managedClusters@2024-05-01' existing = {\n  name: aks.name\n}\n${pool}`,
    });
    assert.deepEqual(
      linked.clusters.map((c) => [c.name, c.partial, c.pools.map((p) => p.name)]),
      [['aks1', undefined, ['extra']]],
    );
  });
});

describe('Bicep clusters: local modules', () => {
  const module = [
    'param clusterName string', // 1
    'param private bool = false', // 2
    'param policy string', // 3
    "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {", // 4
    '  name: clusterName', // 5
    '  properties: {', // 6
    '    apiServerAccessProfile: { enablePrivateCluster: private }', // 7
    '    networkProfile: { networkPolicy: policy }', // 8
    '  }', // 9
    '}', // 10
    'output kubelet string = aks.properties.identityProfile.kubeletidentity.objectId', // 11
    'output name string = aks.name', // 12
  ].join('\n');
  const main = [
    "module cluster './modules/aks.bicep' = {", // 1
    "  name: 'aks'", // 2
    '  params: {', // 3
    "    clusterName: 'aks-prod'", // 4
    "    policy: 'azure'", // 5
    '  }', // 6
    '}', // 7
    "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {", // 8
    "  name: 'acr'", // 9
    '}', // 10
    "resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {", // 11
    "  name: 'pull'", // 12
    '  scope: acr', // 13
    '  properties: {', // 14
    '    principalId: cluster.outputs.kubelet', // 15
    "    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')", // 16
    '  }', // 17
    '}', // 18
  ].join('\n');

  for (const [where, files, disk] of [
    ['module among the inputs', { 'main.bicep': main, 'modules/aks.bicep': module }, {}],
    ['module read from disk', { 'main.bicep': main }, { 'modules/aks.bicep': module }],
  ] as const) {
    it(`${where}: evaluated with the caller's parameters, once`, async () => {
      const aks = await only(files, disk);
      assert.deepEqual(
        [
          aks.name,
          aks.address,
          aks.location.file,
          at(aks, 'apiServerAccessProfile.enablePrivateCluster'),
          at(aks, 'networkProfile.networkPolicy'),
        ],
        ['aks-prod', 'cluster.aks', 'modules/aks.bicep', [false, 7], ['azure', 8]],
      );
      assert.deepEqual(aks.surroundings.kubeletRoleAssignments, [
        { role: 'AcrPull', location: { file: 'main.bicep', line: 11, column: 1 } },
      ]);
    });
  }

  it('a module file that cannot be read is an error at the module line', async () => {
    const loaded = await loadClustersFrom({ 'main.bicep': main });
    assert.deepEqual(
      loaded.issues.map((issue) => [issue.level, issue.file, issue.line, issue.message]),
      [['error', 'main.bicep', 1, 'cannot read modules/aks.bicep: no such file or folder']],
    );
  });
});

describe('Bicep clusters: registry modules', () => {
  it('other registry modules are listed as not analysed, significant when they may hold a cluster', async () => {
    const loaded: ClusterLoadResult = await loadClustersFrom({
      'main.bicep': [
        "module vnet 'br/public:avm/res/network/virtual-network:0.5.1' = {",
        "  params: { name: 'v', addressPrefixes: ['10.0.0.0/16'] }",
        '}',
        "module platform 'br:contoso.azurecr.io/bicep/platform:1.2.0' = {",
        '  params: {}',
        '}',
        "module old 'br/public:avm/res/container-service/managed-cluster:0.1.7' = {",
        "  params: { name: 'a' }",
        '}',
      ].join('\n'),
    });
    assert.deepEqual(
      loaded.skipped?.map((entry) => [entry.line, entry.category, entry.significant, entry.reason]),
      [
        [
          1,
          'remote-source',
          false,
          "module 'br/public:avm/res/network/virtual-network:0.5.1' not analysed (registry module)",
        ],
        [
          4,
          'remote-source',
          true,
          "module 'br:contoso.azurecr.io/bicep/platform:1.2.0' not analysed (registry module)",
        ],
        [
          7,
          'remote-source',
          true,
          "module 'br/public:avm/res/container-service/managed-cluster:0.1.7' not analysed (release 0.1.7 of the AKS Verified Module is not modelled (0.6.0 to 0.14.x are))",
        ],
      ],
    );
    assert.equal(loaded.clusters.length, 0);
  });
});

describe('Bicep files: errors and what is read', () => {
  it('syntax the grammar cannot read is an error with its line; a cluster inside it is listed as not read', async () => {
    const loaded = await loadClustersFrom({
      'main.bicep':
        "var ok = 1\nresource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'a'\n  properties: {\n    enableRBAC: = true\n  }\n}\n",
    });
    assert.deepEqual(
      loaded.issues.map((issue) => [issue.level, issue.line, issue.message]),
      [['error', 5, 'Bicep syntax not understood near "=": the statement is not read']],
    );
    assert.deepEqual(
      loaded.skipped?.map((entry) => [entry.line, entry.significant, entry.reason]),
      [[5, true, 'part of a managedClusters declaration could not be parsed: what it sets is not evaluated']],
    );
    assert.deepEqual(at(loaded.clusters[0]!, 'enableRBAC'), [
      '? Bicep syntax not understood at line 5 (ERROR)',
      5,
    ]);
  });

  it('non-null assertions and typed variables are valid Bicep: read, not an input error', async () => {
    const aks = await only({
      'main.bicep': [
        "var dnsSuffix string = 'store'", // 1
        'var profiles = { oidc: { enabled: true } }', // 2
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {", // 3
        "  name: 'aks-${dnsSuffix}'", // 4
        "  location: 'westeurope'", // 5
        '  properties: {', // 6
        '    oidcIssuerProfile: profiles.?oidc!', // 7
        '    disableLocalAccounts: !(profiles.oidc!.enabled != true)', // 8
        '  }', // 9
        '}', // 10
        'output oidcIssuerUrl string = aks.properties.?oidcIssuerProfile.?issuerURL!', // 11
      ].join('\n'),
    });
    assert.deepEqual(
      [aks.name, at(aks, 'oidcIssuerProfile.enabled'), at(aks, 'disableLocalAccounts')],
      ['aks-store', [true, 7], [true, 8]],
    );
  });

  it('an ARM template compiled from a Bicep file of the inputs is not read twice', async () => {
    const loaded = await loadClustersFrom({
      'main.bicep': cluster("    dnsPrefix: 'a'"),
      'main.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        metadata: { _generator: { name: 'bicep', version: '0.30.23.60470' } },
        resources: [
          {
            type: 'Microsoft.ContainerService/managedClusters',
            apiVersion: '2024-05-01',
            name: 'aks1',
            properties: {},
          },
        ],
      }),
    });
    assert.deepEqual(
      loaded.clusters.map((c) => [c.dialect, c.location.file]),
      [['bicep', 'main.bicep']],
    );
    assert.deepEqual(
      loaded.issues.map((issue) => [issue.level, issue.file, issue.message]),
      [['note', 'main.json', 'compiled from main.bicep, which is read instead']],
    );
    assert.deepEqual(loaded.bicepRead, ['main.bicep']);
  });
});

describe('Bicep files: hostile input is bounded', () => {
  const cluster =
    "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'a'\n}\n";
  const cases: [name: string, files: Record<string, string>, message: string][] = [
    [
      'nesting deeper than any template',
      { 'main.bicep': `var x = ${'['.repeat(1000)}1${']'.repeat(1000)}\n${cluster}` },
      'Bicep syntax not understood near "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[": the statement is not read',
    ],
    [
      'a loop too large to read',
      {
        'main.bicep': `var x = [for i in range(0, 10000): [for j in range(0, 10000): j]]\nresource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'a'\n  properties: { dnsPrefix: string(length(x)) }\n}\n`,
      },
      'evaluation stopped after 200000 steps (a loop or module structure too large to read); clusters of this file are not analysed',
    ],
    [
      'values nested beyond the stack',
      {
        'main.bicep': `var x = reduce(range(0, 10000), {}, (acc, i) => { x: acc })\nresource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'a'\n  properties: { dnsPrefix: x }\n}\n`,
      },
      'values nested too deeply to evaluate; clusters of this file are not analysed',
    ],
    [
      'a module that calls itself',
      { 'main.bicep': `module m './main.bicep' = {\n  name: 'm'\n}\n${cluster}` },
      'module ./main.bicep calls itself through main.bicep: not followed',
    ],
  ];
  for (const [name, files, message] of cases) {
    it(name, async () => {
      const loaded = await loadClustersFrom(files);
      assert.deepEqual(
        loaded.issues.map((issue) => [issue.level, issue.message]),
        [['error', message]],
      );
    });
  }
});
