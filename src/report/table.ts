import type { Finding } from '../model/finding.js';
import { formatResource } from '../model/finding.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { type Paint, painter, type Style } from './color.js';
import { describeGaps } from './coverage.js';
import type { RenderContext } from './format.js';

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['bold', 'magenta'],
  high: ['bold', 'red'],
  medium: ['yellow'],
  low: ['blue'],
  info: ['gray'],
};

/** For people: findings grouped by severity, then by resource, with where to look and how to fix each rule. */
export function renderTable({ report, color }: RenderContext): string {
  const paint = painter(color);
  const lines: string[] = [];
  const { inputs } = report;
  lines.push(
    paint('bold', `aksguard ${report.tool.version}`) +
      paint(
        'dim',
        ` · ${inputs.files} file(s), ${inputs.objects} object(s), ${inputs.clusters} cluster(s), ${inputs.rules} rule(s)`,
      ),
  );
  lines.push('');
  const gaps = describeGaps(report.coverage);
  if (report.findings.length === 0) {
    // Never a plain "no findings" when nothing was analysed or inputs that may hide findings were left out.
    if (report.inputs.objects === 0 && report.inputs.clusters === 0)
      lines.push(
        paint(
          ['bold', 'yellow'],
          '! Nothing was analysed: no Kubernetes object or AKS cluster definition was found.',
        ),
        '',
      );
    else if (gaps)
      lines.push(
        paint('yellow', '✔ No findings in what was analysed; some inputs were not (see below).'),
        '',
      );
    else lines.push(paint('green', '✔ No findings.'), '');
  }
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    lines.push(paint(SEVERITY_STYLE[severity], `${severity.toUpperCase()} (${findings.length})`));
    for (const group of groupByResource(findings).values()) {
      const first = group[0]!;
      const place = first.location?.file ?? first.resource.apiPath ?? first.resource.id;
      const where = place ? paint('dim', `  ${place}`) : '';
      lines.push(`  ${paint('bold', formatResource(first.resource))}${where}`);
      for (const finding of group) lines.push(...renderFinding(finding, paint));
    }
    lines.push('');
  }
  const fixes = new Map<string, string>();
  for (const finding of report.findings)
    if (finding.fix && !fixes.has(finding.ruleId)) fixes.set(finding.ruleId, finding.fix);
  if (fixes.size > 0) {
    lines.push(paint('bold', 'How to fix'));
    for (const [ruleId, fix] of fixes) {
      const [head, ...rest] = fix.split('\n');
      lines.push(`  ${paint('cyan', ruleId)}: ${head}`);
      for (const line of rest) lines.push(`    ${line}`);
    }
    lines.push(
      paint('dim', '  Details: aksguard rules <RULE-ID>'),
      paint(
        'dim',
        '  Exact changes: aksguard fix <paths> (securityContext patches, az aks commands, Terraform); aksguard fix netpol -f <paths>',
      ),
      '',
    );
  }
  if (report.notEvaluated.length > 0) {
    lines.push(paint('bold', `Not evaluated (${report.notEvaluated.length})`));
    for (const entry of report.notEvaluated) {
      const resource = entry.resource ? ` ${formatResource(entry.resource)}` : '';
      const where = entry.location ? paint('dim', ` ${entry.location.file}:${entry.location.line}`) : '';
      lines.push(`  ${paint('cyan', entry.ruleId)}${resource}: ${entry.reason}${where}`);
    }
    lines.push('');
  }
  if (report.waived.length > 0) {
    lines.push(paint('bold', `Waived (${report.waived.length})`));
    for (const finding of report.waived) {
      const expires = finding.waiver.expires ? `, until ${finding.waiver.expires}` : '';
      lines.push(
        `  ${paint('cyan', finding.ruleId)} ${formatResource(finding.resource)}: ${finding.waiver.reason} (${finding.waiver.source}${expires})`,
      );
    }
    lines.push('');
  }
  const audit = report.waivers;
  if (audit.unused.length + audit.expired.length + audit.invalid.length > 0) {
    lines.push(paint('bold', 'Waiver audit'));
    for (const waiver of audit.expired)
      lines.push(
        `  ${paint('yellow', 'expired')} ${waiver.rule} ${waiver.resource ?? ''} (${waiver.expires}): ${waiver.reason}${at(waiver.location)}`,
      );
    for (const waiver of audit.unused)
      lines.push(
        `  ${paint('yellow', 'unused')}  ${waiver.rule} ${waiver.resource ?? ''}: matched no finding${at(waiver.location)}`,
      );
    for (const waiver of audit.invalid)
      lines.push(
        `  ${paint('red', 'invalid')} ${waiver.resource ?? ''}: ${waiver.problem}${at(waiver.location)}`,
      );
    lines.push('');
  }
  if (report.errors.length > 0) {
    lines.push(paint(['bold', 'red'], `Errors (${report.errors.length})`));
    for (const issue of report.errors) lines.push(`  ${issueLocation(issue)}: ${issue.message}`);
    lines.push('');
  }
  if (report.notes.length > 0) {
    lines.push(paint('bold', `Notes (${report.notes.length})`));
    for (const issue of report.notes.slice(0, 20))
      lines.push(paint('dim', `  ${issueLocation(issue)}: ${issue.message}`));
    if (report.notes.length > 20)
      lines.push(paint('dim', `  … and ${report.notes.length - 20} more (see -o json)`));
    lines.push('');
  }
  if (report.baseline)
    lines.push(
      paint('dim', `${report.baseline.suppressed} finding(s) hidden by the baseline ${report.baseline.file}`),
    );
  const counts = SEVERITIES.filter((severity) => report.summary[severity] > 0).map((severity) =>
    paint(SEVERITY_STYLE[severity], `${report.summary[severity]} ${severity}`),
  );
  lines.push(`${paint('bold', 'Summary:')} ${counts.length > 0 ? counts.join(', ') : 'nothing found'}`);
  if (gaps) lines.push(paint('yellow', gaps));
  return `${lines.join('\n')}\n`;
}

function renderFinding(finding: Finding, paint: Paint): string[] {
  const line = finding.location ? paint('dim', ` :${finding.location.line}`) : '';
  return [`    ${paint('cyan', finding.ruleId)}${line}  ${withoutResource(finding)}`];
}

/** The group header already names the resource; messages that start with it read better without. */
function withoutResource(finding: Finding): string {
  const { kind, namespace, name } = finding.resource;
  const names = [`${kind} ${namespace ? `${namespace}/` : ''}${name}`, `${kind} ${name}`];
  for (const prefix of names) {
    if (!finding.message.startsWith(prefix)) continue;
    const rest = finding.message.slice(prefix.length).replace(/^[,:]?\s+/, '');
    if (rest.length > 0) return rest;
  }
  return finding.message;
}

function groupByResource(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${formatResource(finding.resource)}\u0000${finding.location?.file ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return groups;
}

function at(location: { file: string; line: number } | undefined): string {
  return location ? ` (${location.file}:${location.line})` : '';
}

function issueLocation(issue: { file: string; line?: number; column?: number }): string {
  return `${issue.file}${issue.line !== undefined ? `:${issue.line}` : ''}${issue.column !== undefined ? `:${issue.column}` : ''}`;
}
