import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding } from '../model/finding.js';
import { ConfigError } from './config.js';

/** A baseline: the fingerprints of accepted findings. Later scans report only findings not in it. */
export interface Baseline {
  schemaVersion: 1;
  fingerprints: { fingerprint: string; ruleId: string; resource: string }[];
}

export function readBaseline(file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read baseline: ${(error as Error).message}`);
  }
  const fingerprints = (data as Partial<Baseline> | null)?.fingerprints;
  if (!Array.isArray(fingerprints))
    throw new ConfigError(`${file}: not an aksguard baseline (no "fingerprints" list)`);
  return new Set(fingerprints.map((entry) => (typeof entry === 'string' ? entry : entry.fingerprint)));
}

export function baselineOf(findings: readonly Finding[]): Baseline {
  const fingerprints = findings.map((finding) => ({
    fingerprint: finding.fingerprint,
    ruleId: finding.ruleId,
    resource: `${finding.resource.kind} ${finding.resource.namespace ? `${finding.resource.namespace}/` : ''}${finding.resource.name}`,
  }));
  fingerprints.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { schemaVersion: 1, fingerprints };
}

export function writeBaseline(file: string, findings: readonly Finding[]): void {
  writeFileSync(file, `${JSON.stringify(baselineOf(findings), null, 2)}\n`);
}
