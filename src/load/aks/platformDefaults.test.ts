import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aksRules } from '../../rules/aks/index.js';
import { defaultSettings } from '../../rules/defineRule.js';
import { runRules } from '../../rules/runRules.js';
import { clusterInventory, loadClustersFrom } from './testSupport.js';

async function ruleIdsFor(files: Record<string, string>) {
  const loaded = await loadClustersFrom(files);
  const run = runRules(clusterInventory(loaded.clusters, Object.keys(files)), aksRules, {
    settings: defaultSettings(),
  });
  return {
    fired: [...new Set(run.findings.map((finding) => finding.ruleId))].sort(),
    findings: run.findings,
    notEvaluated: run.notEvaluated,
  };
}

/** What AKS Automatic preconfigures (intro-aks-automatic.md): these controls must not fire on a bare definition. */
const PRECONFIGURED = [
  'AKS-IAM-01', // Kubernetes RBAC
  'AKS-IAM-02', // Entra ID (Azure RBAC is AKS-managed Entra ID)
  'AKS-IAM-03', // Azure RBAC for Kubernetes authorization
  'AKS-IAM-04', // no local accounts
  'AKS-IAM-05', // Azure RBAC: administrators are Azure role assignments
  'AKS-IAM-07', // workload identity + OIDC issuer
  'AKS-GOV-01', // deployment safeguards (Azure Policy)
  'AKS-GOV-03', // image cleaner
  'AKS-GOV-06', // Standard tier
  'AKS-NET-05', // Cilium
  'AKS-NET-06',
  'AKS-NET-07', // Azure CNI Overlay
  'AKS-NET-13', // API server VNet integration
  'AKS-NODE-01', // NodeImage channel
  'AKS-NODE-03', // stable channel
  'AKS-NODE-10', // fully managed node resource group
  'AKS-DATA-05', // Key Vault secrets provider (the RP's recommended add-ons)
];

const ARM_AUTOMATIC = JSON.stringify(
  {
    id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/auto1',
    name: 'auto1',
    type: 'Microsoft.ContainerService/managedClusters',
    apiVersion: '2025-07-01',
    location: 'swedencentral',
    sku: { name: 'Automatic', tier: 'Standard' },
    identity: { type: 'SystemAssigned' },
    properties: { agentPoolProfiles: [{ name: 'systempool', mode: 'System', count: 3 }] },
  },
  null,
  2,
);

const AVM_AUTOMATIC = `module "automatic" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "0.6.1"
  name      = "auto1"
  location  = "swedencentral"
  parent_id = "/subscriptions/0/resourceGroups/rg"
  sku = {
    name = "Automatic"
    tier = "Standard"
  }
  maintenanceconfiguration = {
    aksManagedAutoUpgradeSchedule = {
      name = "aksManagedAutoUpgradeSchedule"
      maintenance_window = {
        duration_hours = 4
        start_time     = "00:00"
        utc_offset     = "+00:00"
        schedule = { weekly = { day_of_week = "Sunday", interval_weeks = 1 } }
      }
    }
  }
}
`;

describe('AKS Automatic platform defaults', () => {
  for (const [name, files] of [
    ['ARM resource', { 'auto.json': ARM_AUTOMATIC }],
    ['AKS Verified Module', { 'main.tf': AVM_AUTOMATIC }],
  ] as const) {
    it(`${name}: the preconfigured controls pass, the others are still judged`, async () => {
      const { fired, findings } = await ruleIdsFor(files);
      assert.deepEqual(
        fired.filter((id) => PRECONFIGURED.includes(id)),
        [],
      );
      // Not preconfigured: a public API server without authorized ranges, no Defender for Containers.
      for (const id of ['AKS-NET-01', 'AKS-NET-03', 'AKS-MON-01'])
        assert.ok(fired.includes(id), `${id} should still fire: ${fired.join(', ')}`);
      // Egress defaults to the managed NAT gateway, which filters nothing.
      const egress = findings.find((finding) => finding.ruleId === 'AKS-NET-09');
      assert.match(egress?.message ?? '', /managedNATGateway/);
    });
  }

  it('AVM maintenanceconfiguration entries are planned maintenance windows (AKS-GOV-07)', async () => {
    const { fired } = await ruleIdsFor({ 'main.tf': AVM_AUTOMATIC });
    assert.equal(fired.includes('AKS-GOV-07'), false);
    const without = AVM_AUTOMATIC.replace(/ {2}maintenanceconfiguration = \{[\s\S]*?\n {2}\}\n/, '');
    assert.notEqual(without, AVM_AUTOMATIC);
    assert.equal((await ruleIdsFor({ 'main.tf': without })).fired.includes('AKS-GOV-07'), true);
  });

  it('leaves the node pools of an Automatic cluster not evaluated: the platform configures the nodes', async () => {
    const { fired, notEvaluated } = await ruleIdsFor({ 'auto.json': ARM_AUTOMATIC });
    for (const id of ['AKS-DATA-02', 'AKS-NODE-05', 'AKS-NODE-07', 'AKS-NODE-08', 'AKS-NODE-09'])
      assert.equal(fired.includes(id), false, id);
    assert.ok(
      notEvaluated.some(
        (entry) => entry.ruleId === 'AKS-NODE-05' && /node autoprovisioning/.test(entry.reason),
      ),
    );
  });

  it('a written value wins over the default (a Standard-like setting on an Automatic definition)', async () => {
    const custom = ARM_AUTOMATIC.replace(
      '"properties": {',
      '"properties": {\n    "networkProfile": { "outboundType": "userDefinedRouting" },',
    );
    const { fired } = await ruleIdsFor({ 'auto.json': custom });
    assert.equal(fired.includes('AKS-NET-09'), false);
  });

  it('an unknown SKU makes the preconfigured controls not evaluated, never failed', async () => {
    const tf = AVM_AUTOMATIC.replace(/ {2}sku = \{[\s\S]*?\n {2}\}\n/, '  sku = var.sku\n').concat(
      'variable "sku" {}\n',
    );
    const { fired, notEvaluated } = await ruleIdsFor({ 'main.tf': tf });
    for (const id of ['AKS-IAM-03', 'AKS-IAM-04', 'AKS-NET-05', 'AKS-NODE-03'])
      assert.equal(fired.includes(id), false, id);
    assert.ok(notEvaluated.some((entry) => entry.ruleId === 'AKS-IAM-04' && /var\.sku/.test(entry.reason)));
  });

  it('a Standard (Base) SKU keeps the API defaults', async () => {
    const base = ARM_AUTOMATIC.replace('"name": "Automatic"', '"name": "Base"');
    const { fired } = await ruleIdsFor({ 'auto.json': base });
    for (const id of ['AKS-IAM-04', 'AKS-NET-05', 'AKS-NODE-03']) assert.ok(fired.includes(id), id);
  });
});
