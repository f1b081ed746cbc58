import type { FleetCluster, FleetResult } from '../fleet.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { VERSION } from '../version.js';
import { SCHEMA_VERSION } from './report.js';

const LETTER: Record<Severity, string> = { critical: 'C', high: 'H', medium: 'M', low: 'L', info: 'I' };

/** A cell of the clusters × controls matrix: the severity letter when the control fails, `·` passed, `?` not judged. */
function cell(cluster: FleetCluster, ruleId: string): string {
  const findings = cluster.report.findings.filter((f) => f.ruleId === ruleId);
  if (findings.length > 0) {
    const worst = SEVERITIES.find((severity) => findings.some((f) => f.severity === severity))!;
    return LETTER[worst];
  }
  return cluster.report.notEvaluated.some((n) => n.ruleId === ruleId) ? '?' : '·';
}

function scopeText(result: FleetResult): string {
  const { subscriptions, managementGroups } = result.scope;
  if (managementGroups?.length)
    return `management group${managementGroups.length > 1 ? 's' : ''} ${managementGroups.join(', ')}`;
  if (subscriptions?.length)
    return `${subscriptions.length} subscription${subscriptions.length > 1 ? 's' : ''}`;
  return 'the tenant';
}

function counts(cluster: FleetCluster): string[] {
  return SEVERITIES.map((severity) => String(cluster.report.summary[severity]));
}

/**
 * The fleet summary as a table: one row per cluster, worst first, its finding counts and one column per control
 * that fails somewhere (worst control first), then how many clusters fail each control.
 */
export function renderFleetTable(result: FleetResult): string {
  const controls = result.controls.map((control) => control.ruleId);
  const header = ['CLUSTER', 'SUBSCRIPTION', ...SEVERITIES.map((s) => LETTER[s]), ...controls];
  const rows = result.clusters.map((cluster) => [
    `${cluster.resourceGroup}/${cluster.name}`,
    cluster.subscription,
    ...counts(cluster),
    ...controls.map((ruleId) => cell(cluster, ruleId)),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((value, i) => value.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [
    `Fleet of ${result.clusters.length.toLocaleString('en-US')} AKS cluster(s) in ${scopeText(result)} (Azure Resource Graph: ${result.query.pages} page(s))`,
    '',
    line(header),
    ...rows.map(line),
    '',
    'Controls failing somewhere, worst first (C/H/M/L/I: failing at that severity, ·: passed, ?: not evaluated):',
    ...result.controls.map(
      (control) =>
        `  ${control.ruleId.padEnd(12)} ${control.severity.padEnd(8)} fails on ${control.failing} of ${result.clusters.length}${control.notEvaluated > 0 ? `, not evaluated on ${control.notEvaluated}` : ''}: ${control.title}`,
    ),
  ];
  if (result.query.subscriptionLimitHit)
    out.push(
      '',
      'Azure Resource Graph read only the first 10,000 subscriptions of the scope: clusters beyond them are missing.',
    );
  return `${out.join('\n')}\n`;
}

export function renderFleetMarkdown(result: FleetResult): string {
  const controls = result.controls.map((control) => control.ruleId);
  const out = [
    `# AKS fleet: ${result.clusters.length} cluster(s) in ${scopeText(result)}`,
    '',
    `| Cluster | ${SEVERITIES.map((s) => LETTER[s]).join(' | ')} | ${controls.map((id) => `\`${id}\``).join(' | ')} |`,
    `|---|${SEVERITIES.map(() => '---:').join('|')}|${controls.map(() => ':---:').join('|')}|`,
    ...result.clusters.map(
      (cluster) =>
        `| ${cluster.resourceGroup}/${cluster.name} | ${counts(cluster).join(' | ')} | ${controls.map((id) => cell(cluster, id)).join(' | ')} |`,
    ),
    '',
    '| Control | Severity | Failing | Title |',
    '|---|---|---:|---|',
    ...result.controls.map(
      (c) => `| \`${c.ruleId}\` | ${c.severity} | ${c.failing} | ${c.title.replace(/\|/g, '\\|')} |`,
    ),
  ];
  return `${out.join('\n')}\n`;
}

/** JSON: the fleet summary and the full report of every cluster. */
export function renderFleetJson(result: FleetResult): string {
  return `${JSON.stringify(
    {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'aksguard', version: VERSION },
      fleet: {
        scope: result.scope,
        query: result.query,
        controls: result.controls,
        clusters: result.clusters.map((cluster) => ({
          id: cluster.id,
          name: cluster.name,
          subscription: cluster.subscription,
          resourceGroup: cluster.resourceGroup,
          summary: cluster.report.summary,
          failing: [...new Set(cluster.report.findings.map((f) => f.ruleId))],
          notEvaluated: [...new Set(cluster.report.notEvaluated.map((n) => n.ruleId))],
        })),
      },
      reports: result.clusters.map((cluster) => ({ cluster: cluster.id, report: cluster.report })),
    },
    null,
    2,
  )}\n`;
}
