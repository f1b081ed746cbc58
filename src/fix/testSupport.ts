import { clusterInventory, loadClustersFrom } from '../load/aks/testSupport.js';
import type { AksCluster } from '../model/aksCluster.js';
import { aksRules } from '../rules/aks/index.js';
import { defaultSettings } from '../rules/defineRule.js';
import { runRules } from '../rules/runRules.js';
import { clusterFixPlan, renderClusterFixPlan } from './aks.js';

/** Loads in-memory files, runs the named AKS rules (in catalogue order) and renders the first cluster's fix plan (for tests). */
export async function renderedPlan(files: Record<string, string>, ruleIds: string[]) {
  const loaded = await loadClustersFrom(files);
  const cluster = loaded.clusters[0] as AksCluster;
  const rules = aksRules.filter((rule) => ruleIds.includes(rule.id));
  const findings = runRules(clusterInventory(loaded.clusters), rules, {
    settings: defaultSettings(),
  }).findings;
  const plan = clusterFixPlan(cluster, findings);
  return { cluster, plan, findings, text: renderClusterFixPlan(plan) };
}

/** The lines of a rendered plan that a rule contributes (not its notes). */
export function linesOf(text: string, ruleId: string): string[] {
  const marker = new RegExp(`# (?:[\\w-]+, )*${ruleId}(?:,|$| — )`);
  return text.split('\n').filter((line) => marker.test(line) && !line.startsWith('- '));
}
