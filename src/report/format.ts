import type { Severity } from '../model/severity.js';
import type { Rule } from '../rules/defineRule.js';
import type { ReportExtras } from './html/extras.js';
import type { Report } from './report.js';
import type { Scorecard } from './scorecard.js';
import type { Chunks } from './stream.js';

/**
 * The report formats, each a streaming renderer in `RENDERERS` (src/report/index.ts). A new format is one entry
 * here, one module whose renderer yields its text in pieces, and one line in `RENDERERS`.
 */
export const OUTPUT_FORMATS = [
  'table',
  'json',
  'sarif',
  'junit',
  'markdown',
  'html',
  'policyreport',
  'openreports',
] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderContext {
  report: Report;
  /** The rules that ran, for formats that list rules (SARIF, JUnit). */
  rules: readonly Rule[];
  color: boolean;
  /** Warnings for stderr (e.g. findings SARIF cannot place). */
  warn(message: string): void;
  /** Table: show low and info findings one by one instead of one line per rule (display only). */
  showAll?: boolean;
  /** The zero-trust scorecard of the unfiltered report (display filters must not turn a fail into a pass). */
  scorecard?: Scorecard;
  /** HTML: graphs and patches computed from the inventory (connectivity, escalation paths). */
  extras?: ReportExtras;
  /** PolicyReport / OpenReports: findings at or above this severity are `fail`, the others `warn` (default high). */
  failOn?: Severity | 'none';
  /** Folder that relative locations are relative to (SARIF's %SRCROOT%); default: the process' folder. */
  cwd?: string;
}

/** Renders a report in pieces, never as one string (50,000 files exceed what one string may hold). */
export type Renderer = (context: RenderContext) => Chunks;
