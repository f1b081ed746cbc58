import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scan } from '../../../src/scan.js';

export const DATA = fileURLToPath(new URL('./data/', import.meta.url));

/** The two forms of one cluster definition that must be judged alike. */
export interface PairSet {
  set: string;
  /** Folder names of the two sides, e.g. `nested` and `flat`. */
  sides: [string, string];
}

export const SETS: PairSet[] = [
  { set: 'terraform-modules', sides: ['nested', 'flat'] },
  { set: 'arm-nested', sides: ['nested', 'flat'] },
  { set: 'az-scripts', sides: ['script', 'show'] },
];

/** Per rule, the locations of its findings (or not-evaluated entries) on each side, paired in line order. */
export interface PairedVerdicts {
  findings: Record<string, [string, string][]>;
  notEvaluated: Record<string, [string, string][]>;
  /** Not-evaluated reasons on each side, by rule, in line order. */
  reasons: Record<string, [string, string][]>;
}

export function casesOf(set: string): string[] {
  return readdirSync(`${DATA}${set}`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

interface Side {
  findings: Map<string, string[]>;
  notEvaluated: Map<string, { at: string; reason: string }[]>;
}

async function judge(directory: string): Promise<Side> {
  const report = await scan({ paths: ['.'], cwd: directory, config: false, families: ['aks'] });
  if (report.errors.length > 0)
    throw new Error(report.errors.map((error) => `${directory}/${error.file}: ${error.message}`).join('\n'));
  const byLine = (a: string, b: string) => {
    const [fa, la] = a.split(':');
    const [fb, lb] = b.split(':');
    return fa! < fb! ? -1 : fa! > fb! ? 1 : Number(la) - Number(lb);
  };
  const findings = new Map<string, string[]>();
  for (const finding of report.findings) {
    const at = `${finding.location?.file}:${finding.location?.line}`;
    findings.set(finding.ruleId, [...(findings.get(finding.ruleId) ?? []), at].sort(byLine));
  }
  const notEvaluated = new Map<string, { at: string; reason: string }[]>();
  for (const entry of report.notEvaluated) {
    const at = `${entry.location?.file}:${entry.location?.line}`;
    const list = [...(notEvaluated.get(entry.ruleId) ?? []), { at, reason: entry.reason }];
    notEvaluated.set(
      entry.ruleId,
      list.sort((a, b) => byLine(a.at, b.at)),
    );
  }
  return { findings, notEvaluated };
}

/** Judges both sides of a case and pairs their verdicts; a rule judged differently on the two sides is an error. */
export async function pairedVerdicts(set: PairSet, name: string): Promise<PairedVerdicts> {
  const [a, b] = await Promise.all(set.sides.map((side) => judge(`${DATA}${set.set}/${name}/${side}`)));
  const out: PairedVerdicts = { findings: {}, notEvaluated: {}, reasons: {} };
  const pair = <T>(
    left: Map<string, T[]>,
    right: Map<string, T[]>,
    what: string,
    view: (item: T) => string,
  ) => {
    const rules = [...new Set([...left.keys(), ...right.keys()])].sort();
    const paired: Record<string, [string, string][]> = {};
    for (const rule of rules) {
      const l = left.get(rule) ?? [];
      const r = right.get(rule) ?? [];
      if (l.length !== r.length)
        throw new Error(
          `${set.set}/${name}: ${rule} ${what} ${l.length} time(s) in ${set.sides[0]}, ${r.length} in ${set.sides[1]}: ${l.map(view)} / ${r.map(view)}`,
        );
      paired[rule] = l.map((item, index) => [view(item), view(r[index]!)]);
    }
    return paired;
  };
  out.findings = pair(a!.findings, b!.findings, 'fires', (at) => at);
  out.notEvaluated = pair(a!.notEvaluated, b!.notEvaluated, 'is not evaluated', (entry) => entry.at);
  out.reasons = pair(a!.notEvaluated, b!.notEvaluated, 'is not evaluated', (entry) => entry.reason);
  return out;
}

export function expectedOf(set: string, name: string): PairedVerdicts {
  return JSON.parse(readFileSync(`${DATA}${set}/${name}/expected.json`, 'utf8')) as PairedVerdicts;
}
