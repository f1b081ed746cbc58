import { CHECKS } from './checks/index.js';
import type { CheckDefinition, CheckId, CheckPod } from './types.js';
import type { Level, PolicyVersion } from './version.js';

interface ActiveCheck {
  id: CheckId;
  check: CheckPod;
}

/** The newest policy version any check changed at; `latest` and newer versions evaluate as this one. */
export const MAX_POLICY_VERSION: number = Math.max(
  ...CHECKS.flatMap((c) => c.versions.map((v) => v.minVersion)),
);

function versionAt(definition: CheckDefinition, minor: number) {
  let found: CheckDefinition['versions'][number] | undefined;
  for (const versioned of definition.versions) if (versioned.minVersion <= minor) found = versioned;
  return found;
}

/** Upstream `registry.go`: the checks of one level at one version, with overridden baseline checks removed. */
function checksAt(level: 'baseline' | 'restricted', minor: number): ActiveCheck[] {
  const active: { id: CheckId; check: CheckPod; overrides: CheckId[] }[] = [];
  for (const definition of CHECKS) {
    if (level === 'baseline' && definition.level !== 'baseline') continue;
    const versioned = versionAt(definition, minor);
    if (versioned)
      active.push({ id: definition.id, check: versioned.check, overrides: versioned.overrides ?? [] });
  }
  const overridden = new Set(active.flatMap((a) => a.overrides));
  return active.filter((a) => !overridden.has(a.id)).map(({ id, check }) => ({ id, check }));
}

/** The checks of each level and version, worked out when first asked for (a scan asks for one or two of ~70). */
const TABLE = new Map<string, ActiveCheck[]>();

/** `latest`, and any version newer than the newest policy change, evaluate as `MAX_POLICY_VERSION`. */
export function clampVersion(version: PolicyVersion): number {
  return version === 'latest' || version > MAX_POLICY_VERSION ? MAX_POLICY_VERSION : version;
}

/** The last answer: a run asks for the same level and version once per pod template. */
let last: { level: Level; version: PolicyVersion; checks: readonly ActiveCheck[] } | undefined;

/** What the privileged level checks: nothing. */
const NO_CHECKS: readonly ActiveCheck[] = Object.freeze([]);

export function activeChecks(level: Level, version: PolicyVersion): readonly ActiveCheck[] {
  // Privileged is answered before the last answer is looked at, and does not replace it: the webhook asks for the
  // namespace's enforce level and then for its warn level (privileged unless labelled) at every review.
  if (level === 'privileged') return NO_CHECKS;
  if (last !== undefined && last.level === level && last.version === version) return last.checks;
  const checks = lookUpChecks(level, version);
  last = { level, version, checks };
  return checks;
}

function lookUpChecks(level: Level, version: PolicyVersion): readonly ActiveCheck[] {
  if (level === 'privileged') return [];
  const minor = clampVersion(version);
  // What the table held when it was filled up front: the two levels at versions 0 to MAX_POLICY_VERSION.
  if ((level !== 'baseline' && level !== 'restricted') || !Number.isInteger(minor) || minor < 0) return [];
  const key = `${level}:${minor}`;
  let checks = TABLE.get(key);
  if (checks === undefined) {
    checks = checksAt(level, minor);
    TABLE.set(key, checks);
  }
  return checks;
}

/**
 * The check that judges what `id` is about at this level and version: `id` itself, the restricted check that
 * overrides it (e.g. `capabilities_restricted` for `capabilities_baseline` from v1.22), or undefined when neither
 * applies (a check newer than the version, or a restricted check at baseline).
 */
export function effectiveCheck(id: CheckId, level: Level, version: PolicyVersion): CheckId | undefined {
  const checks = activeChecks(level, version);
  if (checks.some((c) => c.id === id)) return id;
  const minor = clampVersion(version);
  for (const definition of CHECKS) {
    if (level === 'restricted' && versionAt(definition, minor)?.overrides?.includes(id)) return definition.id;
  }
  return undefined;
}

export function checkLevel(id: CheckId): 'baseline' | 'restricted' {
  return CHECKS.find((c) => c.id === id)!.level;
}
