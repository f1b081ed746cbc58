/**
 * AKS benchmark: time to load and evaluate one cluster document with all AKS and cross rules, per dialect
 * (az aks show JSON, ARM template, Terraform with the Azure Verified Module, azurerm Terraform), plus a
 * 200-cluster `az aks list`. Run alone: node --import tsx bench/aks.ts
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadClusters } from '../src/load/aks/index.js';
import { documentsOf, loadClustersFrom } from '../src/load/aks/testSupport.js';
import { buildInventory } from '../src/load/inventory.js';
import { emptyCoverage } from '../src/model/coverage.js';
import type { Inventory } from '../src/model/inventory.js';
import { aksRules } from '../src/rules/aks/index.js';
import { crossRules } from '../src/rules/cross/index.js';
import { defaultSettings } from '../src/rules/defineRule.js';
import { runRules } from '../src/rules/runRules.js';

const corpus = JSON.parse(
  readFileSync(new URL('../test/conformance/aks/data/corpus.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const rules = [...aksRules, ...crossRules];

async function scanOnce(files: Record<string, string>): Promise<number> {
  const loaded = await loadClustersFrom(files);
  const inventory: Inventory = {
    objects: [],
    namespaces: new Map(),
    podTemplates: [],
    coverage: emptyCoverage(),
    byKind: new Map(),
    clusters: loaded.clusters,
    issues: [],
    files: Object.keys(files),
  };
  return runRules(inventory, rules, { settings: defaultSettings() }).findings.length;
}

async function measure(label: string, files: Record<string, string>, iterations: number): Promise<void> {
  await scanOnce(files); // warm-up: module loading, the HCL parser's first call
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    findings = await scanOnce(files);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   ${findings} findings`,
  );
}

export async function runAksBench(): Promise<void> {
  const pick = (path: string) => ({ [path]: corpus[path]! });
  await measure(
    'az aks show JSON (kubescape ClusterDescribe)',
    pick('aks/kubescape/rbac-enabled-cloud/failed/input/aks.json'),
    200,
  );
  await measure(
    'ARM GET example (2025-05-01)',
    pick('aks/arm-examples/ManagedClustersCreate_Update.json'),
    200,
  );
  await measure(
    'ARM template with parameters',
    pick('aks/checkov/arm/checks/resource/example_AKSRbacEnabled/aksEnableRbac-PASSED.json'),
    200,
  );
  await measure(
    'Terraform azurerm (network-policy-calico)',
    {
      'main.tf': corpus['aks/terraform-examples/network-policy-calico/main.tf']!,
      'variables.tf': corpus['aks/terraform-examples/network-policy-calico/variables.tf']!,
    },
    50,
  );
  await measure(
    'Terraform AVM module (aks-store-demo)',
    {
      'kubernetes.tf': corpus['apps/aks-store-demo/infra/terraform/kubernetes.tf']!,
      'main.tf': corpus['apps/aks-store-demo/infra/terraform/main.tf']!,
      'variables.tf': corpus['apps/aks-store-demo/infra/terraform/variables.tf']!,
    },
    50,
  );
  const one = JSON.parse(corpus['aks/kubescape/rbac-enabled-cloud/failed/input/aks.json']!).data as Record<
    string,
    unknown
  >;
  const list = Array.from({ length: 200 }, (_, i) => ({
    ...one,
    name: `aks-${i}`,
    id: `${String(one.id)}-${i}`,
  }));
  const before = process.memoryUsage().heapUsed;
  await measure('az aks list, 200 clusters', { 'list.json': JSON.stringify(list, null, 2) }, 10);
  console.log(
    `heap after the 200-cluster runs: +${((process.memoryUsage().heapUsed - before) / 2 ** 20).toFixed(1)} MiB`,
  );
}

/**
 * A large nested ARM template as landing zones write them: a root deployment with nested deployments (scope
 * `inner`, parameters passed down) three levels deep, each holding network resources with many security rules,
 * and the cluster with a copy loop of agent pools in the innermost one; grown to `targetBytes`.
 */
export function nestedArmTemplate(targetBytes: number): string {
  const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
  const nsg = (index: number) => ({
    type: 'Microsoft.Network/networkSecurityGroups',
    apiVersion: '2024-05-01',
    name: `[format('nsg-{0}-${index}', parameters('prefix'))]`,
    location: "[parameters('location')]",
    properties: {
      securityRules: Array.from({ length: 40 }, (_, rule) => ({
        name: `rule-${rule}`,
        properties: {
          priority: 100 + rule,
          direction: rule % 2 === 0 ? 'Inbound' : 'Outbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddressPrefix: `10.${index % 250}.${rule}.0/24`,
          destinationAddressPrefix: '*',
          sourcePortRange: '*',
          destinationPortRange: `${1000 + rule}`,
          description: "[concat('rule ', string(copyIndex('x', 0)), ' of ', parameters('prefix'))]",
        },
      })),
    },
  });
  const cluster = {
    type: 'Microsoft.ContainerService/managedClusters',
    apiVersion: '2025-05-01',
    name: "[format('aks-{0}', parameters('prefix'))]",
    location: "[parameters('location')]",
    identity: { type: 'SystemAssigned' },
    properties: {
      dnsPrefix: "[parameters('prefix')]",
      enableRBAC: true,
      aadProfile: { managed: true, enableAzureRBAC: true },
      networkProfile: { networkPlugin: 'azure', networkPolicy: "[parameters('policy')]" },
      copy: [
        {
          name: 'agentPoolProfiles',
          count: 8,
          input: {
            name: "[concat('pool', copyIndex('agentPoolProfiles'))]",
            mode: "[if(equals(copyIndex('agentPoolProfiles'), 0), 'System', 'User')]",
            count: 3,
            vmSize: 'Standard_D4s_v5',
            enableEncryptionAtHost: true,
          },
        },
      ],
    },
  };
  const level = (resources: unknown[]): unknown => ({
    $schema: schema,
    contentVersion: '1.0.0.0',
    parameters: {
      prefix: { type: 'string' },
      location: { type: 'string' },
      policy: { type: 'string' },
    },
    resources,
  });
  const nested = (name: string, template: unknown) => ({
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope: 'inner' },
      parameters: {
        prefix: { value: "[parameters('prefix')]" },
        location: { value: "[parameters('location')]" },
        policy: { value: "[parameters('policy')]" },
      },
      template,
    },
  });
  const perLevel = 4;
  let index = 0;
  const build = (groups: number) => {
    const inner = level([cluster, ...Array.from({ length: perLevel }, () => nsg(index++))]);
    const middle = Array.from({ length: groups }, (_, g) =>
      nested(
        `middle-${g}`,
        level([
          ...Array.from({ length: perLevel }, () => nsg(index++)),
          ...(g === 0 ? [nested('cluster', inner)] : []),
        ]),
      ),
    );
    return {
      $schema: schema,
      contentVersion: '1.0.0.0',
      parameters: {
        prefix: { type: 'string', defaultValue: 'prod' },
        location: { type: 'string', defaultValue: 'westeurope' },
        policy: { type: 'string', defaultValue: 'calico' },
      },
      resources: [nested('platform', level(middle))],
    };
  };
  let groups = 1;
  let text = JSON.stringify(build(groups), null, 2);
  while (Buffer.byteLength(text) < targetBytes) {
    groups = Math.ceil((groups * targetBytes) / Buffer.byteLength(text));
    index = 0;
    text = JSON.stringify(build(groups), null, 2);
  }
  return `${text}\n`;
}

/** Parse + judge of one large nested ARM template, in milliseconds (median of a few runs). */
export async function runNestedArmBench(): Promise<void> {
  const text = nestedArmTemplate(2.7 * 1024 * 1024);
  const once = async () => {
    const started = performance.now();
    const documents = documentsOf('landing-zone.json', text);
    const parsed = performance.now();
    const loaded = await loadClusters({ documents, terraformFiles: [], explicitFiles: new Set() });
    const inventory = buildInventory([], loaded.clusters, [], ['landing-zone.json']);
    const findings = runRules(inventory, rules, { settings: defaultSettings() }).findings.length;
    return {
      parse: parsed - started,
      total: performance.now() - started,
      findings,
      pools: loaded.clusters[0]?.pools.length,
    };
  };
  await once();
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await once());
  runs.sort((a, b) => a.total - b.total);
  const median = runs[2]!;
  console.log(
    `nested ARM template, ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MiB (3 levels, copy loop)  parse ${median.parse.toFixed(0)} ms   parse + judge ${median.total.toFixed(0)} ms   ${median.findings} findings, ${median.pools} pools`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runAksBench();
  await runNestedArmBench();
}
