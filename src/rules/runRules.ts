import { hash } from 'node:crypto';
import type { UnreadableInput } from '../model/coverage.js';
import type { Finding, NotEvaluated, ResourceRef } from '../model/finding.js';
import { inputKeys, inputOfUnreadable } from '../model/inputs.js';
import type { Inventory, LoadIssue } from '../model/inventory.js';
import { type K8sObject, locateIn, refOf } from '../model/k8s.js';
import type { Severity } from '../model/severity.js';
import type { Location } from '../model/source.js';
import { formatPath, type LiveOrigin, type PathSegment } from '../model/source.js';
import type { NotEvaluatedInput, ReportInput, Rule, RuleContext, ScanSettings } from './defineRule.js';

export interface RuleRunOptions {
  settings: ScanSettings;
  /** Parameters per rule id (config overrides); defaults come from the rule's `params`. */
  params?: Record<string, Record<string, unknown>>;
  /** Severity overrides per rule id. */
  severities?: Record<string, Severity>;
  /** Called before each rule runs (progress on a terminal). */
  onRule?: (rule: Rule, index: number, total: number) => void;
}

export interface RuleRunResult {
  findings: Finding[];
  /**
   * Rules that reported two different findings with one identity (same resource and key): each later one got the
   * occurrence number in its fingerprint. A rule should give such findings their own `key`; the suite checks none do.
   */
  collisions: string[];
  notEvaluated: NotEvaluated[];
  /** A rule that threw: an internal error, reported, never silently dropped. */
  failures: LoadIssue[];
  /** The ids of the rules that threw, in run order (one entry of `failures` each). */
  failedRuleIds: string[];
}

/**
 * Stable identity of a finding across runs (baselines, SARIF `partialFingerprints`): the first 24 hex digits of the
 * SHA-256 of rule id, file, resource kind, namespace and name, and the rule's key (a container, a field path, a
 * direction), separated by NUL. Not the line (edits above a finding keep it), not the message (a tag bump from
 * `nginx:1.25` to `nginx:1.26` keeps it), not the order of the arguments. The same resource declared in two files
 * (an app's all-in-one manifest and its kustomize base) gives two findings.
 */
export function fingerprintOf(
  ruleId: string,
  file: string,
  resource: { kind: string; namespace?: string; name: string },
  key: string,
): string {
  // One-shot hashing: twice as fast as createHash() for the ~100k findings of a large scan. The text is the parts
  // joined by NUL, written as one template (no array to join per finding).
  const hex = hash(
    'sha256',
    `${ruleId}\u0000${file}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}\u0000${key}`,
  );
  // `hex.slice(0, 24)` would be a V8 sliced string keeping the whole 64-digit hex alive as long as the finding
  // (112 bytes). Two halves under V8's 13-character slice minimum are copies; joined and read once they become one
  // flat 24-character string and the scavenger drops the join (40 bytes).
  const fingerprint = hex.slice(0, 12) + hex.slice(12, 24);
  fingerprint.charCodeAt(0);
  return fingerprint;
}

/**
 * The resource of a finding on a live object: a live object has no file, so the finding keeps no location and names
 * the object's API path (or Azure resource id) in its resource instead (DESIGN §5).
 */
// Object.assign, not a spread followed by a property: in Node 20 (V8 11.3) the latter makes a new hidden class in
// old space per call (~190 bytes per finding of a live scan).
export function liveResource(resource: ResourceRef, live: LiveOrigin): ResourceRef {
  if (live.api === 'azure') return resource.id ? resource : Object.assign({}, resource, { id: live.path });
  return Object.assign({}, resource, { apiPath: live.path });
}

const NO_PATH: readonly PathSegment[] = [];

/** A rule's parameters: its defaults, then the configuration's values. */
export function paramsOf(
  rule: Rule,
  configured: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(rule.params ?? {})) params[name] = param.default;
  return Object.assign(params, configured);
}

/**
 * Records a message a rule reports under one identity (its messages there: one string, or a list when it gives one
 * identity several). 0 when it reported this very message there before (one finding), else the message's occurrence
 * number under the identity (1 for the first).
 */
export function recordMessage(
  reported: Map<string, string | string[]>,
  identity: string,
  message: string,
): number {
  const earlier = reported.get(identity);
  if (earlier === undefined) {
    reported.set(identity, message);
    return 1;
  }
  if (typeof earlier === 'string') {
    if (earlier === message) return 0;
    reported.set(identity, [earlier, message]);
    return 2;
  }
  if (earlier.includes(message)) return 0;
  earlier.push(message);
  return earlier.length;
}

/** A rule's not-evaluated entry: a live object named by its API path (or Azure id), a file's by its location. */
export function notEvaluatedEntry(ruleId: string, input: NotEvaluatedInput): NotEvaluated {
  const entry: NotEvaluated = { ruleId, reason: input.reason };
  const ref = input.resource ?? (input.object ? refOf(input.object) : undefined);
  const location = input.location ?? input.object?.location;
  const live = location?.live;
  if (ref) entry.resource = live ? liveResource(ref, live) : ref;
  if (location && !live) entry.location = location;
  return entry;
}

/** Why a rule cannot be judged: an input it reads was not (fully) read; undefined when every input was. */
export function unreadInputsOf(rule: Rule, unreadable: readonly UnreadableInput[]): string | undefined {
  if (unreadable.length === 0) return undefined;
  const wanted = new Set(inputKeys(rule.inputs));
  const reasons: string[] = [];
  for (const entry of unreadable) {
    const key = inputOfUnreadable(entry);
    if (key === undefined || !wanted.has(key)) continue;
    const what = entry.group ? `${entry.kind} (${entry.group})` : entry.kind;
    const where = entry.namespace ? ` in namespace ${entry.namespace}` : '';
    reasons.push(`${what}${where} could not be read from ${entry.source}: ${entry.reason}`);
  }
  return reasons.length > 0 ? [...new Set(reasons)].join('; ') : undefined;
}

/** The fix of a rule's findings that give none of their own: its manifest, az and Terraform fixes. */
export function defaultFix(rule: Rule): string | undefined {
  if (!rule.fix) return undefined;
  const parts: string[] = [];
  if (rule.fix.manifest) parts.push(rule.fix.manifest);
  if (rule.fix.az) parts.push(`az: ${rule.fix.az}`);
  if (rule.fix.terraform) parts.push(`terraform: ${rule.fix.terraform}`);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** The run's findings so far, and what they share: one per runRules call. */
class FindingsSink {
  readonly findings: Finding[] = [];
  readonly collisions: string[] = [];
  /**
   * The resource of the findings on each object, made once and shared by all of them (findings are never mutated):
   * one object per finding was most of what a large scan kept alive.
   */
  private readonly resources = new Map<K8sObject, ResourceRef>();
  // A rule reports the findings of one object one after the other: the last object's is kept at hand.
  private lastObject: K8sObject | undefined = undefined;
  private lastRef: ResourceRef | undefined = undefined;

  /**
   * Formatted paths, each kept once: findings on the same field of different objects share one string (the same
   * container field of 100k workloads is one string, not 100k; ~60 bytes per finding less for the young-generation
   * collector to copy while the rules run). Bounded: past the bound a path is kept as it was made.
   */
  private readonly paths = new Map<string, string>();

  resourceOf(object: K8sObject): ResourceRef {
    if (object === this.lastObject) return this.lastRef!;
    let ref = this.resources.get(object);
    if (ref === undefined) {
      ref = refOf(object);
      this.resources.set(object, ref);
    }
    this.lastObject = object;
    this.lastRef = ref;
    return ref;
  }

  sharedPath(path: string): string {
    const shared = this.paths.get(path);
    if (shared !== undefined) return shared;
    if (this.paths.size < MAX_SHARED_PATHS) this.paths.set(path, path);
    return path;
  }
}

/** Distinct paths FindingsSink keeps to share (a large scan has a few hundred). */
const MAX_SHARED_PATHS = 1 << 16;

/** What the findings of one rule share. */
class RuleReporting {
  /**
   * The identities this rule reported, while none came twice: one Set insertion per finding (half the cost of a Map's
   * get and set) in the usual case of one message per identity.
   */
  private identities: Set<string> | undefined = new Set();
  /** Messages reported under each identity (recordMessage), from the first identity that came twice on. */
  private reported: Map<string, string | string[]> | undefined;
  constructor(
    readonly rule: Rule,
    readonly severityOverride: Severity | undefined,
    /** The fix of findings that give none (defaultFix). */
    readonly ruleFix: string | undefined,
    /** Where this rule's findings start in the sink. */
    private readonly firstFinding: number,
  ) {}

  /** recordMessage's answer for this rule's report of `message` under `identity`. */
  occurrenceOf(sink: FindingsSink, identity: string, message: string): number {
    let reported = this.reported;
    if (reported === undefined) {
      const identities = this.identities!;
      const size = identities.size;
      identities.add(identity);
      if (identities.size !== size) return 1;
      // An identity came twice: the messages so far are those of this rule's findings, each its identity's only one
      // (no collision yet, so each fingerprint is its identity), and recordMessage takes over.
      reported = new Map();
      const findings = sink.findings;
      for (let index = this.firstFinding; index < findings.length; index++)
        reported.set(findings[index]!.fingerprint, findings[index]!.message);
      this.reported = reported;
      this.identities = undefined;
    }
    return recordMessage(reported, identity, message);
  }
}

/**
 * One finding reported: located, fingerprinted, deduplicated and added to the sink. It takes the fields of the rule's
 * report input as arguments, read by report() itself: each rule reports object literals of its own shape, and when the
 * reads were here this function's optimised code (locate, fingerprint and message record inlined, a large compilation)
 * was thrown away and compiled again at each new shape until the reads went megamorphic: ~5 compilations of it per
 * 10k scan. Now only report()'s few reads are, a small compilation.
 */
function addFinding(
  sink: FindingsSink,
  reporting: RuleReporting,
  object: K8sObject | undefined,
  givenResource: ResourceRef | undefined,
  givenPath: readonly PathSegment[] | undefined,
  givenLocation: Location | undefined,
  message: string,
  givenSeverity: Severity | undefined,
  evidence: Record<string, unknown> | undefined,
  givenFix: string | undefined,
  givenKey: string | undefined,
): void {
  const rule = reporting.rule;
  const ref = givenResource ?? (object ? sink.resourceOf(object) : undefined);
  if (!ref) throw new Error(`rule ${rule.id} reported a finding without a resource`);
  let location = givenLocation ?? (object ? locateIn(object, givenPath ?? NO_PATH) : undefined);
  let resource = ref;
  const live = location?.live;
  if (live) {
    resource = liveResource(ref, live);
    location = undefined;
  }
  const path = givenPath && givenPath.length > 0 ? sink.sharedPath(formatPath(givenPath)) : undefined;
  const key = givenKey ?? path ?? '';
  let fingerprint = fingerprintOf(rule.id, location?.file ?? '', resource, key);
  // A rule reporting the very same thing (fingerprint and message) twice yields one finding.
  const occurrence = reporting.occurrenceOf(sink, fingerprint, message);
  if (occurrence === 0) return;
  if (occurrence > 1) {
    sink.collisions.push(rule.id);
    fingerprint = fingerprintOf(rule.id, location?.file ?? '', resource, `${key}\u0000#${occurrence}`);
  }
  const severity = reporting.severityOverride ?? givenSeverity ?? rule.severity;
  // A message built by concatenation is a tree of its pieces until read; reading one character makes it one
  // string now (it would be at output anyway), so the finding keeps ~200 bytes less alive until then.
  message.charCodeAt(0);
  let origin = object?.document.origin;
  if (origin && object) {
    // A chart's field driven by a value: the finding names the value to set.
    const value = object.document.valuePath?.([...object.basePath, ...(givenPath ?? [])]);
    if (value !== undefined && givenPath) origin = { ...origin, value };
  }
  const duplicates = object?.duplicates;
  const fix = givenFix ?? reporting.ruleFix;
  // The fields in this order (the report's), absent ones left out; the usual shape is one literal.
  const everyField = location && !origin && !duplicates && path && evidence && fix;
  const finding: Finding = everyField
    ? {
        ruleId: rule.id,
        severity,
        title: rule.title,
        message,
        resource,
        fingerprint,
        location,
        path,
        evidence,
        fix,
      }
    : { ruleId: rule.id, severity, title: rule.title, message, resource, fingerprint };
  if (!everyField) {
    if (location) finding.location = location;
    if (origin) finding.origin = origin;
    if (duplicates) finding.duplicates = duplicates;
    if (path) finding.path = path;
    if (evidence) finding.evidence = evidence;
    if (fix) finding.fix = fix;
  }
  sink.findings.push(finding);
}

/** Runs the rules over the inventory. Engines are shared between rules through `memo`. */
export function runRules(
  inventory: Inventory,
  rules: readonly Rule[],
  options: RuleRunOptions,
): RuleRunResult {
  const sink = new FindingsSink();
  const notEvaluated: NotEvaluated[] = [];
  const failures: LoadIssue[] = [];
  const failedRuleIds: string[] = [];
  const memo = new Map<string, unknown>();
  const unreadable = inventory.coverage.unreadable;
  for (const [index, rule] of rules.entries()) {
    options.onRule?.(rule, index, rules.length);
    // Nothing unread is ever a pass: a rule missing part of its inputs is not evaluated at all.
    const unread = unreadInputsOf(rule, unreadable);
    if (unread !== undefined) {
      notEvaluated.push({ ruleId: rule.id, reason: unread });
      continue;
    }
    const params = paramsOf(rule, options.params?.[rule.id]);
    const reporting = new RuleReporting(
      rule,
      options.severities?.[rule.id],
      defaultFix(rule),
      sink.findings.length,
    );
    const context: RuleContext = {
      inventory,
      settings: options.settings,
      params,
      memo<T>(key: string, compute: () => T): T {
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key) as T;
      },
      report(input: ReportInput) {
        addFinding(
          sink,
          reporting,
          input.object,
          input.resource,
          input.path,
          input.location,
          input.message,
          input.severity,
          input.evidence,
          input.fix,
          input.key,
        );
      },
      notEvaluated(input) {
        notEvaluated.push(notEvaluatedEntry(rule.id, input));
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      failedRuleIds.push(rule.id);
      failures.push({
        level: 'error',
        file: '<internal>',
        message: `rule ${rule.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      });
    }
  }
  return { findings: sink.findings, notEvaluated, failures, failedRuleIds, collisions: sink.collisions };
}
