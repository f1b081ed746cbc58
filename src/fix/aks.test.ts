import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterInventory, loadClustersFrom } from '../load/aks/testSupport.js';
import { aksRules } from '../rules/aks/index.js';
import { defaultSettings, type Rule } from '../rules/defineRule.js';
import { runRules } from '../rules/runRules.js';
import { clusterFixPlans, renderClusterFixPlan, renderClusterFixPlans } from './aks.js';
import { renderedPlan } from './testSupport.js';

const az = JSON.stringify(
  {
    id: '/subscriptions/0000/resourceGroups/rg-store/providers/Microsoft.ContainerService/managedClusters/aks-store',
    name: 'aks-store',
    kubernetesVersion: '1.33.2',
    dnsPrefix: 'aks-store',
    enableRbac: true,
    disableLocalAccounts: false,
    aadProfile: { managed: true, adminGroupObjectIds: ['g'] },
    addonProfiles: { httpApplicationRouting: { enabled: true } },
    networkProfile: { networkPlugin: 'azure', networkPolicy: 'none' },
    agentPoolProfiles: [
      { name: 'system', mode: 'System', enableNodePublicIp: true, enableEncryptionAtHost: true },
    ],
  },
  null,
  2,
);

describe('clusterFixPlan', () => {
  it('groups az aks update flags, add-ons, migrations and pool commands', async () => {
    const { plan } = await renderedPlan({ 'c.json': az }, [
      'AKS-IAM-03',
      'AKS-IAM-04',
      'AKS-IAM-08',
      'AKS-NODE-03',
      'AKS-NET-05',
      'AKS-NET-08',
      'AKS-NET-11',
      'AKS-GOV-01',
      'AKS-MON-03',
    ]);
    assert.deepEqual(plan.cluster, { name: 'aks-store', resourceGroup: 'rg-store', file: 'c.json', line: 1 });
    assert.deepEqual(plan.azCommands, [
      'az aks update -g rg-store -n aks-store --enable-azure-rbac --disable-local-accounts --disable-run-command --auto-upgrade-channel patch',
      'az aks update -g rg-store -n aks-store --network-policy calico',
      'az aks enable-addons -g rg-store -n aks-store --addons monitoring,azure-policy',
      'az aks disable-addons -g rg-store -n aks-store --addons http_application_routing',
      'az aks nodepool add -g rg-store --cluster-name aks-store -n system2 ...   # without --enable-node-public-ip; then drain and delete system',
    ]);
    assert.deepEqual(
      plan.notes.map((note) => [note.ruleIds.join(','), note.impact]),
      [
        ['AKS-IAM-04', 'none'],
        ['AKS-NET-05', 'reimage'],
        ['AKS-NET-08', 'new-pool'],
      ],
    );
  });

  it('gives Terraform changes on the cluster and on the pool at fault, with azurerm 3 names', async () => {
    const tf = `resource "azurerm_kubernetes_cluster" "main" {
  name       = "aks1"
  dns_prefix = "aks1"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
}
`;
    const { plan } = await renderedPlan({ 'main.tf': tf }, ['AKS-DATA-02', 'AKS-NODE-01', 'AKS-NODE-03']);
    assert.deepEqual(
      plan.terraform.map(
        (change) =>
          `${change.address}: ${change.attribute} = ${change.value} [${change.legacy ?? ''}] ${change.impact}`,
      ),
      [
        'azurerm_kubernetes_cluster.main.default_node_pool: host_encryption_enabled = true [enable_host_encryption] new-pool',
        'azurerm_kubernetes_cluster_node_pool.user: host_encryption_enabled = true [enable_host_encryption] new-pool',
        'azurerm_kubernetes_cluster.main: automatic_upgrade_channel = "patch" [automatic_channel_upgrade] none',
      ],
    );
    assert.equal(plan.azCommands.filter((command) => command.startsWith('az aks nodepool add')).length, 2);
    assert.ok(
      plan.azCommands.includes('az aks update -g <RESOURCE_GROUP> -n aks1 --auto-upgrade-channel patch'),
    );
  });

  it('names Azure Verified Module inputs after the ARM properties', async () => {
    const tf = `module "aks" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  name      = "aks-demo"
  parent_id = "x"
  auto_upgrade_profile = {
    node_os_upgrade_channel = "None"
  }
}
`;
    const { plan } = await renderedPlan({ 'main.tf': tf }, ['AKS-NODE-01']);
    assert.deepEqual(
      plan.terraform.map((change) => `${change.address}: ${change.attribute}`),
      ['module.aks: auto_upgrade_profile.node_os_upgrade_channel'],
    );
  });

  it('renders a plan, and says when there is nothing to fix', async () => {
    const { plan } = await renderedPlan({ 'c.json': az }, ['AKS-IAM-08']);
    const text = renderClusterFixPlan(plan);
    assert.match(text, /^# Cluster aks-store \(resource group rg-store, c\.json:1\)/);
    assert.match(text, /az aks update -g rg-store -n aks-store --disable-run-command/);
    assert.match(text, /run_command_enabled = false {3}# AKS-IAM-08/);
    const empty = await renderedPlan({ 'c.json': az }, ['AKS-GOV-02']);
    assert.match(renderClusterFixPlan(empty.plan), /Nothing to fix\./);
  });
});

describe('clusterFixPlans', () => {
  it('keeps only clusters with something to fix', async () => {
    const otherBody = JSON.parse(az.replaceAll('aks-store', 'aks-other'));
    otherBody.addonProfiles.httpApplicationRouting.enabled = false;
    const other = JSON.stringify(otherBody, null, 2);
    const loaded = await loadClustersFrom({ 'a.json': az, 'b.json': other });
    const rules = [aksRules.find((rule) => rule.id === 'AKS-NET-11') as Rule];
    const findings = runRules(clusterInventory(loaded.clusters), rules, {
      settings: defaultSettings(),
    }).findings;
    const plans = clusterFixPlans(loaded.clusters, findings);
    assert.deepEqual(
      plans.map((plan) => plan.cluster.name),
      ['aks-store'],
    );
    assert.match(
      renderClusterFixPlans(plans),
      /disable-addons -g rg-store -n aks-store --addons http_application_routing/,
    );
    assert.equal(renderClusterFixPlans([]), 'No AKS cluster finding to fix.\n');
  });
});
