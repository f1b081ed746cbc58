/**
 * Judging one object at admission with the same rules as a scan (DESIGN §9 serve/): the object under admission
 * becomes a one-object inventory (plus its Namespace, from the watched cache, for the Pod Security level), only the
 * rules that read its kind run, the configuration's waivers apply, and each finding's mode (audit, warn, enforce)
 * decides the answer.
 */
import type { AksguardConfig } from '../config/config.js';
import { applyWaivers } from '../config/waivers.js';
import { liveDocument } from '../load/document.js';
import { buildInventory } from '../load/inventory.js';
import { objectsOfDocument } from '../load/k8s/objects.js';
import { boundedMemo } from '../model/boundedMemo.js';
import { emptyCoverage } from '../model/coverage.js';
import type { Finding, NotEvaluated } from '../model/finding.js';
import { isKubernetesKind, KUBERNETES_KINDS, type KubernetesKind } from '../model/inputs.js';
import type { K8sObject } from '../model/k8s.js';
import type { Severity } from '../model/severity.js';
import type { Rule, ScanSettings } from '../rules/defineRule.js';
import { runRules } from '../rules/runRules.js';
import { type Mode, type ModePolicy, modeOf } from './modes.js';
import type { AdmissionRequest, AdmissionResponse } from './review.js';
import {
  type AdmissionFinding,
  AdmissionRuleRun,
  type PreparedRule,
  prepareRule,
  RULE_FAILED,
} from './ruleRun.js';

/**
 * Rules that cannot judge an object by itself at admission, and why. Every other workload rule reads only the object
 * (and its namespace's labels).
 */
export const NOT_AT_ADMISSION: ReadonlyMap<string, string> = new Map([
  [
    'WL-SEC-automountToken',
    "depends on the ServiceAccount's automountServiceAccountToken, another object than the one admitted",
  ],
  [
    'WL-SEC-committedSecret',
    'is about Secret manifests committed to a repository; at admission every Secret holds its values (and the webhook is not sent Secrets)',
  ],
]);

/** The rules the webhook runs: the workload family (Pod Security, images, exposure, secrets ...), minus the above. */
export function admissionRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) => rule.family === 'workload' && !NOT_AT_ADMISSION.has(rule.id));
}

/** Kinds an admission rule reads: what the webhook configuration sends (Secrets never). */
export function admittedKinds(rules: readonly Rule[]): KubernetesKind[] {
  const kinds = new Set<KubernetesKind>();
  for (const rule of admissionRules(rules))
    for (const kind of rule.inputs.kubernetes ?? []) if (kind !== 'Secret') kinds.add(kind);
  return [...kinds];
}

export interface NamespaceLabels {
  /** The labels of a namespace; undefined when the cache does not know it (not synced, or just created). */
  labels(namespace: string): Record<string, string> | undefined;
}

export interface EngineOptions {
  rules: readonly Rule[];
  config: AksguardConfig;
  settings: ScanSettings;
  modes: ModePolicy;
  namespaces: NamespaceLabels;
  /** `YYYY-MM-DD` for waiver expiry; default today (UTC), read per review. */
  today?: () => string;
  /**
   * How the rules run: `lean` (the default, src/serve/ruleRun.ts) or `full`, `runRules` with the scan's finding
   * records and fingerprints — the reference the lean run is tested against (test/serve/leanRun.test.ts).
   */
  ruleRun?: 'lean' | 'full';
}

export interface Decision {
  response: Omit<AdmissionResponse, 'uid'>;
  /** `response.warnings` as the answer writes them (WarningLines.json), when there are warnings. */
  warningsJson?: string | undefined;
  /** Findings after waivers, each with its mode (for metrics and logs). */
  findings: { finding: AdmissionFinding; mode: Mode }[];
  notEvaluated: NotEvaluated[];
}

/** Warnings are sent as HTTP headers: each at most 256 characters, all at most 4 KiB (the API server truncates). */
export const WARNING_MAX = 256;
export const WARNINGS_TOTAL_MAX = 4096;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_TEST = /[\u0000-\u001f\u007f-\u009f]/;

const HIGH_SURROGATE = /[\ud800-\udbff]/;

/** `…` (U+2026) in UTF-8. */
const ELLIPSIS_BYTES = 3;

/** At most `max` characters (code points), control characters as spaces. */
function clip(text: string, max: number): string {
  return clipClean(withoutControls(text), max);
}

/** Control characters as spaces. */
function withoutControls(text: string): string {
  return CONTROL_TEST.test(text) ? text.replace(CONTROL, ' ') : text;
}

/** At most `max` characters (code points) of text whose control characters were made spaces already. */
function clipClean(clean: string, max: number): string {
  // UTF-16 units are never fewer than code points: short text needs no counting.
  if (clean.length <= max) return clean;
  // Without a high surrogate in the first `max` units, those are `max` code points and more follow.
  if (!HIGH_SURROGATE.test(clean.slice(0, max))) return `${clean.slice(0, max - 1)}…`;
  // Counted up to the limit only (a denial lists every finding: spreading it whole cost a tenth of a review).
  let index = 0;
  let cut = 0;
  for (let count = 0; index < clean.length; count++) {
    if (count === max - 1) cut = index;
    if (count === max) return `${clean.slice(0, cut)}…`;
    index += isSurrogatePair(clean, index) ? 2 : 1;
  }
  return clean;
}

/** A high surrogate followed by a low one: one code point in two UTF-16 units (as string iteration counts). */
function isSurrogatePair(text: string, index: number): boolean {
  const high = text.charCodeAt(index);
  if (high < 0xd800 || high > 0xdbff || index + 1 >= text.length) return false;
  const low = text.charCodeAt(index + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The warnings, and the same lines as the JSON array the answer carries. */
export interface WarningLines {
  lines: string[];
  /**
   * `lines` as a JSON array, a clipped line's "…" written as the escape `\u2026`: a line of printable ASCII stays a
   * one-byte string (one "…" would make the line, and the whole answer written from it, a two-byte string that is
   * twice the size and encoded to UTF-8 character by character). JSON-equal to `JSON.stringify(lines)`.
   */
  json: string;
}

/** `"…"` as a JSON string's escape (RFC 8259 §7): the same character to any JSON reader, in ASCII. */
const ELLIPSIS_ESCAPE = '\\u2026';

/** What printable ASCII (U+0020..U+007E) is not. */
const NOT_PRINTABLE_ASCII = /[^\u0020-\u007e]/;

/** What printable ASCII (U+0020..U+007E) is not, and the two characters of it that JSON escapes: `"` and `\\`. */
const NOT_PLAIN_JSON = /[^\u0020\u0021\u0023-\u005b\u005d-\u007e]/g;

/**
 * The first `keep` UTF-16 units of `text` as they read inside a JSON string (as JSON.stringify writes them, less the
 * quotes), when the whole of `text` is printable ASCII (no control character, one UTF-8 byte per unit); undefined
 * otherwise. The whole text is tested, even past `keep`: a line with any other character is written by
 * JSON.stringify. Of printable ASCII, JSON escapes only the quote and the backslash (RFC 8259 §7), written by joining
 * slices of `text` (views into it, not copies) with a backslash before each. One test of one regular expression, then
 * the quotes found by indexOf (a warning names its container in quotes; a backslash is rare): a quarter faster than
 * a regular expression's `test` from each quote to the next (which a charCodeAt loop took twice as long as).
 */
function printableAsciiInJson(text: string, keep: number): string | undefined {
  if (NOT_PRINTABLE_ASCII.test(text)) return undefined;
  if (text.includes('\\')) return escapedPrintableAscii(text, keep);
  let quote = text.indexOf('"');
  if (quote === -1 || quote >= keep) return keep >= text.length ? text : text.slice(0, keep);
  let escaped = '';
  let from = 0;
  while (quote !== -1 && quote < keep) {
    // The backslash written before it; the quote itself starts the next slice.
    escaped += `${text.slice(from, quote)}\\`;
    from = quote;
    quote = text.indexOf('"', quote + 1);
  }
  return escaped + text.slice(from, keep);
}

/**
 * printableAsciiInJson of a text with a backslash: one pass of one regular expression (`test` moves its lastIndex
 * and makes no match object) finds the quotes and backslashes in order.
 */
function escapedPrintableAscii(text: string, keep: number): string | undefined {
  let escaped = '';
  let from = 0;
  NOT_PLAIN_JSON.lastIndex = 0;
  while (NOT_PLAIN_JSON.test(text)) {
    const index = NOT_PLAIN_JSON.lastIndex - 1;
    const code = text.charCodeAt(index);
    if (code !== 0x22 && code !== 0x5c) {
      NOT_PLAIN_JSON.lastIndex = 0;
      return undefined;
    }
    // The backslash written before it; the character itself starts the next slice.
    if (index < keep) {
      escaped += `${text.slice(from, index)}\\`;
      from = index;
    }
  }
  if (escaped === '') return keep >= text.length ? text : text.slice(0, keep);
  return escaped + text.slice(from, keep);
}

/**
 * How a warning line of this rule starts in JSON (`"` then the rule id and `: `) when the rule id is printable ASCII
 * and leaves room for the message; undefined otherwise. Kept per rule id: a review warns with the same few rules.
 */
const idElementStart = boundedMemo((ruleId): string | undefined => {
  const inJson = ruleId.length + 2 < WARNING_MAX ? printableAsciiInJson(ruleId, ruleId.length) : undefined;
  return inJson === undefined ? undefined : `"${inJson}: `;
});

/**
 * One line per finding, rule id first, within the API server's limits (what does not fit is counted), and the same
 * lines as the JSON array the answer carries.
 */
export function warningLines(findings: readonly Pick<Finding, 'ruleId' | 'message'>[]): WarningLines {
  const lines: string[] = [];
  let json = '[';
  let total = 0;
  for (let index = 0; index < findings.length; index++) {
    const { ruleId, message } = findings[index]!;
    let line: string;
    let element: string;
    let size: number;
    // The usual line, printable ASCII, needs no cleaning nor counting of code points, and the ellipsis that ends a
    // clipped one is 3 bytes: one pass, as clip() and bytes() would make it. Its two parts are tested and escaped
    // apart, so that the line is never copied whole (reading the joined string would flatten it first).
    const head = ruleId.length + 2;
    const whole = head + message.length <= WARNING_MAX;
    // What is kept of the message: all of it, or as much as fits before the ellipsis.
    const keep = whole ? message.length : WARNING_MAX - 1 - head;
    const idInJson = idElementStart(ruleId);
    const messageInJson = idInJson === undefined ? undefined : printableAsciiInJson(message, keep);
    if (messageInJson !== undefined) {
      if (whole) {
        line = `${ruleId}: ${message}`;
        element = `${idInJson}${messageInJson}"`;
        size = head + message.length;
      } else {
        line = `${ruleId}: ${message.slice(0, keep)}…`;
        element = `${idInJson}${messageInJson}${ELLIPSIS_ESCAPE}"`;
        size = WARNING_MAX - 1 + ELLIPSIS_BYTES;
      }
    } else {
      line = clip(`${ruleId}: ${message}`, WARNING_MAX);
      element = JSON.stringify(line);
      size = bytes(line);
    }
    const rest = findings.length - index - 1;
    // Room is kept for the line that counts what is left out.
    const reserve = rest > 0 ? 80 : 0;
    if (total + size + reserve > WARNINGS_TOTAL_MAX) {
      line = `aksguard: ${findings.length - index} more finding(s) not shown (see the audit log or metrics)`;
      lines.push(line);
      json += `${index > 0 ? ',' : ''}${JSON.stringify(line)}`;
      break;
    }
    lines.push(line);
    json += `${index > 0 ? ',' : ''}${element}`;
    total += size;
  }
  return { lines, json: `${json}]` };
}

function denialMessage(object: string, findings: readonly AdmissionFinding[]): string {
  // Control characters are made spaces part by part (the same text as cleaning the whole, character for character),
  // so that the joined text is never read whole here: reading it would copy it flat once more than the answer does.
  let text = `aksguard denied ${withoutControls(object)}: `;
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index]!;
    // The fix's first line.
    const fix = finding.fix ? ` Fix: ${withoutControls(firstLine(finding.fix))}` : '';
    text += `${index > 0 ? ' | ' : ''}${withoutControls(finding.ruleId)}: ${withoutControls(finding.message)}.${fix}`;
  }
  // The message is written into the API server's response and events: bounded.
  return clipClean(text, 4096);
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

/** An empty inventory-less allow, for what the webhook does not judge. */
const ALLOW: Decision = { response: { allowed: true }, findings: [], notEvaluated: [] };

/** The rules that judge one kind, settled at start-up. */
interface KindRules {
  prepared: PreparedRule[];
  /** Without the rules that read the namespace's labels, for a namespace the cache does not know yet. */
  withoutNamespace: { prepared: PreparedRule[]; notEvaluated: string[] } | undefined;
}

export class AdmissionEngine {
  private readonly byKind = new Map<string, KindRules>();
  private readonly params: Record<string, Record<string, unknown>> = {};
  private readonly severities: Record<string, Severity> = {};
  private readonly lean: boolean;
  /** The lean rule run, reused by every review. */
  private readonly leanRun: AdmissionRuleRun;
  /** The Namespace objects made for the reviews, by name, with the labels they were made of. */
  private readonly namespaceObjects = new Map<
    string,
    { keys: string[]; values: string[]; object: K8sObject }
  >();
  readonly rules: Rule[];

  constructor(private readonly options: EngineOptions) {
    this.lean = (options.ruleRun ?? 'lean') === 'lean';
    this.leanRun = new AdmissionRuleRun(options.settings);
    this.rules = admissionRules(options.rules).filter(
      (rule) => options.config.rules[rule.id]?.enabled !== false,
    );
    for (const [id, ruleConfig] of Object.entries(options.config.rules)) {
      if (ruleConfig.params) this.params[id] = ruleConfig.params;
      if (ruleConfig.severity) this.severities[id] = ruleConfig.severity;
    }
    const prepared = new Map(
      this.rules.map((rule) => [
        rule,
        prepareRule(rule, { params: this.params, severities: this.severities }),
      ]),
    );
    const byKind = new Map<string, Rule[]>();
    for (const rule of this.rules)
      for (const kind of rule.inputs.kubernetes ?? []) {
        const list = byKind.get(kind) ?? [];
        list.push(rule);
        byKind.set(kind, list);
      }
    for (const [kind, rules] of byKind) {
      const others = rules.filter((rule) => !readsNamespace(rule));
      this.byKind.set(kind, {
        prepared: rules.map((rule) => prepared.get(rule)!),
        withoutNamespace:
          others.length === rules.length
            ? undefined
            : {
                prepared: others.map((rule) => prepared.get(rule)!),
                notEvaluated: rules.filter(readsNamespace).map((rule) => rule.id),
              },
      });
    }
  }

  review(request: AdmissionRequest): Decision {
    // Deletions and connections change no workload: nothing to judge.
    if (request.operation === 'DELETE' || request.operation === 'CONNECT' || !request.object) return ALLOW;
    const kindName = request.kind.kind;
    if (!isKubernetesKind(kindName) || KUBERNETES_KINDS[kindName].group !== request.kind.group) return ALLOW;
    const applicable = this.byKind.get(kindName);
    if (applicable === undefined) return ALLOW;
    const namespaced = KUBERNETES_KINDS[kindName].namespaced;
    // The request's namespace is the object's, whatever its metadata says (it may be empty on create).
    const namespace = namespaced ? (request.namespace ?? this.options.settings.defaultNamespace) : undefined;
    const raw: Record<string, unknown> = {
      ...request.object,
      apiVersion: request.object.apiVersion ?? apiVersionOf(request),
      kind: kindName,
    };
    const metadata = isRecord(raw.metadata) ? { ...raw.metadata } : {};
    if (namespace !== undefined) metadata.namespace = namespace;
    // generateName objects have no name yet: the request's, else the prefix.
    if (typeof metadata.name !== 'string' || metadata.name === '')
      metadata.name =
        request.name ?? (typeof metadata.generateName === 'string' ? metadata.generateName : '');
    raw.metadata = metadata;
    const path = apiPath(request, namespace, String(metadata.name));
    const { objects } = objectsOfDocument(
      liveDocument({ source: 'admission', api: 'kubernetes', path }, raw),
      namespace ?? 'default',
    );
    const object = objects[0];
    if (!object) return ALLOW;
    const all: K8sObject[] = [object];
    let prepared = applicable.prepared;
    const notEvaluated: NotEvaluated[] = [];
    if (namespace !== undefined && applicable.withoutNamespace) {
      const labels = this.options.namespaces.labels(namespace);
      if (labels === undefined) {
        // Without the namespace's labels its Pod Security level is unknown: those rules are not evaluated.
        ({ prepared } = applicable.withoutNamespace);
        for (const ruleId of applicable.withoutNamespace.notEvaluated)
          notEvaluated.push({
            ruleId,
            reason: `the labels of namespace ${namespace} are not known yet (the namespace cache has not seen it)`,
          });
      } else {
        all.push(this.namespaceObject(namespace, labels));
      }
    }
    const inventory = buildInventory(all, [], [], [], emptyCoverage());
    const run = this.lean
      ? this.leanRun.run(inventory, prepared)
      : runRules(
          inventory,
          prepared.map(({ rule }) => rule),
          {
            settings: this.options.settings,
            params: this.params,
            severities: this.severities,
          },
        );
    // Only what is about the admitted object (never about its Namespace).
    const own = run.findings.filter(
      (finding) =>
        finding.resource.kind === object.kind &&
        finding.resource.name === object.metadata.name &&
        finding.resource.namespace === object.namespace,
    );
    // Today matters only to the configuration's waivers (their expiry).
    const today =
      this.options.config.waivers.length === 0
        ? ''
        : (this.options.today?.() ?? new Date().toISOString().slice(0, 10));
    const waived = applyWaivers(own, inventory, this.options.config, today);
    const findings = waived.findings.map((finding) => ({
      finding,
      mode: modeOf(this.options.modes, finding.ruleId, finding.severity),
    }));
    for (const entry of run.notEvaluated) notEvaluated.push(entry);
    // A rule that threw keeps what it reported; the rest of its verdict is unknown, never a pass.
    for (const ruleId of run.failedRuleIds) notEvaluated.push({ ruleId, reason: RULE_FAILED });
    return this.answer(object, findings, notEvaluated, waived.waived.length);
  }

  /**
   * The Namespace object of a namespace with these labels: made once and kept while its labels stay the same (the
   * cache's labels are compared key by key and in order, so a label changed in place is seen too). Shared by the
   * reviews' inventories, which only read it.
   */
  private namespaceObject(namespace: string, labels: Record<string, string>): K8sObject {
    const known = this.namespaceObjects.get(namespace);
    if (known !== undefined && sameLabels(known.keys, known.values, labels)) return known.object;
    const keys: string[] = [];
    const values: string[] = [];
    const copy: Record<string, string> = {};
    for (const key in labels)
      if (Object.hasOwn(labels, key)) {
        keys.push(key);
        values.push(labels[key]!);
        copy[key] = labels[key]!;
      }
    const { objects } = objectsOfDocument(
      liveDocument(
        { source: 'admission', api: 'kubernetes', path: `/api/v1/namespaces/${namespace}` },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: copy } },
      ),
      'default',
    );
    // A Namespace document is always one object.
    const object = objects[0]!;
    // Bounded: a cluster's namespaces, at most NAMESPACE_OBJECTS of them kept.
    if (this.namespaceObjects.size >= NAMESPACE_OBJECTS) this.namespaceObjects.clear();
    this.namespaceObjects.set(namespace, { keys, values, object });
    return object;
  }

  /** The decision: its response (and the warnings' JSON) from the findings and what was not evaluated. */
  private answer(
    object: K8sObject,
    findings: Decision['findings'],
    notEvaluated: NotEvaluated[],
    waived: number,
  ): Decision {
    let warningsJson: string | undefined;
    const enforce: AdmissionFinding[] = [];
    const warn: AdmissionFinding[] = [];
    for (const { finding, mode } of findings)
      if (mode === 'enforce') enforce.push(finding);
      else if (mode === 'warn') warn.push(finding);
    const response: Omit<AdmissionResponse, 'uid'> = { allowed: enforce.length === 0 };
    const who = `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.metadata.name}`;
    if (enforce.length > 0)
      response.status = { code: 403, reason: 'Forbidden', message: denialMessage(who, enforce) };
    if (warn.length > 0) {
      const warnings = warningLines(warn);
      response.warnings = warnings.lines;
      warningsJson = warnings.json;
    }
    // Recorded in the API server's audit log (prefixed with the webhook's name): every finding, whatever its mode.
    const annotations: Record<string, string> = {};
    // Rule ids are of the form defineRule checks (letters, digits, `-`, `_`) and modes are words: no control
    // character to clean, only the length to bound.
    if (findings.length > 0)
      annotations.findings = clipClean(findings.map((f) => `${f.finding.ruleId}=${f.mode}`).join(','), 4096);
    if (waived > 0) annotations.waived = String(waived);
    if (notEvaluated.length > 0)
      annotations['not-evaluated'] = clipClean(
        [...new Set(notEvaluated.map((n) => n.ruleId))].join(','),
        4096,
      );
    if (findings.length > 0 || waived > 0 || notEvaluated.length > 0) response.auditAnnotations = annotations;
    return { response, warningsJson, findings, notEvaluated };
  }
}

/** How many Namespace objects an engine keeps (past it, they are made again). */
const NAMESPACE_OBJECTS = 4096;

/** Whether `labels` has these keys with these values, in this order (and no other). */
function sameLabels(
  keys: readonly string[],
  values: readonly string[],
  labels: Record<string, string>,
): boolean {
  let index = 0;
  for (const key in labels) {
    if (!Object.hasOwn(labels, key)) continue;
    if (index >= keys.length || keys[index] !== key || values[index] !== labels[key]) return false;
    index++;
  }
  return index === keys.length;
}

function readsNamespace(rule: Rule): boolean {
  return rule.inputs.kubernetes?.includes('Namespace') ?? false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function apiVersionOf(request: AdmissionRequest): string {
  return request.kind.group === '' ? request.kind.version : `${request.kind.group}/${request.kind.version}`;
}

function apiPath(request: AdmissionRequest, namespace: string | undefined, name: string): string {
  const info = KUBERNETES_KINDS[request.kind.kind as KubernetesKind];
  const base = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  return `${base}${namespace !== undefined ? `/namespaces/${namespace}` : ''}/${info.resource}/${name}`;
}
