import type { AgentPool, AksCluster } from '../model/aksCluster.js';
import type { Finding } from '../model/finding.js';
import { escapeControl } from '../report/escape.js';
import { AKS_REMEDIES, type Impact } from './aksRemedies.js';
import { clusterAddressOf, type IacDialect, iacDialectOf, renderEdit } from './aksTerraform.js';
import { engineRemedy } from './engineRemedy.js';
import { shellWord } from './shell.js';

export interface TerraformChange {
  /**
   * `azurerm_kubernetes_cluster.main`, `azurerm_kubernetes_cluster.main.default_node_pool`, `module.aks`,
   * `module.aks.default_agent_pool`, `azapi_resource.aks`, `Microsoft.ContainerService/managedClusters aks1`.
   */
  address: string;
  attribute: string;
  value: string;
  /** Attribute name in older azurerm versions. */
  legacy?: string;
  ruleIds: string[];
  impact: Impact;
}

export interface FixNote {
  ruleIds: string[];
  impact: Impact;
  text: string;
}

export interface ClusterFixPlan {
  /** `file`/`line`: where the cluster is defined, so clusters of one name stay apart. */
  cluster: { name: string; resourceGroup: string; file?: string; line?: number };
  /** In order: one combined `az aks update`, migrations that need their own update, add-on changes, other commands, pool commands. */
  azCommands: string[];
  /** The changes in the cluster's own dialect (see `iac`), named and valued the way that dialect means them. */
  terraform: TerraformChange[];
  notes: FixNote[];
  /** How the cluster is written: azurerm (also the hint for live clusters), AVM module, azapi, ARM template. */
  iac?: IacDialect;
}

const IMPACT_TEXT: Record<Impact, string> = {
  none: 'applies in place',
  reimage: 're-images node pools',
  'new-pool': 'needs new node pools',
  'new-cluster': 'needs a new cluster',
  manual: 'needs a manual change',
};

/** The resource group as a shell word, or a placeholder (see `shellWord`). */
function resourceGroupOf(cluster: AksCluster): string {
  const group = /\/resourceGroups\/([^/]+)/i.exec(cluster.id ?? '')?.[1];
  return group === undefined ? '<RESOURCE_GROUP>' : shellWord.resourceGroup(group);
}

/** Shell-safe cluster name, or a placeholder when the name is an unresolved expression. */
function nameOf(cluster: AksCluster): string {
  // A Bicep cluster whose name is not known is named after its symbol, which is not its name in Azure.
  if (cluster.nameUnknown === true) return '<CLUSTER_NAME>';
  return shellWord.cluster(cluster.name);
}

function belongsTo(cluster: AksCluster, finding: Finding): AgentPool | 'cluster' | undefined {
  const file = finding.location?.file;
  if (finding.resource.kind === 'ManagedCluster') {
    const sameId = cluster.id !== undefined && finding.resource.id === cluster.id;
    return sameId || (finding.resource.name === cluster.name && file === cluster.location.file)
      ? 'cluster'
      : undefined;
  }
  if (finding.resource.kind === 'AgentPool') {
    return cluster.pools.find(
      (pool) =>
        pool.name === finding.resource.name &&
        (file === pool.location.file || file === cluster.location.file),
    );
  }
  return undefined;
}

/**
 * What to change for the cluster's failing controls: the `az aks` commands (as few as valid: one combined
 * `az aks update`, one `enable-addons`, one `disable-addons`, plus the migrations that must run alone and the
 * per-pool commands), the Terraform attribute changes, and notes on changes that need a new cluster, new node
 * pools or a node-pool re-image.
 */
export function clusterFixPlan(cluster: AksCluster, findings: Finding[]): ClusterFixPlan {
  const rg = resourceGroupOf(cluster);
  const name = nameOf(cluster);
  const fill = (template: string, pool?: string) =>
    template
      .replaceAll('{rg}', rg)
      .replaceAll('{name}', name)
      .replaceAll('{pool}', pool ?? '<POOL>');
  const update: string[] = [];
  const alone: string[] = [];
  const enable: string[] = [];
  const disable: string[] = [];
  const commands: string[] = [];
  const poolCommands: string[] = [];
  const terraform = new Map<string, TerraformChange>();
  const notes = new Map<string, FixNote>();
  const iac = iacDialectOf(cluster);
  const clusterAddress = clusterAddressOf(cluster, iac, name);
  const addUnique = (list: string[], item: string) => {
    if (!list.includes(item)) list.push(item);
  };

  for (const finding of findings) {
    const owner = belongsTo(cluster, finding);
    if (!owner) continue;
    // Engine rules get an engine this cluster can run (its plugin, dataplane and node OSes decide).
    const remedy = engineRemedy(finding, cluster) ?? AKS_REMEDIES[finding.ruleId];
    if (!remedy) continue;
    const pool = owner === 'cluster' ? undefined : owner;
    for (const flag of remedy.update ?? []) addUnique(update, flag);
    if (remedy.updateAlone)
      addUnique(alone, `az aks update -g ${rg} -n ${name} ${remedy.updateAlone.join(' ')}`);
    for (const addon of remedy.enableAddons ?? []) addUnique(enable, addon);
    for (const addon of remedy.disableAddons ?? []) addUnique(disable, addon);
    for (const command of remedy.commands ?? []) addUnique(commands, fill(command));
    if (pool)
      for (const command of remedy.poolCommands ?? [])
        addUnique(poolCommands, fill(command, shellWord.pool(pool.name)));
    for (const edit of remedy.terraform) {
      const rendered = renderEdit(edit, {
        cluster,
        dialect: iac,
        clusterAddress,
        clusterName: name,
        ...(pool ? { pool } : {}),
      });
      if (!rendered) continue;
      const key = `${rendered.address}|${rendered.attribute}`;
      const existing = terraform.get(key);
      if (existing) {
        addUnique(existing.ruleIds, finding.ruleId);
        continue;
      }
      terraform.set(key, { ...rendered, ruleIds: [finding.ruleId], impact: remedy.impact });
    }
    const dialectNote = remedy.dialectNotes?.[iac];
    if (remedy.impact !== 'none' || remedy.note || dialectNote) {
      const said = [remedy.note, dialectNote].filter(Boolean).join('; ');
      const text = [remedy.impact !== 'none' ? IMPACT_TEXT[remedy.impact] : '', said]
        .filter(Boolean)
        .join(': ');
      const note = notes.get(text);
      if (note) addUnique(note.ruleIds, finding.ruleId);
      else notes.set(text, { ruleIds: [finding.ruleId], impact: remedy.impact, text });
    }
  }

  const azCommands: string[] = [];
  if (update.length > 0) azCommands.push(`az aks update -g ${rg} -n ${name} ${update.join(' ')}`);
  azCommands.push(...alone);
  if (enable.length > 0)
    azCommands.push(`az aks enable-addons -g ${rg} -n ${name} --addons ${enable.join(',')}`);
  if (disable.length > 0)
    azCommands.push(`az aks disable-addons -g ${rg} -n ${name} --addons ${disable.join(',')}`);
  azCommands.push(...commands, ...poolCommands);
  return {
    cluster: {
      name,
      resourceGroup: rg,
      ...(cluster.location.file ? { file: cluster.location.file, line: cluster.location.line } : {}),
    },
    azCommands,
    terraform: [...terraform.values()],
    notes: [...notes.values()],
    iac,
  };
}

/** Plain-text rendering for `aksguard fix --cluster FILE`. */
export function renderClusterFixPlan(plan: ClusterFixPlan): string {
  const where = plan.cluster.file
    ? `, ${plan.cluster.file}${plan.cluster.line ? `:${plan.cluster.line}` : ''}`
    : '';
  const lines: string[] = [
    `# Cluster ${plan.cluster.name} (resource group ${plan.cluster.resourceGroup}${where})`,
    '',
  ];
  if (plan.azCommands.length === 0 && plan.terraform.length === 0) {
    lines.push('Nothing to fix.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('## Azure CLI', '', ...plan.azCommands.map((command) => command), '');
  const bicep = plan.iac === 'bicep' || plan.iac === 'bicepAvm';
  lines.push(plan.iac === 'armTemplate' ? '## ARM template' : bicep ? '## Bicep' : '## Terraform', '');
  for (const change of plan.terraform) {
    const legacy = change.legacy ? ` (older azurerm: ${change.legacy})` : '';
    const impact = change.impact !== 'none' ? ` — ${IMPACT_TEXT[change.impact]}` : '';
    // Bicep writes a property as `name: value`.
    const assign = bicep ? ': ' : ' = ';
    lines.push(
      `${change.address}: ${change.attribute}${assign}${change.value}${legacy}   # ${change.ruleIds.join(', ')}${impact}`,
    );
  }
  if (plan.notes.length > 0) {
    lines.push('', '## Notes', '');
    for (const note of plan.notes) lines.push(`- ${note.ruleIds.join(', ')}: ${note.text}`);
  }
  // Every line is one line: a newline from input (a Terraform label) cannot start a line of its own.
  return `${lines.map(escapeControl).join('\n')}\n`;
}

/** Plans for every cluster that has findings (partial clusters, i.e. node pools alone, included). */
export function clusterFixPlans(clusters: readonly AksCluster[], findings: Finding[]): ClusterFixPlan[] {
  return clusters
    .map((cluster) => clusterFixPlan(cluster, findings))
    .filter((plan) => plan.azCommands.length > 0 || plan.terraform.length > 0 || plan.notes.length > 0);
}

export function renderClusterFixPlans(plans: readonly ClusterFixPlan[]): string {
  if (plans.length === 0) return 'No AKS cluster finding to fix.\n';
  return plans.map(renderClusterFixPlan).join('\n');
}
