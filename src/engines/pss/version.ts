/**
 * Pod Security levels and policy versions, parsed as k8s.io/pod-security-admission `api/helpers.go` does.
 * Versions are `latest` or `v1.<minor>`; the major version is always 1.
 */

export const LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type Level = (typeof LEVELS)[number];

/** A policy version: the minor number of `v1.<minor>`, or `latest`. */
export type PolicyVersion = number | 'latest';

export interface Parsed<T> {
  value: T;
  /** Set when the input was invalid and `value` is the upstream fallback. */
  error?: string;
}

/** Upstream `ParseLevel`: an unknown level yields `restricted` together with an error. */
export function parseLevel(text: string): Parsed<Level> {
  if ((LEVELS as readonly string[]).includes(text)) return { value: text as Level };
  return { value: 'restricted', error: `must be one of ${LEVELS.join(', ')}` };
}

const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

/** Upstream `ParseVersion`: `latest` or `v1.<minor>` (no leading zeros); anything else yields `latest` with an error. */
export function parseVersion(text: string): Parsed<PolicyVersion> {
  if (text === 'latest') return { value: 'latest' };
  const match = VERSION_PATTERN.exec(text);
  const minor = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(minor)) return { value: 'latest', error: 'must be "latest" or "v1.x"' };
  return { value: minor };
}

export function formatVersion(version: PolicyVersion): string {
  return version === 'latest' ? 'latest' : `v1.${version}`;
}

/** Upstream `CompareLevels`: -1 when a is less strict than b, 0 when equal, 1 when stricter. */
export function compareLevels(a: Level, b: Level): number {
  return Math.sign(LEVELS.indexOf(a) - LEVELS.indexOf(b));
}
