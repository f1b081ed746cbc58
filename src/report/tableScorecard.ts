import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import type { Paint, Style } from './color.js';
import { escapeControl } from './escape.js';
import type { RenderContext } from './format.js';
import { type ControlStatus, describeControl, type Scorecard, zeroTrustScorecard } from './scorecard.js';

const STATUS: Record<ControlStatus, { label: string; style: Style[] }> = {
  pass: { label: '✔ PASS', style: ['green'] },
  fail: { label: '✘ FAIL', style: ['bold', 'red'] },
  'not-evaluated': { label: '? N/E ', style: ['yellow'] },
};

/** The scorecard the context carries (computed before display filters), or one computed from the report. */
export function scorecardOf(context: RenderContext): Scorecard {
  return context.scorecard ?? zeroTrustScorecard(context.report, context.rules);
}

/** The zero-trust scorecard as the table's first block: one line per control. */
export function scorecardLines(scorecard: Scorecard, paint: Paint): string[] {
  const { counts } = scorecard;
  const lines = [
    paint('bold', 'Zero-trust scorecard (AKS baseline controls): ') +
      `${counts.pass} pass, ${counts.fail} fail, ${counts['not-evaluated']} not evaluated`,
  ];
  const width = Math.max(...scorecard.controls.map((result) => result.control.title.length));
  for (const result of scorecard.controls) {
    const status = STATUS[result.status];
    // One line per control: why it was not evaluated in a few words; the reasons follow the findings in full.
    const detail =
      result.status === 'pass'
        ? describeControl(result).replace(/^pass ?/, '')
        : describeControl(result, true);
    lines.push(
      `  ${paint(status.style, status.label)}  ${result.control.title.padEnd(width)}  ${paint('dim', escapeControl(detail))}`.trimEnd(),
    );
  }
  if (scorecard.baselineSuppressed > 0)
    lines.push(
      paint('dim', `  (${scorecard.baselineSuppressed} finding(s) hidden by the baseline are not counted)`),
    );
  lines.push('');
  return lines;
}

/** Low and info findings folded to one line per rule: `WL-RES-cpuRequest  9  CPU request not set`. */
export function foldedLines(severity: Severity, findings: readonly Finding[], paint: Paint): string[] {
  const byRule = new Map<string, { count: number; title: string }>();
  for (const finding of findings) {
    const entry = byRule.get(finding.ruleId) ?? { count: 0, title: finding.title };
    entry.count++;
    byRule.set(finding.ruleId, entry);
  }
  const width = Math.max(...[...byRule.keys()].map((id) => id.length));
  const countWidth = Math.max(...[...byRule.values()].map((entry) => String(entry.count).length));
  const lines = [`${paint('dim', `  one line per rule (--all shows each ${severity} finding)`)}`];
  for (const [ruleId, entry] of byRule)
    lines.push(
      `  ${paint('cyan', ruleId.padEnd(width))}  ${String(entry.count).padStart(countWidth)}  ${entry.title}`,
    );
  return lines;
}
