import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadClustersFrom } from '../../src/load/aks/testSupport.js';
import { type AksCluster, clusterField, isUnknown, poolField } from '../../src/model/aksCluster.js';
import { lineOf } from '../../src/rules/aks/testFixtures.js';
import { scanAks } from '../support/aksScan.js';

type Json = Record<string, unknown>;

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function template(body: Json): string {
  return `${JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...body }, null, 2)}\n`;
}

/** A managed cluster resource; `properties` merged into a small default body. */
function cluster(name: string, properties: Json = {}, extra: Json = {}): Json {
  return {
    type: 'Microsoft.ContainerService/managedClusters',
    apiVersion: '2025-05-01',
    name,
    location: 'westeurope',
    identity: { type: 'SystemAssigned' },
    ...extra,
    properties: {
      dnsPrefix: 'aks',
      enableRBAC: true,
      agentPoolProfiles: [{ name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4s_v5' }],
      ...properties,
    },
  };
}

function deployment(name: string, properties: Json): Json {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    properties: { mode: 'Incremental', ...properties },
  };
}

async function clustersOf(files: Record<string, string>): Promise<AksCluster[]> {
  const loaded = await loadClustersFrom(files);
  assert.deepEqual(
    loaded.issues.filter((issue) => issue.level === 'error').map((issue) => issue.message),
    [],
  );
  return loaded.clusters;
}

function plain(value: unknown): unknown {
  return isUnknown(value) ? `unknown: ${value.reason}` : value;
}

describe('nested deployments: expressionEvaluationOptions.scope as ARM evaluates it', () => {
  const parent = {
    parameters: { policy: { type: 'string', defaultValue: 'calico' } },
    variables: { clusterName: 'aks-outer' },
  };
  const nestedTemplate = {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { policy: { type: 'string', defaultValue: 'azure' } },
    variables: { clusterName: 'aks-inner' },
    resources: [
      cluster("[variables('clusterName')]", {
        networkProfile: { networkPlugin: 'azure', networkPolicy: "[parameters('policy')]" },
      }),
    ],
  };
  const cases: {
    name: string;
    options?: Json;
    parameters?: Json;
    expected: { name: string; policy: unknown };
  }[] = [
    {
      name: 'no option: outer scope, the parent template’s parameters and variables',
      expected: { name: 'aks-outer', policy: 'calico' },
    },
    {
      name: 'outer scope, explicit',
      options: { scope: 'outer' },
      expected: { name: 'aks-outer', policy: 'calico' },
    },
    {
      name: 'inner scope: the nested template’s own, defaults when not passed',
      options: { scope: 'inner' },
      expected: { name: 'aks-inner', policy: 'azure' },
    },
    {
      name: 'inner scope: parameters passed down, evaluated in the parent',
      options: { scope: 'inner' },
      parameters: { policy: { value: "[parameters('policy')]" } },
      expected: { name: 'aks-inner', policy: 'calico' },
    },
    {
      name: 'inner scope: a Key Vault reference is unknown',
      options: { scope: 'Inner' },
      parameters: { policy: { reference: { keyVault: { id: 'kv' }, secretName: 'p' } } },
      expected: { name: 'aks-inner', policy: "unknown: parameter 'policy' is a Key Vault reference" },
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const text = template({
        ...parent,
        resources: [
          deployment('nested', {
            ...(testCase.options ? { expressionEvaluationOptions: testCase.options } : {}),
            ...(testCase.parameters ? { parameters: testCase.parameters } : {}),
            template: nestedTemplate,
          }),
        ],
      });
      const [found, ...rest] = await clustersOf({ 'main.json': text });
      assert.equal(rest.length, 0);
      assert.equal(found!.name, testCase.expected.name);
      assert.equal(
        plain(clusterField(found!, 'networkProfile.networkPolicy').value),
        testCase.expected.policy,
      );
      assert.equal(
        found!.location.line,
        lineOf(text, '"type": "Microsoft.ContainerService/managedClusters"') - 1,
      );
    });
  }

  it('three levels deep, parameters passed at each level, lines in the nested text', async () => {
    const level3 = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { ranges: { type: 'array' } },
      resources: [
        cluster('deep', { apiServerAccessProfile: { authorizedIPRanges: "[parameters('ranges')]" } }),
      ],
    };
    const level2 = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { ranges: { type: 'array' } },
      resources: [
        deployment('level3', {
          expressionEvaluationOptions: { scope: 'inner' },
          parameters: { ranges: { value: "[parameters('ranges')]" } },
          template: level3,
        }),
      ],
    };
    const text = template({
      parameters: { ranges: { type: 'array', defaultValue: ['0.0.0.0/0'] } },
      resources: [
        deployment('level2', {
          expressionEvaluationOptions: { scope: 'inner' },
          parameters: { ranges: { value: "[parameters('ranges')]" } },
          template: level2,
        }),
      ],
    });
    const result = await scanAks({ 'main.json': text });
    assert.deepEqual(
      result.findings.filter((f) => f.startsWith('AKS-NET-04')),
      [`AKS-NET-04 main.json:${lineOf(text, '"authorizedIPRanges"')}`],
    );
  });

  it('a deployment whose condition is false deploys nothing', async () => {
    const text = template({
      resources: [
        { ...deployment('off', { template: { resources: [cluster('never')] } }), condition: false },
      ],
    });
    assert.deepEqual(await clustersOf({ 'main.json': text }), []);
  });
});

describe('linked templates', () => {
  const child = template({
    parameters: { policy: { type: 'string' } },
    resources: [
      cluster('linked', {
        networkProfile: { networkPlugin: 'azure', networkPolicy: "[parameters('policy')]" },
      }),
    ],
  });
  const parentWith = (link: Json) =>
    template({
      resources: [deployment('aks', { templateLink: link, parameters: { policy: { value: 'cilium' } } })],
    });

  const cases: { name: string; link: Json }[] = [
    { name: 'templateLink.relativePath', link: { relativePath: 'nested/aks.json' } },
    {
      name: 'a uri under the template’s own address',
      link: { uri: "[uri(deployment().properties.templateLink.uri, 'nested/aks.json')]" },
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.name}: read with the parameters passed, judged once, at its own lines`, async () => {
      const result = await scanAks({ 'main.json': parentWith(testCase.link), 'nested/aks.json': child });
      assert.deepEqual(result.coverage.skipped, []);
      assert.deepEqual(result.coverage.read, { 'arm-template': 1 });
      assert.deepEqual(
        result.findings.filter((f) => f.startsWith('AKS-NET-05')),
        [],
      );
      assert.deepEqual(
        result.findings.filter((f) => f.startsWith('AKS-IAM-02')),
        [
          `AKS-IAM-02 nested/aks.json:${lineOf(child, '"type": "Microsoft.ContainerService/managedClusters"') - 1}`,
        ],
      );
    });
  }

  it('a linked template outside the scanned paths is read from disk', async () => {
    const result = await scanAks(
      { 'main.json': parentWith({ relativePath: 'nested/aks.json' }), 'nested/aks.json': child },
      { paths: ['main.json'] },
    );
    assert.equal(result.findings.filter((f) => f.startsWith('AKS-IAM-02')).length, 1);
  });

  const skipped: { name: string; link: Json; reason: string }[] = [
    {
      name: 'a remote uri',
      link: { uri: 'https://example.com/templates/aks.json?sv=secret' },
      reason:
        'linked template not read: "https://example.com/templates/aks.json" is remote (templates are not downloaded)',
    },
    {
      name: 'a missing file',
      link: { relativePath: 'gone.json' },
      reason: 'linked template "gone.json" not found beside main.json',
    },
    {
      name: 'a template spec',
      link: { id: '/subscriptions/0/templateSpecs/aks/versions/1' },
      reason: 'linked template not read: a template spec is not read',
    },
  ];
  for (const testCase of skipped) {
    it(`${testCase.name}: listed as not analysed (remote-source), no finding invented`, async () => {
      const text = parentWith(testCase.link);
      const result = await scanAks({ 'main.json': text });
      assert.deepEqual(result.coverage.skipped, [
        {
          path: 'main.json',
          line: lineOf(text, '"type": "Microsoft.Resources/deployments"') - 1,
          category: 'remote-source',
          reason: testCase.reason,
          significant: true,
        },
      ]);
      assert.deepEqual(result.findings, []);
      assert.ok(!JSON.stringify(result).includes('sv=secret'));
    });
  }
});

describe('copy loops', () => {
  it('resource copy: one agentPools resource per iteration, copyIndex() in names and properties', async () => {
    const text = template({
      parameters: {
        pools: {
          type: 'array',
          defaultValue: [
            { name: 'user1', publicIp: false },
            { name: 'user2', publicIp: true },
          ],
        },
      },
      resources: [
        cluster('aks1'),
        {
          type: 'Microsoft.ContainerService/managedClusters/agentPools',
          apiVersion: '2025-05-01',
          name: "[format('aks1/{0}', parameters('pools')[copyIndex()].name)]",
          copy: { name: 'poolLoop', count: "[length(parameters('pools'))]" },
          properties: {
            count: 2,
            vmSize: 'Standard_D4s_v5',
            enableNodePublicIP: "[parameters('pools')[copyIndex('poolLoop')].publicIp]",
          },
        },
      ],
    });
    const [found] = await clustersOf({ 'main.json': text });
    assert.deepEqual(
      found!.pools.map((pool) => [pool.name, pool.declaredAs, poolField(pool, 'enableNodePublicIP').value]),
      [
        ['system', 'profile', undefined],
        ['user1', 'resource', false],
        ['user2', 'resource', true],
      ],
    );
    const result = await scanAks({ 'main.json': text });
    assert.deepEqual(
      result.findings.filter((f) => f.startsWith('AKS-NET-08')),
      [`AKS-NET-08 main.json:${lineOf(text, '"enableNodePublicIP"')}`],
    );
  });

  it('property copy: agentPoolProfiles built by a copy loop, each item at the loop input', async () => {
    const text = template({
      parameters: { osTypes: { type: 'array', defaultValue: ['Linux', 'Windows'] } },
      resources: [
        cluster('aks1', {
          agentPoolProfiles: undefined,
          copy: [
            {
              name: 'agentPoolProfiles',
              count: "[length(parameters('osTypes'))]",
              input: {
                name: "[concat('pool', copyIndex('agentPoolProfiles'))]",
                osType: "[parameters('osTypes')[copyIndex('agentPoolProfiles')]]",
                mode: "[if(equals(copyIndex('agentPoolProfiles'), 0), 'System', 'User')]",
                count: 1,
              },
            },
          ],
        }),
      ],
    });
    const [found] = await clustersOf({ 'main.json': text });
    assert.deepEqual(
      found!.pools.map((pool) => [
        pool.name,
        poolField(pool, 'osType').value,
        poolField(pool, 'mode').value,
        pool.location.line,
      ]),
      [
        ['pool0', 'Linux', 'System', lineOf(text, '"input"')],
        ['pool1', 'Windows', 'User', lineOf(text, '"input"')],
      ],
    );
  });

  it('a copy count that depends on the deployment: the pools are unknown, never absent', async () => {
    const text = template({
      parameters: { count: { type: 'int' } },
      resources: [
        cluster('aks1', {
          agentPoolProfiles: undefined,
          copy: [
            { name: 'agentPoolProfiles', count: "[parameters('count')]", input: { name: 'p', count: 1 } },
          ],
        }),
      ],
    });
    const [found] = await clustersOf({ 'main.json': text });
    assert.equal(
      plain(clusterField(found!, 'agentPoolProfiles').value),
      "unknown: the number of copies depends on: depends on parameter 'count'",
    );
  });

  it('variable copy loops', async () => {
    const text = template({
      variables: {
        copy: [{ name: 'ranges', count: 2, input: "[concat('10.0.', copyIndex('ranges'), '.0/24')]" }],
      },
      resources: [
        cluster('aks1', { apiServerAccessProfile: { authorizedIPRanges: "[variables('ranges')]" } }),
      ],
    });
    const [found] = await clustersOf({ 'main.json': text });
    assert.deepEqual(clusterField(found!, 'apiServerAccessProfile.authorizedIPRanges').value, [
      '10.0.0.0/24',
      '10.0.1.0/24',
    ]);
  });
});

describe('languageVersion 2.0: symbolic names', () => {
  const text = template({
    languageVersion: '2.0',
    parameters: { name: { type: 'string', defaultValue: 'aks-sym' } },
    resources: {
      vnet: {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2024-05-01',
        name: 'vnet',
        existing: true,
      },
      existingAks: {
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2025-05-01',
        name: 'other',
        existing: true,
      },
      aks: cluster("[parameters('name')]", {
        networkProfile: { networkPlugin: 'azure', networkPolicy: 'cilium', networkDataplane: 'cilium' },
      }),
      pool: {
        type: 'Microsoft.ContainerService/managedClusters/agentPools',
        apiVersion: '2025-05-01',
        name: "[format('{0}/{1}', parameters('name'), 'win')]",
        dependsOn: ['aks'],
        properties: { osType: 'Windows', count: 1 },
      },
      diag: {
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        scope: "[format('Microsoft.ContainerService/managedClusters/{0}', parameters('name'))]",
        name: 'audit',
        dependsOn: ['aks'],
        properties: { logs: [{ category: 'kube-audit-admin', enabled: true }] },
      },
    },
  });

  it('resources as an object; existing resources are references, not deployed', async () => {
    const found = await clustersOf({ 'main.json': text });
    assert.deepEqual(
      found.map((c) => c.name),
      ['aks-sym'],
    );
    assert.deepEqual(
      found[0]!.pools.map((pool) => pool.name),
      ['system', 'win'],
    );
    assert.deepEqual(
      found[0]!.surroundings.diagnosticSettings?.map((setting) => setting.categories),
      [['kube-audit-admin']],
    );
  });
});

describe('a body that cannot be read is not evaluated, never absent', () => {
  it('properties from a parameter without default: cluster controls not evaluated', async () => {
    const text = template({
      parameters: { props: { type: 'object' } },
      resources: [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          apiVersion: '2025-05-01',
          name: 'aks1',
          properties: "[parameters('props')]",
        },
      ],
    });
    const result = await scanAks({ 'main.json': text });
    // Only the controls read from other resources (diagnostic settings, maintenance configurations) are judged.
    assert.deepEqual(result.findings, ['AKS-GOV-07 main.json:10', 'AKS-MON-02 main.json:10']);
    assert.ok(result.notEvaluated.some((entry) => entry.startsWith('AKS-NODE-11 ')));
    assert.ok(
      result.notEvaluated.includes(
        `AKS-IAM-02 main.json:${lineOf(text, '"properties"')} depends on parameter 'props'`,
      ),
      result.notEvaluated.join('\n'),
    );
  });

  it('agent pools from a parameter without default: pool controls not evaluated', async () => {
    const text = template({
      parameters: { pools: { type: 'array' } },
      resources: [cluster('aks1', { agentPoolProfiles: "[parameters('pools')]" })],
    });
    const result = await scanAks({ 'main.json': text });
    assert.deepEqual(
      result.findings.filter((f) => /^AKS-(DATA-02|NET-08|NODE-05) /.test(f)),
      [],
    );
    assert.ok(result.notEvaluated.some((entry) => entry.startsWith('AKS-DATA-02 ')));
  });
});
