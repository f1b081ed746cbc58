import type { Rule } from '../rules/defineRule.js';
import type { Report } from './report.js';

export const OUTPUT_FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderContext {
  report: Report;
  /** The rules that ran, for formats that list rules (SARIF, JUnit). */
  rules: readonly Rule[];
  color: boolean;
  /** Warnings for stderr (e.g. findings SARIF cannot place). */
  warn(message: string): void;
}
