import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding } from '../model/finding.js';
import { isJsonObject } from '../model/json.js';
import { describeJsonError } from '../model/jsonError.js';
import { ConfigError } from './config.js';

/** A baseline: the fingerprints of accepted findings. Later scans report only findings not in it. */
export interface Baseline {
  schemaVersion: 1;
  fingerprints: { fingerprint: string; ruleId: string; resource: string }[];
}

/**
 * Reads a baseline strictly: a file that cannot be read, is not JSON, starts with a byte-order mark or holds an entry
 * that is not a fingerprint is a configuration error (exit 2), never a baseline that silently hides nothing or
 * everything. Messages give the position or the entry's index, never a value from the file.
 */
export function readBaseline(file: string, shown = file): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${shown}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? 'read error'})`,
    );
  }
  if (text.startsWith('\uFEFF'))
    throw new ConfigError(
      `${shown}: the baseline starts with a byte-order mark; save it as UTF-8 without one`,
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shown}: the baseline is not JSON (${describeJsonError(error, text)})`);
  }
  const fingerprints = isJsonObject(data) ? data.fingerprints : undefined;
  if (!Array.isArray(fingerprints))
    throw new ConfigError(`${shown}: not an aksguard baseline (no "fingerprints" list)`);
  const accepted = new Set<string>();
  for (const [index, entry] of fingerprints.entries()) {
    const fingerprint =
      typeof entry === 'string' ? entry : isJsonObject(entry) ? entry.fingerprint : undefined;
    if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint))
      throw new ConfigError(
        `${shown}: fingerprints[${index}] is not a fingerprint (24 hexadecimal digits, or an object with "fingerprint")`,
      );
    accepted.add(fingerprint);
  }
  return accepted;
}

/** What `fingerprintOf` produces. */
const FINGERPRINT = /^[0-9a-f]{24}$/;

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
