import { readFileSync } from 'node:fs';
import { clusterInventory, loadClustersFrom } from '../../../src/load/aks/testSupport.js';
import type { AgentPool, AksCluster } from '../../../src/model/aksCluster.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { defaultSettings, type Rule } from '../../../src/rules/defineRule.js';
import { runRules } from '../../../src/rules/runRules.js';

/** The vendored corpus: path (relative to ../shared/corpora) → text. */
export const corpus: Record<string, string> = JSON.parse(
  readFileSync(new URL('./data/corpus.json', import.meta.url), 'utf8'),
) as Record<string, string>;

export function filesUnder(prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(corpus).filter(([path]) => path.startsWith(prefix)));
}

export type Verdict = 'PASS' | 'FAIL' | 'NOT_EVALUATED';

export interface Unit {
  /** Checkov-style address: `azurerm_kubernetes_cluster.x`, `azurerm_kubernetes_cluster_node_pool.y`, or the ARM file's base name. */
  key: string;
  cluster: AksCluster;
}

/** Runs one rule on one unit alone. */
export function verdictOf(rule: Rule, unit: Unit, extra: Inventory = clusterInventory([])): Verdict {
  const inventory = { ...extra, clusters: [unit.cluster] };
  const result = runRules(inventory, [rule], { settings: defaultSettings() });
  if (result.failures.length > 0)
    throw new Error(result.failures.map((failure) => failure.message).join('\n'));
  if (result.findings.length > 0) return 'FAIL';
  if (result.notEvaluated.length > 0) return 'NOT_EVALUATED';
  return 'PASS';
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.json$/, '');
}

/**
 * Splits loaded clusters into the units Checkov judges: each cluster with the pools written inside it, and each
 * pool declared as its own resource (Terraform `azurerm_kubernetes_cluster_node_pool`, ARM `managedClusters/agentPools`).
 */
export function unitsOf(clusters: AksCluster[]): Unit[] {
  const units: Unit[] = [];
  for (const cluster of clusters) {
    const arm = cluster.dialect !== 'terraform';
    const profilePools = cluster.pools.filter((pool) => pool.declaredAs === 'profile');
    if (!cluster.partial) {
      const key = arm ? baseName(cluster.location.file) : String(cluster.address);
      units.push({ key, cluster: { ...cluster, pools: profilePools } });
    }
    for (const pool of cluster.pools.filter((p: AgentPool) => p.declaredAs === 'resource')) {
      const key = arm ? `agentPools.${baseName(pool.location.file)}` : String(pool.address);
      units.push({ key, cluster: { ...cluster, partial: true, pools: [pool] } });
    }
  }
  return units;
}

export async function unitsUnder(prefix: string): Promise<Unit[]> {
  const loaded = await loadClustersFrom(filesUnder(prefix));
  if (loaded.issues.some((issue) => issue.level === 'error')) {
    throw new Error(loaded.issues.map((issue) => `${issue.file}: ${issue.message}`).join('\n'));
  }
  return unitsOf(loaded.clusters);
}
