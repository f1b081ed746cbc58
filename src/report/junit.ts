import { formatResource, placeOf } from '../model/finding.js';
import type { RuleFamily } from '../rules/defineRule.js';
import type { RenderContext } from './format.js';

// XML 1.0 forbids most control characters, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 forbids most control characters, even escaped.
      .replace(XML_FORBIDDEN, '')
  );
}

/** JUnit XML for CI dashboards: a test suite per rule family, a test case per rule; a rule with findings fails. */
export function renderJunit({ report, rules }: RenderContext): string {
  const byRule = new Map<string, typeof report.findings>();
  for (const finding of report.findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  const notEvaluated = new Map<string, string[]>();
  for (const entry of report.notEvaluated) {
    const list = notEvaluated.get(entry.ruleId) ?? [];
    list.push(entry.reason);
    notEvaluated.set(entry.ruleId, list);
  }
  const families = new Map<RuleFamily, typeof rules>();
  for (const rule of rules) families.set(rule.family, [...(families.get(rule.family) ?? []), rule]);
  const suites: string[] = [];
  let totalFailures = 0;
  let totalSkipped = 0;
  for (const [family, familyRules] of families) {
    let failures = 0;
    let skipped = 0;
    const cases = familyRules.map((rule) => {
      const findings = byRule.get(rule.id) ?? [];
      const name = `${rule.id}: ${rule.title}`;
      if (findings.length > 0) {
        failures++;
        const body = findings
          .map((finding) => {
            const where = placeOf(finding.location, finding.resource) ?? '(no file)';
            return `[${finding.severity}] ${formatResource(finding.resource)} at ${where}: ${finding.message}`;
          })
          .join('\n');
        const fix = findings[0]?.fix ? `\n\nHow to fix: ${findings[0].fix}` : '';
        return `    <testcase classname="aksguard.${family}" name="${escapeXml(name)}"><failure type="${rule.severity}" message="${escapeXml(`${findings.length} finding(s): ${rule.title}`)}">${escapeXml(body + fix)}</failure></testcase>`;
      }
      const reasons = notEvaluated.get(rule.id);
      if (reasons) {
        skipped++;
        return `    <testcase classname="aksguard.${family}" name="${escapeXml(name)}"><skipped message="${escapeXml(`not evaluated: ${reasons.join('; ')}`)}"/></testcase>`;
      }
      return `    <testcase classname="aksguard.${family}" name="${escapeXml(name)}"/>`;
    });
    totalFailures += failures;
    totalSkipped += skipped;
    suites.push(
      `  <testsuite name="aksguard.${family}" tests="${familyRules.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const errors = report.errors.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aksguard" tests="${rules.length}" failures="${totalFailures}" errors="${errors}" skipped="${totalSkipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
