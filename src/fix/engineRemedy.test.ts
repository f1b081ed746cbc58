import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { tempTree } from '../../test/support/tempTree.js';
import { loadInventory } from '../load/index.js';
import { aksRules } from '../rules/aks/index.js';
import { crossRules } from '../rules/cross/index.js';
import { defaultSettings } from '../rules/defineRule.js';
import { runRules } from '../rules/runRules.js';
import { clusterFixPlans, renderClusterFixPlans } from './aks.js';

/**
 * The oracle, restated from the AKS docs independently of `model/policyEngines.ts`: use-network-policies.md
 * ("Azure NPM requires Azure CNI", "Calico ... Windows requires Azure CNI", NPM on Windows retiring),
 * azure-cni-powered-by-cilium.md ("Available only for Linux", Cilium policy is the Cilium dataplane),
 * use-byo-cni.md (no AKS network policy with networkPlugin none).
 */
function compatible(
  engine: string,
  cluster: { plugin: string; dataplane: string; windows: boolean },
): boolean {
  if (cluster.plugin === 'none') return false;
  switch (engine) {
    case 'cilium':
      return cluster.dataplane === 'cilium' && !cluster.windows;
    case 'azure':
      return cluster.plugin === 'azure' && cluster.dataplane !== 'cilium' && !cluster.windows;
    case 'calico':
      return cluster.dataplane !== 'cilium' && (!cluster.windows || cluster.plugin === 'azure');
    default:
      return false;
  }
}

const MANIFESTS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: shop }
spec: { podSelector: {}, policyTypes: [Ingress] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: legacy, namespace: shop }
spec:
  selector: { matchLabels: { app: legacy } }
  template:
    metadata: { labels: { app: legacy } }
    spec:
      nodeSelector: { kubernetes.io/os: windows }
      containers: [{ name: app, image: mcr.microsoft.com/windows/servercore:ltsc2022 }]
`;

function clusterJson(
  plugin: string,
  dataplane: string | undefined,
  policy: string | undefined,
  windows: boolean,
) {
  const networkProfile: Record<string, string> = { networkPlugin: plugin };
  if (dataplane) networkProfile.networkDataplane = dataplane;
  if (policy !== undefined) networkProfile.networkPolicy = policy;
  const pools = [{ name: 'system', mode: 'System', osType: 'Linux' }];
  if (windows) pools.push({ name: 'win', mode: 'User', osType: 'Windows' });
  return JSON.stringify({
    id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1',
    name: 'aks1',
    type: 'Microsoft.ContainerService/managedClusters',
    properties: { kubernetesVersion: '1.33.2', networkProfile, agentPoolProfiles: pools },
  });
}

/** Every engine or dataplane a text proposes. */
function proposals(text: string): { engines: string[]; dataplanes: string[] } {
  const engines = [
    ...text.matchAll(/--network-policy (\w+)|network_policy = "(\w+)"|networkPolicy[": =]+(\w+)/g),
  ]
    .map((match) => match[1] ?? match[2] ?? match[3] ?? '')
    .filter((engine) => engine !== 'none');
  const dataplanes = [...text.matchAll(/--network-dataplane (\w+)|network_data_plane = "(\w+)"/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
  return { engines, dataplanes };
}

describe('network policy engine fixes', () => {
  it('never propose an engine the cluster cannot run (every plugin × dataplane × engine × node OS)', async () => {
    const checked: string[] = [];
    const { dir, cleanup } = tempTree({ 'app.yaml': MANIFESTS });
    try {
      for (const plugin of ['azure', 'kubenet', 'none'])
        for (const dataplane of [undefined, 'azure', 'cilium'])
          for (const policy of [undefined, 'none', 'azure', 'calico', 'cilium'])
            for (const windows of [false, true]) {
              const file = `c-${plugin}-${dataplane}-${policy}-${windows}.json`;
              writeFileSync(`${dir}/${file}`, clusterJson(plugin, dataplane, policy, windows));
              const inventory = await loadInventory({ paths: ['app.yaml', file], cwd: dir });
              const run = runRules(inventory, [...aksRules, ...crossRules], {
                settings: { ...defaultSettings(), cwd: dir },
              });
              const plan = renderClusterFixPlans(clusterFixPlans(inventory.clusters, run.findings));
              const texts = [plan, ...run.findings.map((finding) => finding.fix ?? '')];
              const facts = { plugin, dataplane: dataplane ?? 'azure', windows };
              for (const text of texts) {
                const { engines, dataplanes } = proposals(text);
                for (const engine of engines)
                  assert.ok(compatible(engine, facts), `${file}: proposes ${engine}\n${text}`);
                for (const target of dataplanes)
                  assert.ok(
                    target === 'cilium' && plugin === 'azure' && !windows,
                    `${file}: proposes dataplane ${target}\n${text}`,
                  );
                if (engines.length > 0 || dataplanes.length > 0) checked.push(file);
              }
            }
    } finally {
      cleanup();
    }
    // The fixes did propose engines (the check above is not vacuous).
    assert.ok(new Set(checked).size >= 15, `only ${new Set(checked).size} clusters got an engine proposal`);
  });

  it('recommend none on the Cilium dataplane: it enforces NetworkPolicy by itself', async () => {
    const { dir, cleanup } = tempTree({
      'app.yaml': MANIFESTS.split('---')[0]!,
      'c.json': clusterJson('azure', 'cilium', undefined, false),
    });
    try {
      const inventory = await loadInventory({ paths: ['.'], cwd: dir });
      const run = runRules(inventory, [...aksRules, ...crossRules], {
        settings: { ...defaultSettings(), cwd: dir },
      });
      assert.deepEqual(
        run.findings.filter((finding) => /NET-05|NET-06|X-NET/.test(finding.ruleId)).map((f) => f.ruleId),
        [],
      );
    } finally {
      cleanup();
    }
  });
});
