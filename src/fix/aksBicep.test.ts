// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Bicep interpolations in fixtures
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { bicepLiteral } from './aksBicep.js';
import { iacDialectOf } from './aksTerraform.js';
import { linesOf, renderedPlan } from './testSupport.js';

const RESOURCE = `resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: 'Base'
    tier: 'Free'
  }
  properties: {
    dnsPrefix: 'aks1'
    disableLocalAccounts: false
    aadProfile: {
      managed: true
      // Kubernetes RBAC: an Entra admin group is then the break-glass path (AKS-IAM-05).
      enableAzureRBAC: false
    }
    apiServerAccessProfile: {
      disableRunCommand: false
    }
    autoUpgradeProfile: {
      nodeOSUpgradeChannel: 'None'
    }
    networkProfile: {
      networkPlugin: 'azure'
    }
    addonProfiles: {
      azurepolicy: {
        enabled: false
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        enableNodePublicIP: true
      }
    ]
  }
}

resource user 'Microsoft.ContainerService/managedClusters/agentPools@2025-05-01' = {
  parent: aks
  name: 'user'
  properties: {
    mode: 'User'
    count: 3
  }
}
`;

const module = (version: string, params: string) =>
  `module aks 'br/public:avm/res/container-service/managed-cluster:${version}' = {\n  params: {\n    name: 'aks1'\n${params}\n  }\n}\n`;

const FLAT = module(
  '0.9.0',
  `    disableLocalAccounts: false
    skuTier: 'Free'
    azurePolicyEnabled: false
    autoNodeOsUpgradeProfileUpgradeChannel: 'None'
    aadProfile: { aadProfileManaged: true, aadProfileEnableAzureRBAC: false }
    networkPlugin: 'azure'
    primaryAgentPoolProfiles: [{ name: 'system', mode: 'System', enableNodePublicIP: true }]
    agentPools: [{ name: 'user', mode: 'User' }]`,
);

const TYPED = module(
  '0.13.1',
  `    disableLocalAccounts: false
    skuTier: 'Free'
    azurePolicyEnabled: false
    autoUpgradeProfile: { upgradeChannel: 'stable', nodeOSUpgradeChannel: 'None' }
    aadProfile: { managed: true, enableAzureRBAC: false }
    apiServerAccessProfile: { disableRunCommand: false }
    networkPlugin: 'azure'
    primaryAgentPoolProfiles: [{ name: 'system', mode: 'System', enableNodePublicIP: true }]
    agentPools: [{ name: 'user', mode: 'User' }]`,
);

type Form = 'resource' | 'flat' | 'typed';
const FIXTURES: Record<Form, string> = { resource: RESOURCE, flat: FLAT, typed: TYPED };
const T = ' — ';
const R = 'resource aks (main.bicep)';
const M = 'module aks (main.bicep)';

/** Per control, the exact lines of the Bicep section for each way of writing the cluster. */
const EXPECTED: Record<string, Record<Form, string[]>> = {
  'AKS-IAM-04': {
    resource: [`${R}: properties.disableLocalAccounts: true   # AKS-IAM-04`],
    flat: [`${M}: params.disableLocalAccounts: true   # AKS-IAM-04`],
    typed: [`${M}: params.disableLocalAccounts: true   # AKS-IAM-04`],
  },
  'AKS-IAM-05': {
    resource: [`${R}: properties.aadProfile.adminGroupObjectIDs: ['<ADMIN_GROUP_ID>']   # AKS-IAM-05`],
    flat: [`${M}: params.aadProfile.aadProfileAdminGroupObjectIDs: ['<ADMIN_GROUP_ID>']   # AKS-IAM-05`],
    typed: [`${M}: params.aadProfile.adminGroupObjectIDs: ['<ADMIN_GROUP_ID>']   # AKS-IAM-05`],
  },
  'AKS-IAM-08': {
    resource: [`${R}: properties.apiServerAccessProfile.disableRunCommand: true   # AKS-IAM-08`],
    flat: [`${M}: params.disableRunCommand: true   # AKS-IAM-08`],
    typed: [`${M}: params.apiServerAccessProfile.disableRunCommand: true   # AKS-IAM-08`],
  },
  'AKS-NET-05': {
    resource: [
      `${R}: properties.networkProfile.networkPolicy: 'calico'   # AKS-NET-05${T}re-images node pools`,
    ],
    flat: [`${M}: params.networkPolicy: 'calico'   # AKS-NET-05${T}re-images node pools`],
    typed: [`${M}: params.networkPolicy: 'calico'   # AKS-NET-05${T}re-images node pools`],
  },
  'AKS-NET-08': {
    resource: [
      `${R}: properties.agentPoolProfiles[name=system].enableNodePublicIP: false   # AKS-NET-08${T}needs new node pools`,
    ],
    flat: [
      `${M}: params.primaryAgentPoolProfiles[name=system].enableNodePublicIP: false   # AKS-NET-08${T}needs new node pools`,
    ],
    typed: [
      `${M}: params.primaryAgentPoolProfiles[name=system].enableNodePublicIP: false   # AKS-NET-08${T}needs new node pools`,
    ],
  },
  'AKS-DATA-02': {
    resource: [
      `${R}: properties.agentPoolProfiles[name=system].enableEncryptionAtHost: true   # AKS-DATA-02${T}needs new node pools`,
      `resource user (main.bicep): properties.enableEncryptionAtHost: true   # AKS-DATA-02${T}needs new node pools`,
    ],
    flat: [
      `${M}: params.primaryAgentPoolProfiles[name=system].enableEncryptionAtHost: true   # AKS-DATA-02${T}needs new node pools`,
      `${M}: params.agentPools[name=user].enableEncryptionAtHost: true   # AKS-DATA-02${T}needs new node pools`,
    ],
    typed: [
      `${M}: params.primaryAgentPoolProfiles[name=system].enableEncryptionAtHost: true   # AKS-DATA-02${T}needs new node pools`,
      `${M}: params.agentPools[name=user].enableEncryptionAtHost: true   # AKS-DATA-02${T}needs new node pools`,
    ],
  },
  'AKS-NODE-01': {
    resource: [`${R}: properties.autoUpgradeProfile.nodeOSUpgradeChannel: 'SecurityPatch'   # AKS-NODE-01`],
    flat: [`${M}: params.autoNodeOsUpgradeProfileUpgradeChannel: 'SecurityPatch'   # AKS-NODE-01`],
    typed: [`${M}: params.autoUpgradeProfile.nodeOSUpgradeChannel: 'SecurityPatch'   # AKS-NODE-01`],
  },
  'AKS-NODE-07': {
    resource: [
      `${R}: properties.agentPoolProfiles[name=system].securityProfile: { enableSecureBoot: true, enableVTPM: true }   # AKS-NODE-07${T}re-images node pools`,
      `resource user (main.bicep): properties.securityProfile: { enableSecureBoot: true, enableVTPM: true }   # AKS-NODE-07${T}re-images node pools`,
    ],
    flat: [
      `${M}: params.primaryAgentPoolProfiles[name=system]: { enableSecureBoot: true, enableVTPM: true }   # AKS-NODE-07${T}re-images node pools`,
      `${M}: params.agentPools[name=user]: { enableSecureBoot: true, enableVTPM: true }   # AKS-NODE-07${T}re-images node pools`,
    ],
    typed: [
      `${M}: params.primaryAgentPoolProfiles[name=system].securityProfile: { enableSecureBoot: true, enableVTPM: true }   # AKS-NODE-07${T}re-images node pools`,
      `${M}: params.agentPools[name=user].securityProfile: { enableSecureBoot: true, enableVTPM: true }   # AKS-NODE-07${T}re-images node pools`,
    ],
  },
  'AKS-MON-01': {
    resource: [
      `${R}: properties.securityProfile.defender: { logAnalyticsWorkspaceResourceId: '<WORKSPACE_ID>', securityMonitoring: { enabled: true } }   # AKS-MON-01`,
    ],
    flat: [
      `${M}: params.enableAzureDefender / monitoringWorkspaceResourceId: true / '<WORKSPACE_ID>'   # AKS-MON-01`,
    ],
    typed: [
      `${M}: params.securityProfile.defender: { logAnalyticsWorkspaceResourceId: '<WORKSPACE_ID>', securityMonitoring: { enabled: true } }   # AKS-MON-01`,
    ],
  },
  'AKS-MON-02': {
    resource: [
      `${R}: resource 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' { scope: aks, name: 'aks-audit' } properties: { workspaceId: '<WORKSPACE_ID>', logs: [{ category: 'kube-audit-admin', enabled: true }, { category: 'guard', enabled: true }] }   # AKS-MON-02`,
    ],
    flat: [
      `${M}: params.diagnosticSettings[+]: { workspaceResourceId: '<WORKSPACE_ID>', logCategoriesAndGroups: [{ category: 'kube-audit-admin' }, { category: 'guard' }] }   # AKS-MON-02`,
    ],
    typed: [
      `${M}: params.diagnosticSettings[+]: { workspaceResourceId: '<WORKSPACE_ID>', logCategoriesAndGroups: [{ category: 'kube-audit-admin' }, { category: 'guard' }] }   # AKS-MON-02`,
    ],
  },
  'AKS-GOV-01': {
    resource: [`${R}: properties.addonProfiles.azurepolicy.enabled: true   # AKS-GOV-01`],
    flat: [`${M}: params.azurePolicyEnabled: true   # AKS-GOV-01`],
    typed: [`${M}: params.azurePolicyEnabled: true   # AKS-GOV-01`],
  },
  'AKS-GOV-06': {
    resource: [`${R}: sku.tier: 'Standard'   # AKS-GOV-06`],
    flat: [`${M}: params.skuTier: 'Standard'   # AKS-GOV-06`],
    typed: [`${M}: params.skuTier: 'Standard'   # AKS-GOV-06`],
  },
  'AKS-GOV-07': {
    resource: [
      `${R}: resource 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations@2025-05-01' { parent: aks, name: 'aksManagedAutoUpgradeSchedule' } properties.maintenanceWindow: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Sunday' } }, durationHours: 4, startTime: '01:00' }   # AKS-GOV-07`,
    ],
    flat: [
      `${M}: params.maintenanceConfigurations[+]: { name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Sunday' } }, durationHours: 4, startTime: '01:00' } }   # AKS-GOV-07`,
    ],
    typed: [
      `${M}: params.maintenanceConfigurations[+]: { name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Sunday' } }, durationHours: 4, startTime: '01:00' } }   # AKS-GOV-07`,
    ],
  },
};

describe('Bicep fixes, exact per control', () => {
  const controls = Object.keys(EXPECTED);
  for (const form of Object.keys(FIXTURES) as Form[]) {
    describe(form, () => {
      let text = '';
      before(async () => {
        const rendered = await renderedPlan({ 'main.bicep': FIXTURES[form] }, controls);
        assert.equal(iacDialectOf(rendered.cluster), form === 'resource' ? 'bicep' : 'bicepAvm');
        text = rendered.text;
      });
      it('titles the section Bicep', () => assert.match(text, /\n## Bicep\n/));
      for (const control of controls) {
        it(control, () => assert.deepEqual(linesOf(text, control), EXPECTED[control]![form]));
      }
    });
  }

  it('a cluster whose name is not known is not named after its symbol in az commands', async () => {
    const { plan } = await renderedPlan(
      {
        'main.bicep':
          "param name string\nresource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  name: name\n  properties: {\n    disableLocalAccounts: false\n  }\n}\n",
      },
      ['AKS-IAM-04'],
    );
    assert.deepEqual(plan.azCommands, [
      'az aks update -g <RESOURCE_GROUP> -n <CLUSTER_NAME> --disable-local-accounts',
    ]);
  });

  it('writes Bicep literals', () => {
    assert.equal(
      bicepLiteral({ a: "it's", 'kube-audit': true, list: [1, 'x'], n: null, s: '${x}' }),
      "{ a: 'it\\'s', 'kube-audit': true, list: [1, 'x'], n: null, s: '\\${x}' }",
    );
  });
});
