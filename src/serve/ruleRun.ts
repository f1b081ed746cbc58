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
import { formatPath } from '../model/source.js';
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
  // What the current rule kept, for runRules' dedup (one finding per identity and message).
  const kept = new KeptReports();
  const context: RuleContext & { params: Record<string, unknown> } = {
    inventory,
    settings,
    params: current?.params ?? {},
    // Nothing reads a finding's evidence at admission.
    keepsEvidence: false,
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
      // The input's fields as reported (a rule may reuse its input object); the identity is made when needed.
      const reported: Reported = {
        message: input.message,
        file: location && !location.live ? location.file : '',
        resource,
        key: input.key,
        path: input.path,
        identity: undefined,
      };
      if (!kept.keep(reported)) return;
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
    kept.clear();
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

/** A finding the current rule kept, with its identity once one was needed. */
interface Reported {
  message: string;
  /** The file of a finding's location; none for a live object. */
  file: string;
  resource: ResourceRef;
  key: string | undefined;
  path: ReportInput['path'];
  identity: string | undefined;
}

/** Past this many findings of one rule on one object, identities are made for all and kept in a map. */
const FEW_REPORTS = 8;

/**
 * runRules' dedup: a report is dropped when the rule kept one with the same message under the same identity (its
 * fingerprint). While a rule has kept few, identities are compared only between reports whose messages are equal
 * (rare), so the usual report formats no path and builds no key; past FEW_REPORTS (an object with many containers),
 * every identity is made and looked up in a map, as runRules does, so the work stays linear in the reports.
 */
class KeptReports {
  private readonly few: Reported[] = [];
  private byIdentity: Map<string, string | string[]> | undefined;

  /** Whether `next` is kept (false: the same message under the same identity was kept before). */
  keep(next: Reported): boolean {
    if (this.byIdentity !== undefined)
      return recordMessage(this.byIdentity, identityOf(next), next.message) !== 0;
    for (const earlier of this.few) {
      if (earlier.message !== next.message) continue;
      earlier.identity ??= identityOf(earlier);
      next.identity ??= identityOf(next);
      if (earlier.identity === next.identity) return false;
    }
    this.few.push(next);
    if (this.few.length > FEW_REPORTS) {
      this.byIdentity = new Map();
      for (const reported of this.few)
        recordMessage(this.byIdentity, reported.identity ?? identityOf(reported), reported.message);
      this.few.length = 0;
    }
    return true;
  }

  clear(): void {
    // Setting an array's length is a call into the runtime even when it is empty: most rules report nothing.
    if (this.few.length > 0) this.few.length = 0;
    this.byIdentity = undefined;
  }
}

/**
 * What runRules' fingerprint hashes, less the rule id (identities are kept per rule): the file (none for a live
 * object), the resource and the rule's key (the path formatted, when the rule gives no key).
 */
function identityOf({ file, resource, key: given, path }: Reported): string {
  const key = given ?? (path !== undefined && path.length > 0 ? formatPath(path) : '');
  return `${file}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}\u0000${key}`;
}
