/**
 * What the webhook does with a finding (ecosystem: Gatekeeper dryrun/warn/deny, VAP Audit/Warn/Deny, Kyverno
 * Audit/Enforce): `audit` allows and records it (audit annotation, metrics), `warn` allows with a warning shown to
 * the user, `enforce` denies the request. Chosen per rule id, rule-id prefix (a family such as `WL-PSS-`) or
 * severity, most specific first: rule id, longest prefix, severity, then the default.
 */
import { isSeverity, type Severity } from '../model/severity.js';

export const MODES = ['audit', 'warn', 'enforce'] as const;
export type Mode = (typeof MODES)[number];

export function isMode(value: string): value is Mode {
  return (MODES as readonly string[]).includes(value);
}

export interface ModePolicy {
  default: Mode;
  /** By exact rule id. */
  rules: Map<string, Mode>;
  /** By rule-id prefix ending in `-` (`WL-PSS-`, `WL-IMG-`), longest first. */
  prefixes: [string, Mode][];
  bySeverity: Map<Severity, Mode>;
}

export class ModeError extends Error {}

/** `SELECTOR=MODE` entries (`WL-PSS-=enforce`, `critical=enforce`, `WL-RES-cpuLimit=audit`) over a default. */
export function parseModePolicy(defaultMode: string, entries: readonly string[]): ModePolicy {
  if (!isMode(defaultMode))
    throw new ModeError(`--mode must be audit, warn or enforce (got "${defaultMode}")`);
  const policy: ModePolicy = { default: defaultMode, rules: new Map(), prefixes: [], bySeverity: new Map() };
  for (const entry of entries) {
    const match = /^([^=]+)=(.+)$/.exec(entry);
    const mode = match?.[2] ?? '';
    if (!match || !isMode(mode))
      throw new ModeError(
        `--mode-for "${entry}": expected SELECTOR=audit|warn|enforce, the selector a rule id, a rule-id prefix ending in - or a severity`,
      );
    const selector = match[1]!;
    if (isSeverity(selector)) policy.bySeverity.set(selector, mode);
    else if (selector.endsWith('-')) policy.prefixes.push([selector, mode]);
    else policy.rules.set(selector, mode);
  }
  policy.prefixes.sort((a, b) => b[0].length - a[0].length);
  return policy;
}

export function modeOf(policy: ModePolicy, ruleId: string, severity: Severity): Mode {
  const exact = policy.rules.get(ruleId);
  if (exact) return exact;
  for (const [prefix, mode] of policy.prefixes) if (ruleId.startsWith(prefix)) return mode;
  return policy.bySeverity.get(severity) ?? policy.default;
}
