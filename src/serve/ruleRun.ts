/**
 * The rules' run at admission, lean: what `runRules` does for a scan, less what the webhook never sends. Each rule's
 * parameters, severity override and default fix are settled once at start-up; a review makes one context for all
 * its rules (not one per rule), no SHA-256 fingerprint, no location, no evidence kept, and a finding record of the
 * fields the answer, the waivers and the metrics read. Which findings there are, and their rule, severity, message
 * and fix, are exactly the scan's (test/serve/leanRun.test.ts runs both over the realistic reviews and every workload
 * rule's docs examples).
 */

import type { Finding, NotEvaluated, ResourceRef } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { refOf } from '../model/k8s.js';
import type { Severity } from '../model/severity.js';
import { formatPath, type Location } from '../model/source.js';
import type { ReportInput, Rule, RuleContext, ScanSettings } from '../rules/defineRule.js';
import {
  defaultFix,
  notEvaluatedEntry,
  paramsOf,
  type RuleRunOptions,
  recordMessage,
  unreadInputsOf,
} from '../rules/runRules.js';

/** A finding as the webhook uses it: the fields of a scan's finding that the answer, waivers and metrics read. */
export type AdmissionFinding = Pick<
  Finding,
  'ruleId' | 'severity' | 'title' | 'message' | 'resource' | 'fix'
>;

/** A rule with what does not change between reviews. */
export interface PreparedRule {
  rule: Rule;
  params: Record<string, unknown>;
  severity: Severity | undefined;
  fix: string | undefined;
}

/** The configuration's parameters and severities per rule id, as `runRules` takes them. */
export type PrepareOptions = Pick<RuleRunOptions, 'params' | 'severities'>;

export function prepareRule(rule: Rule, options: PrepareOptions): PreparedRule {
  return {
    rule,
    params: paramsOf(rule, options.params?.[rule.id]),
    severity: options.severities?.[rule.id],
    fix: defaultFix(rule),
  };
}

/** Why a rule that threw on the object under admission is not evaluated (the error itself may quote the object). */
export const RULE_FAILED = 'the rule failed on this object (an internal error of aksguard)';

export interface LeanRunResult {
  findings: AdmissionFinding[];
  notEvaluated: NotEvaluated[];
  /** The rules that threw, in run order (as runRules'). */
  failedRuleIds: string[];
}

/**
 * Runs prepared rules over a one-object inventory whose objects are all live (no file). A rule that throws keeps what
 * it reported before, as in `runRules`, and is listed in `failedRuleIds` (the engine makes it not evaluated).
 */
export function runAdmissionRules(
  inventory: Inventory,
  rules: readonly PreparedRule[],
  settings: ScanSettings,
): LeanRunResult {
  const findings: AdmissionFinding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const failed: string[] = [];
  let memo: Map<string, unknown> | undefined;
  let current = rules[0] as PreparedRule;
  // Identities reported by the current rule, made on its first finding: runRules' dedup (the same fingerprint and
  // message once) on the text the fingerprint hashes, without hashing it.
  let reported: Map<string, string | string[]> | undefined;
  const context: RuleContext & { params: Record<string, unknown> } = {
    inventory,
    settings,
    params: current?.params ?? {},
    memo<T>(key: string, compute: () => T): T {
      memo ??= new Map();
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
    report(input: ReportInput) {
      const { rule } = current;
      const object = input.object;
      const resource = input.resource ?? (object ? refOf(object) : undefined);
      if (!resource) throw new Error(`rule ${rule.id} reported a finding without a resource`);
      const location = input.location ?? object?.location;
      // The path is formatted only when it is the key (runRules' `input.key ?? path ?? ''`).
      const key =
        input.key ?? (input.path !== undefined && input.path.length > 0 ? formatPath(input.path) : '');
      const identity = identityOf(location, resource, key);
      reported ??= new Map();
      if (recordMessage(reported, identity, input.message) === 0) return;
      const finding: AdmissionFinding = {
        ruleId: rule.id,
        severity: current.severity ?? input.severity ?? rule.severity,
        title: rule.title,
        message: input.message,
        resource,
      };
      const fix = input.fix ?? current.fix;
      if (fix) finding.fix = fix;
      findings.push(finding);
    },
    notEvaluated(input) {
      notEvaluated.push(notEvaluatedEntry(current.rule.id, input));
    },
  };
  const unreadable = inventory.coverage.unreadable;
  for (const prepared of rules) {
    // As runRules: nothing unread is ever a pass (the engine's inventories have read everything: no reason is made).
    const unread = unreadable.length > 0 ? unreadInputsOf(prepared.rule, unreadable) : undefined;
    if (unread !== undefined) {
      notEvaluated.push({ ruleId: prepared.rule.id, reason: unread });
      continue;
    }
    current = prepared;
    reported = undefined;
    context.params = prepared.params;
    try {
      prepared.rule.check(context);
    } catch {
      // What it reported before stays, as in runRules.
      failed.push(prepared.rule.id);
    }
  }
  return { findings, notEvaluated, failedRuleIds: failed };
}

/**
 * What runRules' fingerprint hashes, less the rule id (identities are kept per rule): the file (none for a live
 * object), the resource and the rule's key.
 */
function identityOf(location: Location | undefined, resource: ResourceRef, key: string): string {
  const file = location && !location.live ? location.file : '';
  return `${file}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}\u0000${key}`;
}
