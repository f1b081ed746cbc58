import { type PodLike, podView } from './podView.js';
import { activeChecks } from './registry.js';
import type { CheckId, ViolationField } from './types.js';
import type { Level, PolicyVersion } from './version.js';

export interface PssPolicy {
  level: Level;
  version: PolicyVersion;
}

export interface PssViolation {
  check: CheckId;
  /** Upstream `ForbiddenReason`, e.g. `unrestricted capabilities`. */
  reason: string;
  /** Upstream `ForbiddenDetail`, e.g. `container "app" must set securityContext.capabilities.drop=["ALL"]`. */
  detail: string;
  /** The offending or missing fields, relative to the pod-like object (`['spec', ...]` / `['metadata', ...]`). */
  fields: ViolationField[];
}

export interface PssResult {
  allowed: boolean;
  violations: PssViolation[];
}

/**
 * Evaluates a Pod (or a pod template: `{metadata, spec}`) as Pod Security Admission would at `policy`.
 * The `privileged` level allows everything.
 */
export function evaluatePod(pod: PodLike, policy: PssPolicy): PssResult {
  const checks = activeChecks(policy.level, policy.version);
  if (checks.length === 0) return { allowed: true, violations: [] };
  const view = podView(pod);
  const violations: PssViolation[] = [];
  for (let index = 0; index < checks.length; index++) {
    const { id, check } = checks[index]!;
    const failure = check(view);
    // A literal, not `{ check: id, ...failure }`: the members of a CheckFailure, in its order, without a copy by spread.
    if (failure)
      violations.push({ check: id, reason: failure.reason, detail: failure.detail, fields: failure.fields });
  }
  return { allowed: violations.length === 0, violations };
}
