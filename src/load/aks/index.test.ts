// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform interpolations in fixtures
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AksCluster,
  asBool,
  azureRbacEnabled,
  clusterField,
  entraAdminGroups,
  entraIntegration,
  isUnknown,
  localAccountsDisabled,
  networkDataplane,
  networkPlugin,
  networkPolicyEngine,
  poolField,
  privateCluster,
  rbacEnabled,
  windowsPools,
} from '../../model/aksCluster.js';
import { loadClustersFrom } from './testSupport.js';

async function one(files: Record<string, string>): Promise<AksCluster> {
  const loaded = await loadClustersFrom(files);
  assert.deepEqual(loaded.issues, []);
  assert.equal(loaded.clusters.length, 1, 'one cluster');
  return loaded.clusters[0]!;
}

const armBody = {
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1',
  name: 'aks1',
  type: 'Microsoft.ContainerService/ManagedClusters',
  properties: {
    kubernetesVersion: '1.33.1',
    dnsPrefix: 'aks1',
    enableRBAC: true,
    addonProfiles: { omsAgent: { enabled: 'True' } },
    networkProfile: { networkPlugin: 'azure', networkPolicy: 'Calico' },
    agentPoolProfiles: [
      { name: 'sys', mode: 'System' },
      { name: 'win', osType: 'Windows' },
    ],
  },
};

describe('cluster dialects', () => {
  it('ARM GET: properties flattened, keys case-insensitive, string booleans, every pool', async () => {
    const text = JSON.stringify(armBody, null, 2);
    const cluster = await one({ 'c.json': text });
    assert.equal(cluster.dialect, 'arm');
    assert.equal(cluster.name, 'aks1');
    assert.equal(cluster.id, armBody.id);
    assert.equal(asBool(clusterField(cluster, 'addonProfiles.omsagent.enabled')).value, true);
    assert.equal(clusterField(cluster, 'ENABLERBAC').value, true);
    assert.equal(networkPolicyEngine(cluster).value, 'calico');
    assert.deepEqual(
      cluster.pools.map((pool) => pool.name),
      ['sys', 'win'],
    );
    assert.deepEqual(
      windowsPools(cluster).map((pool) => pool.name),
      ['win'],
    );
    const line = text.split('\n').findIndex((l) => l.includes('"networkPolicy"')) + 1;
    assert.equal(clusterField(cluster, 'networkProfile.networkPolicy').location?.line, line);
  });

  it('typed accessors apply the platform defaults', async () => {
    const bare = await one({
      'bare.json': JSON.stringify({
        name: 'b',
        kubernetesVersion: '1.33',
        dnsPrefix: 'b',
        agentPoolProfiles: [{ name: 'p' }],
      }),
    });
    assert.deepEqual(
      [rbacEnabled, entraIntegration, azureRbacEnabled, localAccountsDisabled, privateCluster].map((read) => [
        read(bare).value,
        read(bare).defaulted,
      ]),
      [
        [true, true],
        [false, true],
        [false, true],
        [false, true],
        [false, true],
      ],
    );
    assert.deepEqual(
      [networkPolicyEngine(bare).value, networkPlugin(bare).value, networkDataplane(bare).value],
      ['none', 'kubenet', 'azure'],
    );
    assert.deepEqual(entraAdminGroups(bare).value, []);
    const full = await one({
      'full.json': JSON.stringify({
        name: 'f',
        kubernetesVersion: '1.33',
        aadProfile: { managed: true, enableAzureRbac: true, adminGroupObjectIds: ['g1'] },
        disableLocalAccounts: true,
        networkProfile: { networkPlugin: 'Azure', networkDataplane: 'Cilium', networkPolicy: 'cilium' },
        apiServerAccessProfile: { enablePrivateCluster: true },
        agentPoolProfiles: [{ name: 'p' }],
      }),
    });
    assert.deepEqual(
      [rbacEnabled, entraIntegration, azureRbacEnabled, localAccountsDisabled, privateCluster].map(
        (read) => read(full).value,
      ),
      [true, true, true, true, true],
    );
    assert.deepEqual(
      [networkPolicyEngine(full).value, networkPlugin(full).value, networkDataplane(full).value],
      ['cilium', 'azure', 'cilium'],
    );
    assert.deepEqual(entraAdminGroups(full).value, ['g1']);
  });

  it('az aks show (flat, camelCase) and az aks list (array)', async () => {
    const show = {
      name: 'aks2',
      kubernetesVersion: '1.33',
      dnsPrefix: 'a',
      enableRbac: false,
      agentPoolProfiles: [{ name: 'p', enableNodePublicIp: true }],
    };
    const cluster = await one({ 'show.json': JSON.stringify(show) });
    assert.equal(cluster.dialect, 'azcli');
    assert.equal(clusterField(cluster, 'enableRBAC').value, false);
    assert.equal(poolField(cluster.pools[0]!, 'enableNodePublicIP').value, true);
    const list = await loadClustersFrom({ 'list.json': JSON.stringify([show, { ...show, name: 'aks3' }]) });
    assert.deepEqual(
      list.clusters.map((c) => c.name),
      ['aks2', 'aks3'],
    );
    const arm = await loadClustersFrom({ 'value.json': JSON.stringify({ value: [armBody] }) });
    assert.deepEqual(
      arm.clusters.map((c) => c.name),
      ['aks1'],
    );
  });

  it('azure-rest-api-specs example: the request body, its api-version and resourceName', async () => {
    const example = {
      parameters: {
        'api-version': '2025-05-01',
        resourceName: 'clustername1',
        parameters: { location: 'x', properties: armBody.properties },
      },
      responses: { '200': { body: { name: 'clustername1', properties: {} } } },
    };
    const cluster = await one({ 'example.json': JSON.stringify(example) });
    assert.equal(cluster.name, 'clustername1');
    assert.equal(cluster.apiVersion, '2025-05-01');
    assert.equal(cluster.materialized, false);
  });

  it('kubescape ClusterDescribe (the ARM body under data)', async () => {
    const describeDoc = {
      apiVersion: 'management.azure.com/v1',
      kind: 'ClusterDescribe',
      metadata: { name: 'aks1', provider: 'aks' },
      data: armBody,
    };
    const cluster = await one({ 'cd.json': JSON.stringify(describeDoc) });
    assert.equal(cluster.name, 'aks1');
  });

  it('an agentPools document alone is a partial cluster: pool controls only', async () => {
    const pool = {
      parameters: {
        'api-version': '2025-05-01',
        resourceName: 'c1',
        agentPoolName: 'wnp2',
        parameters: { properties: { osType: 'Windows', osSKU: 'Windows2022', count: 3, vmSize: 'x' } },
      },
      responses: {},
    };
    const cluster = await one({ 'pool.json': JSON.stringify(pool) });
    assert.equal(cluster.partial, true);
    assert.equal(cluster.name, 'c1');
    assert.deepEqual(
      windowsPools(cluster).map((p) => p.name),
      ['wnp2'],
    );
  });

  it('ARM template: parameters file, variables, nested and top-level child pools, diagnostic settings', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {
        name: { type: 'string' },
        policy: { type: 'string', defaultValue: 'azure' },
        private: { type: 'bool' },
      },
      variables: { plugin: 'azure' },
      resources: [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          apiVersion: '2024-09-01',
          name: "[parameters('name')]",
          properties: {
            networkProfile: {
              networkPlugin: "[variables('plugin')]",
              networkPolicy: "[parameters('policy')]",
            },
            apiServerAccessProfile: { enablePrivateCluster: "[parameters('private')]" },
            agentPoolProfiles: [{ name: 'sys', mode: 'System' }],
          },
          resources: [
            { type: 'agentPools', apiVersion: '2024-09-01', name: 'user', properties: { mode: 'User' } },
          ],
        },
        {
          type: 'Microsoft.ContainerService/managedClusters/agentPools',
          apiVersion: '2024-09-01',
          name: "[concat(parameters('name'), '/batch')]",
          properties: {},
        },
        {
          type: 'Microsoft.Insights/diagnosticSettings',
          apiVersion: '2021-05-01-preview',
          name: 'audit',
          scope: "[parameters('name')]",
          properties: { logs: [{ category: 'kube-audit-admin', enabled: true }] },
        },
      ],
    };
    const parameters = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { name: { value: 'aks-prod' } },
    };
    const loaded = await loadClustersFrom({
      'aks.json': JSON.stringify(template, null, 2),
      'aks.parameters.json': JSON.stringify(parameters),
    });
    assert.deepEqual(loaded.issues, []);
    assert.equal(loaded.clusters.length, 1);
    const cluster = loaded.clusters[0]!;
    assert.equal(cluster.name, 'aks-prod');
    assert.equal(cluster.apiVersion, '2024-09-01');
    assert.equal(networkPolicyEngine(cluster).value, 'azure');
    assert.equal(clusterField(cluster, 'networkProfile.networkPlugin').value, 'azure');
    const privateFlag = clusterField(cluster, 'apiServerAccessProfile.enablePrivateCluster').value;
    assert.ok(isUnknown(privateFlag) && privateFlag.reason === "depends on parameter 'private'");
    assert.deepEqual(
      cluster.pools.map((pool) => `${pool.name}:${pool.declaredAs}`),
      ['sys:profile', 'user:resource', 'batch:resource'],
    );
    assert.deepEqual(
      cluster.surroundings.diagnosticSettings?.map((s) => s.categories),
      [['kube-audit-admin']],
    );
  });

  it('Terraform: variables, tfvars overriding defaults, locals, unknowns with their reason', async () => {
    const main = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks-\${var.env}"
  dns_prefix = "x"
  sku_tier   = local.tier
  api_server_access_profile {
    authorized_ip_ranges = var.ranges
  }
  network_profile {
    network_plugin = "azure"
    network_policy = var.policy
  }
  default_node_pool {
    name    = "sys"
    vm_size = "x"
  }
}
variable "env" {
  default = "dev"
}
variable "policy" {
  default = "azure"
}
variable "ranges" {
  type = list(string)
}
locals {
  tier = "Standard"
}
`;
    const cluster = await one({
      'main.tf': main,
      'terraform.tfvars': 'env = "prod"\n',
      'x.auto.tfvars.json': '{"policy": "cilium"}',
    });
    assert.equal(cluster.name, 'aks-prod');
    assert.equal(cluster.address, 'azurerm_kubernetes_cluster.main');
    assert.equal(networkPolicyEngine(cluster).value, 'cilium');
    assert.equal(clusterField(cluster, 'sku.tier').value, 'Standard');
    const ranges = clusterField(cluster, 'apiServerAccessProfile.authorizedIPRanges');
    assert.ok(isUnknown(ranges.value) && ranges.value.reason === 'depends on var.ranges');
    assert.equal(ranges.location?.line, 6);
  });

  it('Terraform plan JSON (terraform show -json): resolved values with their positions', async () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'azurerm_kubernetes_cluster.main',
              mode: 'managed',
              type: 'azurerm_kubernetes_cluster',
              name: 'main',
              values: {
                name: 'aks-plan',
                local_account_disabled: true,
                azure_active_directory_role_based_access_control: [
                  { azure_rbac_enabled: true, tenant_id: 't' },
                ],
                network_profile: [{ network_plugin: 'azure', network_policy: 'calico' }],
                oms_agent: [],
                default_node_pool: [
                  { name: 'sys', node_public_ip_enabled: false, host_encryption_enabled: true },
                ],
              },
            },
            {
              address: 'azurerm_kubernetes_cluster_node_pool.win',
              mode: 'managed',
              type: 'azurerm_kubernetes_cluster_node_pool',
              name: 'win',
              values: { name: 'win', os_type: 'Windows' },
            },
          ],
        },
      },
    };
    const text = JSON.stringify(plan, null, 2);
    const cluster = await one({ 'plan.json': text });
    assert.equal(cluster.dialect, 'terraformPlan');
    assert.equal(cluster.name, 'aks-plan');
    assert.equal(clusterField(cluster, 'disableLocalAccounts').value, true);
    assert.equal(clusterField(cluster, 'aadProfile.managed').value, true);
    assert.equal(networkPolicyEngine(cluster).value, 'calico');
    assert.equal(
      clusterField(cluster, 'addonProfiles.omsagent').present,
      false,
      'an empty block list is absent',
    );
    assert.deepEqual(
      cluster.pools.map((pool) => pool.name),
      ['sys', 'win'],
    );
    assert.deepEqual(
      windowsPools(cluster).map((pool) => pool.name),
      ['win'],
    );
    const line = text.split('\n').findIndex((l) => l.includes('"local_account_disabled"')) + 1;
    assert.equal(clusterField(cluster, 'disableLocalAccounts').location?.line, line);
  });

  it('Terraform plan JSON with azapi resources (object body, JSON-string body)', async () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          child_modules: [
            {
              resources: [
                {
                  address: 'module.aks.azapi_resource.pool',
                  mode: 'managed',
                  type: 'azapi_resource',
                  name: 'pool',
                  values: {
                    type: 'Microsoft.ContainerService/managedClusters/agentPools@2025-05-01',
                    name: 'win',
                    body: '{"properties":{"osType":"Windows"}}',
                  },
                },
                {
                  address: 'module.aks.azapi_resource.this',
                  mode: 'managed',
                  type: 'azapi_resource',
                  name: 'this',
                  values: {
                    type: 'Microsoft.ContainerService/managedClusters@2025-05-01',
                    name: 'aks-avm',
                    identity: [{ type: 'SystemAssigned' }],
                    body: {
                      properties: {
                        enableRBAC: true,
                        networkProfile: { networkPolicy: 'azure', networkPlugin: 'azure' },
                      },
                    },
                  },
                },
              ],
            },
          ],
        },
      },
    };
    const cluster = await one({ 'plan.json': JSON.stringify(plan, null, 2) });
    assert.equal(cluster.name, 'aks-avm');
    assert.equal(cluster.apiVersion, '2025-05-01');
    assert.equal(networkPolicyEngine(cluster).value, 'azure');
    assert.equal(clusterField(cluster, 'identity.type').value, 'SystemAssigned');
    assert.deepEqual(
      windowsPools(cluster).map((pool) => pool.name),
      ['win'],
    );
  });

  it('Terraform JSON syntax (*.tf.json, CDK for Terraform)', async () => {
    const json = {
      variable: { policy: { default: 'calico' } },
      resource: {
        azurerm_kubernetes_cluster: {
          main: {
            name: 'aks-cdktf',
            dns_prefix: 'x',
            local_account_disabled: true,
            network_profile: { network_plugin: 'azure', network_policy: '${var.policy}' },
            default_node_pool: { name: 'sys', vm_size: 'x', node_public_ip_enabled: true },
          },
        },
      },
    };
    const text = JSON.stringify(json, null, 2);
    const loaded = await loadClustersFrom({ 'cdk.tf.json': text });
    assert.deepEqual(loaded.issues, []);
    assert.equal(loaded.clusters.length, 1);
    const cluster = loaded.clusters[0]!;
    assert.equal(loaded.consumed.size, 1);
    assert.equal(cluster.name, 'aks-cdktf');
    assert.equal(networkPolicyEngine(cluster).value, 'calico');
    const line = text.split('\n').findIndex((l) => l.includes('"local_account_disabled"')) + 1;
    assert.equal(clusterField(cluster, 'disableLocalAccounts').location?.line, line);
    const poolLine = text.split('\n').findIndex((l) => l.includes('"node_public_ip_enabled"')) + 1;
    assert.equal(poolField(cluster.pools[0]!, 'enableNodePublicIP').location?.line, poolLine);
  });

  it('the Azure Verified Module: inputs map onto ARM properties', async () => {
    const tf = `module "aks" {
  source  = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version = "0.6.1"
  name    = "aks-demo"
  disable_local_accounts = true
  addon_profile_azure_policy = {
    enabled = true
  }
  auto_upgrade_profile = {
    node_os_upgrade_channel = "SecurityPatch"
  }
  managed_identities = {
    system_assigned = true
  }
  agent_pools = {
    win = {
      os_type = "Windows"
    }
  }
}
`;
    const cluster = await one({ 'main.tf': tf });
    assert.equal(cluster.name, 'aks-demo');
    assert.equal(clusterField(cluster, 'disableLocalAccounts').value, true);
    assert.equal(clusterField(cluster, 'disableLocalAccounts').location?.line, 5);
    assert.equal(clusterField(cluster, 'addonProfiles.azurepolicy.enabled').value, true);
    assert.equal(clusterField(cluster, 'autoUpgradeProfile.nodeOSUpgradeChannel').value, 'SecurityPatch');
    assert.equal(clusterField(cluster, 'identity.type').value, 'SystemAssigned');
    assert.deepEqual(
      windowsPools(cluster).map((pool) => pool.name),
      ['win'],
    );
  });

  it('azapi_resource: the ARM body as an HCL object (azapi 2) or jsonencode (azapi 1), and child agent pools', async () => {
    const tf = `resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2024-09-01"
  name      = "aks-azapi"
  parent_id = azurerm_resource_group.rg.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      disableLocalAccounts = true
      networkProfile = {
        networkPlugin = "azure"
        networkPolicy = "cilium"
      }
    }
  }
}
resource "azapi_resource" "win" {
  type      = "Microsoft.ContainerService/managedClusters/agentPools@2024-09-01"
  name      = "win"
  parent_id = azapi_resource.aks.id
  body = jsonencode({
    properties = {
      osType = "Windows"
      count  = 1
    }
  })
}
`;
    const cluster = await one({ 'main.tf': tf });
    assert.equal(cluster.name, 'aks-azapi');
    assert.equal(cluster.apiVersion, '2024-09-01');
    assert.equal(cluster.address, 'azapi_resource.aks');
    assert.equal(clusterField(cluster, 'disableLocalAccounts').value, true);
    assert.equal(clusterField(cluster, 'disableLocalAccounts').location?.line, 10);
    assert.equal(networkPolicyEngine(cluster).value, 'cilium');
    assert.equal(clusterField(cluster, 'identity.type').value, 'SystemAssigned');
    assert.deepEqual(
      windowsPools(cluster).map((pool) => pool.name),
      ['win'],
    );
  });

  it('reports unparsable HCL with its file and line, and keeps the other files', async () => {
    const loaded = await loadClustersFrom({
      'bad.tf': 'resource "x" "y" {\n  a = \n}\n',
      'c.json': JSON.stringify(armBody),
    });
    assert.equal(loaded.clusters.length, 1);
    assert.equal(loaded.issues.length, 1);
    assert.equal(loaded.issues[0]!.file, 'bad.tf');
    assert.match(loaded.issues[0]!.message, /cannot parse HCL/);
  });

  it('leaves documents that are not clusters alone', async () => {
    const loaded = await loadClustersFrom({ 'other.json': '{"hello": "world"}' });
    assert.equal(loaded.clusters.length, 0);
    assert.equal(loaded.consumed.size, 0);
  });
});
