import { type Finding, formatResource, placeOf } from '../model/finding.js';
import type { Rule, RuleFamily } from '../rules/defineRule.js';
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
export function* renderJunit({ report, rules }: RenderContext): Generator<string> {
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
  const families = new Map<RuleFamily, Rule[]>();
  for (const rule of rules) {
    const list = families.get(rule.family);
    if (list) list.push(rule);
    else families.set(rule.family, [rule]);
  }
  // The totals head the document: count first, then write.
  let totalFailures = 0;
  let totalSkipped = 0;
  for (const rule of rules) {
    if (byRule.has(rule.id)) totalFailures++;
    else if (notEvaluated.has(rule.id)) totalSkipped++;
  }
  const errors = report.errors.length;
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aksguard" tests="${rules.length + errors}" failures="${totalFailures}" errors="${errors}" skipped="${totalSkipped}">\n`;
  let firstSuite = true;
  for (const [family, familyRules] of families) {
    const failures = familyRules.filter((rule) => byRule.has(rule.id)).length;
    const skipped = familyRules.filter((rule) => !byRule.has(rule.id) && notEvaluated.has(rule.id)).length;
    if (!firstSuite) yield '\n';
    firstSuite = false;
    yield `  <testsuite name="aksguard.${family}" tests="${familyRules.length}" failures="${failures}" errors="0" skipped="${skipped}">\n`;
    let firstCase = true;
    for (const rule of familyRules) {
      if (!firstCase) yield '\n';
      firstCase = false;
      yield* testCase(rule, family, byRule.get(rule.id) ?? [], notEvaluated.get(rule.id));
    }
    yield '\n  </testsuite>';
  }
  if (errors > 0) {
    // Each input error is an erroring test case named after its file, so a CI dashboard says which file failed.
    yield `\n  <testsuite name="aksguard.inputs" tests="${errors}" failures="0" errors="${errors}" skipped="0">`;
    for (const issue of report.errors) {
      const where = `${issue.file}${issue.line !== undefined ? `:${issue.line}` : ''}`;
      const firstLine = issue.message.split('\n')[0] ?? '';
      yield `\n    <testcase classname="aksguard.inputs" name="${escapeXml(where)}"><error type="${issue.file === '<internal>' ? 'internal' : 'input'}" message="${escapeXml(firstLine)}">${escapeXml(`${where}: ${issue.message}`)}</error></testcase>`;
    }
    yield '\n  </testsuite>';
  }
  yield '\n</testsuites>\n';
}

function* testCase(
  rule: Rule,
  family: RuleFamily,
  findings: readonly Finding[],
  reasons: readonly string[] | undefined,
): Generator<string> {
  const name = `${rule.id}: ${rule.title}`;
  if (findings.length > 0) {
    yield `    <testcase classname="aksguard.${family}" name="${escapeXml(name)}"><failure type="${rule.severity}" message="${escapeXml(`${findings.length} finding(s): ${rule.title}`)}">`;
    // Escaping is per character, so escaping each line is escaping the whole body.
    for (const [index, finding] of findings.entries()) {
      const where = placeOf(finding.location, finding.resource) ?? '(no file)';
      yield escapeXml(
        `${index > 0 ? '\n' : ''}[${finding.severity}] ${formatResource(finding.resource)} at ${where}: ${finding.message}`,
      );
    }
    if (findings[0]?.fix) yield escapeXml(`\n\nHow to fix: ${findings[0].fix}`);
    yield '</failure></testcase>';
    return;
  }
  if (reasons) {
    yield `    <testcase classname="aksguard.${family}" name="${escapeXml(name)}"><skipped message="${escapeXml(`not evaluated: ${reasons.join('; ')}`)}"/></testcase>`;
    return;
  }
  yield `    <testcase classname="aksguard.${family}" name="${escapeXml(name)}"/>`;
}
