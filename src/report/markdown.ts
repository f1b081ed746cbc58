import { formatResource, placeOf } from '../model/finding.js';
import { SEVERITIES } from '../model/severity.js';
import type { RenderContext } from './format.js';

const ICON = { critical: '🟣', high: '🔴', medium: '🟠', low: '🔵', info: '⚪' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A pull-request comment: counts, then a table of findings (low and info folded away). */
export function renderMarkdown({ report }: RenderContext): string {
  const out: string[] = ['## aksguard', ''];
  out.push('| Severity | Count |', '|---|---|');
  for (const severity of SEVERITIES)
    out.push(`| ${ICON[severity]} ${severity} | ${report.summary[severity]} |`);
  out.push('');
  const table = (findings: typeof report.findings) => {
    const rows = ['| Severity | Rule | Resource | Location | Finding |', '|---|---|---|---|---|'];
    for (const finding of findings) {
      const place = placeOf(finding.location, finding.resource);
      const where = place ? `\`${place}\`` : '';
      rows.push(
        `| ${ICON[finding.severity]} ${finding.severity} | \`${finding.ruleId}\` | ${cell(formatResource(finding.resource))} | ${where} | ${cell(finding.message)} |`,
      );
    }
    return rows;
  };
  const important = report.findings.filter((finding) =>
    ['critical', 'high', 'medium'].includes(finding.severity),
  );
  const minor = report.findings.filter((finding) => ['low', 'info'].includes(finding.severity));
  if (report.findings.length === 0) out.push('✅ No findings.', '');
  if (important.length > 0) out.push(...table(important), '');
  if (minor.length > 0)
    out.push(
      `<details><summary>${minor.length} low and info finding(s)</summary>`,
      '',
      ...table(minor),
      '',
      '</details>',
      '',
    );
  if (report.notEvaluated.length > 0) {
    out.push(`<details><summary>${report.notEvaluated.length} control(s) not evaluated</summary>`, '');
    for (const entry of report.notEvaluated) out.push(`- \`${entry.ruleId}\`: ${cell(entry.reason)}`);
    out.push('', '</details>', '');
  }
  if (report.waived.length > 0) out.push(`${report.waived.length} finding(s) waived.`, '');
  if (report.errors.length > 0) {
    out.push('**Input errors**', '');
    for (const issue of report.errors)
      out.push(`- \`${issue.file}${issue.line ? `:${issue.line}` : ''}\`: ${cell(issue.message)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
