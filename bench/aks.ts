/**
 * AKS benchmark: time to load and evaluate one cluster document with all AKS and cross rules, per dialect
 * (az aks show JSON, ARM template, Terraform with the Azure Verified Module, azurerm Terraform), plus a
 * 200-cluster `az aks list`. Run alone: node --import tsx bench/aks.ts
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadClustersFrom } from '../src/load/aks/testSupport.js';
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runAksBench();
