import type { Finding } from '../model/finding.js';
import { formatResource, placeOf } from '../model/finding.js';
import { SEVERITIES } from '../model/severity.js';
import { markdownCode, markdownText } from './escape.js';
import type { RenderContext } from './format.js';
import { linesOf } from './stream.js';

const ICON = { critical: '🟣', high: '🔴', medium: '🟠', low: '🔵', info: '⚪' } as const;

function* findingTable(findings: Iterable<Finding>): Generator<string> {
  yield* linesOf(['| Severity | Rule | Resource | Location | Finding |', '|---|---|---|---|---|']);
  for (const finding of findings) {
    const place = placeOf(finding.location, finding.resource);
    const where = place ? markdownCode(place) : '';
    yield `| ${ICON[finding.severity]} ${finding.severity} | ${markdownCode(finding.ruleId)} | ${markdownText(formatResource(finding.resource))} | ${where} | ${markdownText(finding.message)} |\n`;
  }
}

/** A pull-request comment: counts, then a table of findings (low and info folded away). */
export function* renderMarkdown({ report }: RenderContext): Generator<string> {
  yield* linesOf(['## aksguard', '', '| Severity | Count |', '|---|---|']);
  for (const severity of SEVERITIES)
    yield `| ${ICON[severity]} ${severity} | ${report.summary[severity]} |\n`;
  yield '\n';
  const important = report.findings.filter((finding) =>
    ['critical', 'high', 'medium'].includes(finding.severity),
  );
  const minor = report.findings.filter((finding) => ['low', 'info'].includes(finding.severity));
  if (report.findings.length === 0) yield* linesOf(['✅ No findings.', '']);
  if (important.length > 0) {
    yield* findingTable(important);
    yield '\n';
  }
  if (minor.length > 0) {
    yield* linesOf([`<details><summary>${minor.length} low and info finding(s)</summary>`, '']);
    yield* findingTable(minor);
    yield* linesOf(['', '</details>', '']);
  }
  if (report.notEvaluated.length > 0) {
    yield* linesOf([
      `<details><summary>${report.notEvaluated.length} control(s) not evaluated</summary>`,
      '',
    ]);
    for (const entry of report.notEvaluated)
      yield `- ${markdownCode(entry.ruleId)}: ${markdownText(entry.reason)}\n`;
    yield* linesOf(['', '</details>', '']);
  }
  if (report.waived.length > 0) yield* linesOf([`${report.waived.length} finding(s) waived.`, '']);
  if (report.errors.length > 0) {
    yield* linesOf(['**Input errors**', '']);
    for (const issue of report.errors)
      yield `- ${markdownCode(`${issue.file}${issue.line ? `:${issue.line}` : ''}`)}: ${markdownText(issue.message)}\n`;
    yield '\n';
  }
}
