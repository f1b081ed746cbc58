/**
 * The rules' run at admission, lean: what `runRules` does for a scan, less what the webhook never sends. Each rule's
 * parameters, severity override and default fix are settled once at start-up; a review makes one context for all
 * its rules (not one per rule), no SHA-256 fingerprint, no location, no evidence kept, and a finding record of the
 * fields the answer, the waivers and the metrics read. Which findings there are, and their rule, severity, message
 * and fix, are exactly the scan's (test/serve/leanRun.test.ts runs both over the realistic reviews and every workload
 * rule's docs examples).
 */

import { buildInventory } from '../load/inventory.js';
import type { Finding, NotEvaluated, ResourceRef } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { refOf } from '../model/k8s.js';
import type { Severity } from '../model/severity.js';
import { formatPath } from '../model/source.js';
import type { NotEvaluatedInput, ReportInput, Rule, RuleContext, ScanSettings } from '../rules/defineRule.js';
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
 * The lean run, made once per engine and used for every review (one at a time: a review is judged synchronously): the
 * rules' context is this object, its methods on the prototype, so that a review makes no context, closures or dedup
 * list of its own; only its memo (when a rule uses one) and what it returns. Everything a review leaves (its
 * inventory, the memo, the current rule) is let go when its run ends.
 */
export class AdmissionRuleRun implements RuleContext {
  inventory: Inventory = EMPTY_INVENTORY;
  params: Record<string, unknown> = {};
  // Nothing reads a finding's evidence at admission.
  readonly keepsEvidence = false;
  private findings: AdmissionFinding[] = [];
  private notEvaluatedList: NotEvaluated[] = [];
  private current: PreparedRule | undefined;
  /**
   * The review's memo, made on first use. Not one map cleared between reviews: V8 makes a cleared map's new table in
   * the old generation when the map lives there, so every review would leave old-generation garbage (measured: six
   * full collections per 30,000 reviews instead of one).
   */
  private memos: Map<string, unknown> | undefined;
  // What the current rule kept, for runRules' dedup (one finding per identity and message).
  private readonly kept = new KeptReports();
  private running = false;

  constructor(readonly settings: ScanSettings) {}

  run(inventory: Inventory, rules: readonly PreparedRule[]): LeanRunResult {
    // A rule that judged another object from inside a rule would share this run's state: refused, never mixed.
    if (this.running) throw new Error('aksguard: an admission rule run is already under way');
    this.running = true;
    const findings: AdmissionFinding[] = [];
    const notEvaluated: NotEvaluated[] = [];
    const failed: string[] = [];
    this.inventory = inventory;
    this.findings = findings;
    this.notEvaluatedList = notEvaluated;
    try {
      const unreadable = inventory.coverage.unreadable;
      for (const prepared of rules) {
        // As runRules: nothing unread is ever a pass (the engine's inventories have read everything: no reason is
        // made).
        const unread = unreadable.length > 0 ? unreadInputsOf(prepared.rule, unreadable) : undefined;
        if (unread !== undefined) {
          notEvaluated.push({ ruleId: prepared.rule.id, reason: unread });
          continue;
        }
        this.current = prepared;
        this.kept.clear();
        this.params = prepared.params;
        try {
          prepared.rule.check(this);
        } catch {
          // What it reported before stays, as in runRules.
          failed.push(prepared.rule.id);
        }
      }
    } finally {
      // Nothing of this review is kept past it.
      this.inventory = EMPTY_INVENTORY;
      this.findings = [];
      this.notEvaluatedList = [];
      this.current = undefined;
      this.params = {};
      this.memos = undefined;
      this.kept.clear();
      this.running = false;
    }
    return { findings, notEvaluated, failedRuleIds: failed };
  }

  memo<T>(key: string, compute: () => T): T {
    this.memos ??= new Map();
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  report(input: ReportInput): void {
    const current = this.currentRule();
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
    if (!this.kept.keep(reported)) return;
    const finding: AdmissionFinding = {
      ruleId: rule.id,
      severity: current.severity ?? input.severity ?? rule.severity,
      title: rule.title,
      message: input.message,
      resource,
    };
    const fix = input.fix ?? current.fix;
    if (fix) finding.fix = fix;
    this.findings.push(finding);
  }

  notEvaluated(input: NotEvaluatedInput): void {
    this.notEvaluatedList.push(notEvaluatedEntry(this.currentRule().rule.id, input));
  }

  private currentRule(): PreparedRule {
    if (this.current === undefined) throw new Error('aksguard: a rule reported outside its run');
    return this.current;
  }
}

/** What the run's context holds between reviews: an inventory of nothing. */
const EMPTY_INVENTORY: Inventory = buildInventory([], [], [], []);

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
    // Setting an array's length is a call into the runtime; popping its few entries is inlined (most rules report
    // nothing, and the others at most FEW_REPORTS before the map takes over).
    while (this.few.length > 0) this.few.pop();
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
