import type { Finding } from '../model/finding.js';
import { formatResource } from '../model/finding.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { type Paint, painter, type Style } from './color.js';
import { describeGaps } from './coverage.js';
import { escapeControl } from './escape.js';
import type { RenderContext } from './format.js';
import { linesOf } from './stream.js';
import { foldedLines, scorecardLines, scorecardOf } from './tableScorecard.js';

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['bold', 'magenta'],
  high: ['bold', 'red'],
  medium: ['yellow'],
  low: ['blue'],
  info: ['gray'],
};

/** Severities the table folds to one line per rule unless `showAll`. */
const FOLDED: ReadonlySet<Severity> = new Set(['low', 'info']);

/**
 * For people: the zero-trust scorecard first, then findings grouped by severity and resource (low and info folded
 * to one line per rule unless `showAll`), with where to look and how to fix each rule.
 */
export function* renderTable(context: RenderContext): Generator<string> {
  const { report, color } = context;
  const paint = painter(color);
  const { inputs } = report;
  yield* linesOf([
    paint('bold', `aksguard ${report.tool.version}`) +
      paint(
        'dim',
        ` · ${inputs.files} file(s), ${inputs.objects} object(s), ${inputs.clusters} cluster(s), ${inputs.rules} rule(s)`,
      ),
    '',
  ]);
  // The scorecard is for a scan of the baseline controls: not shown when the rule selection ran none of them.
  const scorecard = scorecardOf(context);
  if ((report.inputs.objects > 0 || report.inputs.clusters > 0) && scorecard.controls.some((c) => c.ran))
    yield* linesOf(scorecardLines(scorecard, paint));
  const gaps = describeGaps(report.coverage);
  if (report.findings.length === 0) {
    // Never a plain "no findings" when nothing was analysed or inputs that may hide findings were left out.
    if (report.inputs.objects === 0 && report.inputs.clusters === 0)
      yield* linesOf([
        paint(
          ['bold', 'yellow'],
          '! Nothing was analysed: no Kubernetes object or AKS cluster definition was found.',
        ),
        '',
      ]);
    else if (gaps)
      yield* linesOf([
        paint('yellow', '✔ No findings in what was analysed; some inputs were not (see below).'),
        '',
      ]);
    else yield* linesOf([paint('green', '✔ No findings.'), '']);
  }
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    yield `${paint(SEVERITY_STYLE[severity], `${severity.toUpperCase()} (${findings.length})`)}\n`;
    if (!context.showAll && FOLDED.has(severity)) {
      yield* linesOf([...foldedLines(severity, findings, paint), '']);
      continue;
    }
    for (const group of groupByResource(findings).values()) {
      const first = group[0]!;
      const place = first.location?.file ?? first.resource.apiPath ?? first.resource.id;
      const where = place ? paint('dim', `  ${escapeControl(place)}`) : '';
      yield `  ${paint('bold', escapeControl(formatResource(first.resource)))}${where}\n`;
      for (const finding of group) yield `${renderFinding(finding, paint)}\n`;
    }
    yield '\n';
  }
  const fixes = new Map<string, string>();
  for (const finding of report.findings)
    if (finding.fix && !fixes.has(finding.ruleId) && (context.showAll || !FOLDED.has(finding.severity)))
      fixes.set(finding.ruleId, finding.fix);
  if (fixes.size > 0) {
    yield `${paint('bold', 'How to fix')}\n`;
    for (const [ruleId, fix] of fixes) {
      const [head, ...rest] = fix.split('\n');
      yield `  ${paint('cyan', escapeControl(ruleId))}: ${escapeControl(head ?? '')}\n`;
      for (const line of rest) yield `    ${escapeControl(line)}\n`;
    }
    yield* linesOf([
      paint('dim', '  Details: aksguard rules <RULE-ID>'),
      paint(
        'dim',
        '  Exact changes: aksguard fix <paths> (securityContext patches, az aks commands, Terraform); aksguard fix netpol -f <paths>',
      ),
      '',
    ]);
  }
  if (report.notEvaluated.length > 0) {
    yield `${paint('bold', `Not evaluated (${report.notEvaluated.length})`)}\n`;
    for (const entry of report.notEvaluated) {
      const resource = entry.resource ? ` ${escapeControl(formatResource(entry.resource))}` : '';
      const where = entry.location
        ? paint('dim', ` ${escapeControl(entry.location.file)}:${entry.location.line}`)
        : '';
      yield `  ${paint('cyan', escapeControl(entry.ruleId))}${resource}: ${escapeControl(entry.reason)}${where}\n`;
    }
    yield '\n';
  }
  if (report.waived.length > 0) {
    yield `${paint('bold', `Waived (${report.waived.length})`)}\n`;
    for (const finding of report.waived) {
      const expires = finding.waiver.expires ? `, until ${escapeControl(finding.waiver.expires)}` : '';
      yield `  ${paint('cyan', escapeControl(finding.ruleId))} ${escapeControl(formatResource(finding.resource))}: ${escapeControl(finding.waiver.reason)} (${finding.waiver.source}${expires})\n`;
    }
    yield '\n';
  }
  const audit = report.waivers;
  if (audit.unused.length + audit.expired.length + audit.invalid.length + audit.annotations.length > 0) {
    yield `${paint('bold', 'Waiver audit')}\n`;
    for (const waiver of audit.annotations)
      yield `  ${paint('cyan', 'annotation')} ${escapeControl(waiver.rule)} ${escapeControl(waiver.resource ?? '')}: ${escapeControl(waiver.reason)}${at(waiver.location)}\n`;
    for (const waiver of audit.expired)
      yield `  ${paint('yellow', 'expired')} ${escapeControl(waiver.rule)} ${escapeControl(waiver.resource ?? '')} (${escapeControl(waiver.expires ?? '')}): ${escapeControl(waiver.reason)}${at(waiver.location)}\n`;
    for (const waiver of audit.unused)
      yield `  ${paint('yellow', 'unused')}  ${escapeControl(waiver.rule)} ${escapeControl(waiver.resource ?? '')}: matched no finding${at(waiver.location)}\n`;
    for (const waiver of audit.invalid)
      yield `  ${paint('red', 'invalid')} ${escapeControl(waiver.resource ?? '')}: ${escapeControl(waiver.problem)}${at(waiver.location)}\n`;
    yield '\n';
  }
  if (report.errors.length > 0) {
    yield `${paint(['bold', 'red'], `Errors (${report.errors.length})`)}\n`;
    for (const issue of report.errors) yield `  ${issueLocation(issue)}: ${escapeControl(issue.message)}\n`;
    yield '\n';
  }
  if (report.notes.length > 0) {
    yield `${paint('bold', `Notes (${report.notes.length})`)}\n`;
    for (const issue of report.notes.slice(0, 20))
      yield `${paint('dim', `  ${issueLocation(issue)}: ${escapeControl(issue.message)}`)}\n`;
    if (report.notes.length > 20)
      yield `${paint('dim', `  … and ${report.notes.length - 20} more (see -o json)`)}\n`;
    yield '\n';
  }
  if (report.baseline)
    yield `${paint('dim', `${report.baseline.suppressed} finding(s) hidden by the baseline ${escapeControl(report.baseline.file)}`)}\n`;
  const counts = SEVERITIES.filter((severity) => report.summary[severity] > 0).map((severity) =>
    paint(SEVERITY_STYLE[severity], `${report.summary[severity]} ${severity}`),
  );
  yield `${paint('bold', 'Summary:')} ${counts.length > 0 ? counts.join(', ') : 'nothing found'}\n`;
  if (gaps) yield `${paint('yellow', escapeControl(gaps))}\n`;
}

function renderFinding(finding: Finding, paint: Paint): string {
  const line = finding.location ? paint('dim', ` :${finding.location.line}`) : '';
  return `    ${paint('cyan', escapeControl(finding.ruleId))}${line}  ${escapeControl(withoutResource(finding))}`;
}

/** The group header already names the resource; messages that start with it read better without. */
export function withoutResource(finding: Finding): string {
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
  return location ? ` (${escapeControl(location.file)}:${location.line})` : '';
}

function issueLocation(issue: { file: string; line?: number; column?: number }): string {
  return `${escapeControl(issue.file)}${issue.line !== undefined ? `:${issue.line}` : ''}${issue.column !== undefined ? `:${issue.column}` : ''}`;
}
