import { hash } from 'node:crypto';
import type { UnreadableInput } from '../model/coverage.js';
import type { Finding, NotEvaluated, ResourceRef } from '../model/finding.js';
import { inputKeys, inputOfUnreadable } from '../model/inputs.js';
import type { Inventory, LoadIssue } from '../model/inventory.js';
import { locateIn, refOf } from '../model/k8s.js';
import type { Severity } from '../model/severity.js';
import { formatPath, type Location } from '../model/source.js';
import type { ReportInput, Rule, RuleContext, ScanSettings } from './defineRule.js';

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
  // One-shot hashing: twice as fast as createHash() for the ~100k findings of a large scan.
  return hash(
    'sha256',
    [ruleId, file, resource.kind, resource.namespace ?? '', resource.name, key].join('\u0000'),
  ).slice(0, 24);
}

/**
 * A live object has no file: the finding keeps no location and names the object's API path (or Azure resource id)
 * in its resource instead (DESIGN §5).
 */
function placed(
  resource: ResourceRef,
  location: Location | undefined,
): { resource: ResourceRef; location?: Location } {
  const live = location?.live;
  if (!live) return location ? { resource, location } : { resource };
  if (live.api === 'azure') return { resource: resource.id ? resource : { ...resource, id: live.path } };
  return { resource: { ...resource, apiPath: live.path } };
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

function defaultFix(rule: Rule): string | undefined {
  if (!rule.fix) return undefined;
  const parts: string[] = [];
  if (rule.fix.manifest) parts.push(rule.fix.manifest);
  if (rule.fix.az) parts.push(`az: ${rule.fix.az}`);
  if (rule.fix.terraform) parts.push(`terraform: ${rule.fix.terraform}`);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** Runs the rules over the inventory. Engines are shared between rules through `memo`. */
export function runRules(
  inventory: Inventory,
  rules: readonly Rule[],
  options: RuleRunOptions,
): RuleRunResult {
  const findings: Finding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const failures: LoadIssue[] = [];
  const collisions: string[] = [];
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
    const params: Record<string, unknown> = {};
    for (const [name, param] of Object.entries(rule.params ?? {})) params[name] = param.default;
    Object.assign(params, options.params?.[rule.id]);
    const severityOverride = options.severities?.[rule.id];
    const ruleFix = defaultFix(rule);
    // Messages reported under each fingerprint (one string, or a list when a rule gives one identity several).
    const reported = new Map<string, string | string[]>();
    const context: RuleContext = {
      inventory,
      settings: options.settings,
      params,
      memo<T>(key: string, compute: () => T): T {
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key) as T;
      },
      report(input: ReportInput) {
        const ref = input.resource ?? (input.object ? refOf(input.object) : undefined);
        if (!ref) throw new Error(`rule ${rule.id} reported a finding without a resource`);
        const { resource, location } = placed(
          ref,
          input.location ?? (input.object ? locateIn(input.object, input.path ?? []) : undefined),
        );
        const path = input.path && input.path.length > 0 ? formatPath(input.path) : undefined;
        const key = input.key ?? path ?? '';
        let fingerprint = fingerprintOf(rule.id, location?.file ?? '', resource, key);
        // A rule reporting the very same thing (fingerprint and message) twice yields one finding.
        const earlier = reported.get(fingerprint);
        let occurrence = 1;
        if (earlier === undefined) reported.set(fingerprint, input.message);
        else if (typeof earlier === 'string') {
          if (earlier === input.message) return;
          reported.set(fingerprint, [earlier, input.message]);
          occurrence = 2;
        } else {
          if (earlier.includes(input.message)) return;
          earlier.push(input.message);
          occurrence = earlier.length;
        }
        if (occurrence > 1) {
          collisions.push(rule.id);
          fingerprint = fingerprintOf(rule.id, location?.file ?? '', resource, `${key}\u0000#${occurrence}`);
        }
        const finding: Finding = {
          ruleId: rule.id,
          severity: severityOverride ?? input.severity ?? rule.severity,
          title: rule.title,
          message: input.message,
          resource,
          fingerprint,
        };
        if (location) finding.location = location;
        const origin = input.object?.document.origin;
        if (origin) {
          // A chart's field driven by a value: the finding names the value to set.
          const value = input.object?.document.valuePath?.([...input.object.basePath, ...(input.path ?? [])]);
          finding.origin = value !== undefined && input.path ? { ...origin, value } : origin;
        }
        if (input.object?.duplicates) finding.duplicates = input.object.duplicates;
        if (path) finding.path = path;
        if (input.evidence) finding.evidence = input.evidence;
        const fix = input.fix ?? ruleFix;
        if (fix) finding.fix = fix;
        findings.push(finding);
      },
      notEvaluated(input) {
        const entry: NotEvaluated = { ruleId: rule.id, reason: input.reason };
        const ref = input.resource ?? (input.object ? refOf(input.object) : undefined);
        const location = input.location ?? input.object?.location;
        if (ref) {
          const where = placed(ref, location);
          entry.resource = where.resource;
          if (where.location) entry.location = where.location;
        } else if (location && !location.live) entry.location = location;
        notEvaluated.push(entry);
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      failures.push({
        level: 'error',
        file: '<internal>',
        message: `rule ${rule.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      });
    }
  }
  return { findings, notEvaluated, failures, collisions };
}
