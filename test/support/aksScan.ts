import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { tempTree } from './tempTree.js';

export interface AksScanResult {
  /** `RULE file:line`, sorted. */
  findings: string[];
  /** `RULE file:line reason`, sorted. */
  notEvaluated: string[];
  /** `level file:line message` of load problems. */
  issues: string[];
  coverage: Report['coverage'];
}

/** Scans a temporary tree of files with the AKS rules, as `aksguard scan --family aks` would, and returns exact lines. */
export async function scanAks(
  files: Record<string, string>,
  options: { tfVarFiles?: string[]; paths?: string[]; families?: ('aks' | 'cross')[] } = {},
): Promise<AksScanResult> {
  const tree = tempTree(files);
  try {
    const report = await scan({
      paths: options.paths ?? ['.'],
      cwd: tree.dir,
      config: false,
      families: options.families ?? ['aks'],
      ...(options.tfVarFiles ? { tfVarFiles: options.tfVarFiles } : {}),
    });
    return summarize(report);
  } finally {
    tree.cleanup();
  }
}

export function summarize(report: Report): AksScanResult {
  const at = (location: { file: string; line: number } | undefined) =>
    location ? `${location.file}:${location.line}` : '?';
  return {
    findings: report.findings.map((f) => `${f.ruleId} ${at(f.location)}`).sort(),
    notEvaluated: report.notEvaluated.map((n) => `${n.ruleId} ${at(n.location)} ${n.reason}`).sort(),
    issues: [...report.errors, ...report.notes].map(
      (e) => `${e.level} ${e.file}:${e.line ?? 0} ${e.message}`,
    ),
    coverage: report.coverage,
  };
}
