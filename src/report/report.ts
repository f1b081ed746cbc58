import type { Coverage } from '../model/coverage.js';
import type { Finding, NotEvaluated } from '../model/finding.js';
import type { LoadIssue } from '../model/inventory.js';
import type { Severity } from '../model/severity.js';

export const SCHEMA_VERSION = 1;

export interface WaiverUse {
  rule: string;
  reason: string;
  /** `config` (the `.aksguard.yaml` waivers) or `annotation` (`aksguard.io/ignore` on the resource). */
  source: 'config' | 'annotation';
  expires?: string;
  resource?: string;
  location?: { file: string; line: number; column: number };
}

export interface WaivedFinding extends Finding {
  waiver: WaiverUse;
}

export interface WaiverAudit {
  /** Config waivers that matched no finding: remove them. */
  unused: WaiverUse[];
  /** Waivers past their expiry date: no longer applied. */
  expired: WaiverUse[];
  /** Waivers that could not be read or are not allowed (annotation waivers when forbidden, missing reason). */
  invalid: (WaiverUse & { problem: string })[];
  /** Every annotation waiver in force (`aksguard.io/ignore`): the object, the rule it waives and the reason. */
  annotations: WaiverUse[];
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'aksguard'; version: string };
  summary: Record<Severity, number>;
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  waived: WaivedFinding[];
  waivers: WaiverAudit;
  /** Input problems (unreadable files, invalid YAML) and internal rule failures. */
  errors: LoadIssue[];
  /** Remarks about the input (non-Kubernetes files skipped, Helm templates). */
  notes: LoadIssue[];
  inputs: { files: number; objects: number; clusters: number; rules: number };
  /** What was read by dialect, and what was skipped or could not be read: never counted as a pass. */
  coverage: Coverage;
  baseline?: { file: string; suppressed: number };
}
