import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/k8s.js';
import type { WaivedFinding, WaiverAudit, WaiverUse } from '../report/report.js';
import {
  type AksguardConfig,
  type ResourceSelector,
  type WaiverConfig,
  waiverRuleMatches,
} from './config.js';

export const IGNORE_ANNOTATION = 'aksguard.io/ignore';

export interface AnnotationWaiver {
  rule: string;
  reason: string;
}

/**
 * Parses `aksguard.io/ignore: "WL-NET-nodePort: exposed for the on-prem gateway; WL-SEC-secretAsEnv: vendor image"`.
 * Entries are separated by `;` or new lines; each is `RULE-ID: reason`. `*` waives every rule. A missing reason is invalid.
 */
export function parseIgnoreAnnotation(value: string): { waivers: AnnotationWaiver[]; problems: string[] } {
  const waivers: AnnotationWaiver[] = [];
  const problems: string[] = [];
  for (const entry of value.split(/[;\n]/)) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const match = /^([A-Za-z0-9_*-]+)\s*:\s*(.*)$/.exec(trimmed);
    if (!match || match[2]!.trim() === '') {
      problems.push(`"${trimmed}" is not "<RULE-ID>: <reason>"`);
      continue;
    }
    waivers.push({ rule: match[1]!, reason: match[2]!.trim() });
  }
  return { waivers, problems };
}

/** `*` any run, `?` one character; a missing value matches only `*`. */
function globMatcher(pattern: string | undefined): (value: string | undefined) => boolean {
  if (pattern === undefined) return () => true;
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return (value) => (value === undefined ? pattern === '*' : regex.test(value));
}

/** Compiles a resource selector once, so matching a finding costs no regex construction. */
function selectorMatcher(selector: ResourceSelector | undefined): (finding: WaivableFinding) => boolean {
  if (!selector) return () => true;
  const kind = globMatcher(selector.kind);
  const namespace = globMatcher(selector.namespace);
  const name = globMatcher(selector.name);
  return (finding) =>
    kind(finding.resource.kind) && namespace(finding.resource.namespace) && name(finding.resource.name);
}

const ruleMatches = waiverRuleMatches;

function describeSelector(selector: ResourceSelector | undefined): string | undefined {
  if (!selector) return undefined;
  return [selector.kind ?? '*', selector.namespace ? `${selector.namespace}/` : '', selector.name ?? '*']
    .join(' ')
    .replace(' /', ' ');
}

/** What a waiver matches a finding on: its rule and resource (the webhook's lean findings have no more). */
export type WaivableFinding = Pick<Finding, 'ruleId' | 'resource'>;

export interface WaiverResult<F extends WaivableFinding = Finding> {
  findings: F[];
  waived: (F & Pick<WaivedFinding, 'waiver'>)[];
  audit: WaiverAudit;
}

/** Key of the object a finding is about, to find its annotations. */
function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/**
 * Applies config waivers and annotation waivers; never re-evaluates rules. Annotation waivers are read from the
 * object and, for workloads, from its pod template, and are ignored (and reported) when the configuration forbids them.
 */
export function applyWaivers<F extends WaivableFinding = Finding>(
  findings: F[],
  inventory: Inventory,
  config: AksguardConfig,
  today: string,
): WaiverResult<F> {
  const audit: WaiverAudit = { unused: [], expired: [], invalid: [], annotations: [] };
  const active: {
    waiver: WaiverConfig;
    matches: (finding: WaivableFinding) => boolean;
    use: WaiverUse;
    used: boolean;
  }[] = [];
  for (const waiver of config.waivers) {
    const use: WaiverUse = { rule: waiver.rule, reason: waiver.reason, source: 'config' };
    if (waiver.expires) use.expires = waiver.expires;
    const resource = describeSelector(waiver.resource);
    if (resource) use.resource = resource;
    if (config.file && waiver.line) use.location = { file: config.file, line: waiver.line, column: 1 };
    if (waiver.expires && waiver.expires < today) audit.expired.push(use);
    else active.push({ waiver, matches: selectorMatcher(waiver.resource), use, used: false });
  }

  const annotationWaivers = new Map<string, { waivers: AnnotationWaiver[]; object: K8sObject }>();
  const templates = new Map(inventory.podTemplates.map((template) => [template.owner, template]));
  for (const object of inventory.objects) {
    const template = templates.get(object);
    const fromTemplate =
      template && template.metadataPath.length > 1
        ? template.metadata.annotations[IGNORE_ANNOTATION]
        : undefined;
    const fromObject = object.metadata.annotations[IGNORE_ANNOTATION];
    if (fromObject === undefined && fromTemplate === undefined) continue;
    const values = [fromObject, fromTemplate];
    const collected: AnnotationWaiver[] = [];
    for (const value of values) {
      if (value === undefined) continue;
      const parsed = parseIgnoreAnnotation(value);
      const location = {
        file: object.location.file,
        line: object.location.line,
        column: object.location.column,
      };
      const resource = `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.metadata.name}`;
      for (const problem of parsed.problems)
        audit.invalid.push({ rule: '?', reason: '', source: 'annotation', resource, location, problem });
      const refuse = (waiver: AnnotationWaiver, problem: string) =>
        audit.invalid.push({ ...waiver, source: 'annotation', resource, location, problem });
      if (!config.allowAnnotationWaivers) {
        for (const waiver of parsed.waivers)
          refuse(
            waiver,
            'annotation waivers are forbidden by the configuration (allowAnnotationWaivers: false); not applied',
          );
        continue;
      }
      for (const waiver of parsed.waivers) {
        // `*` exempts the object from every rule, present and future: only where the configuration allows it.
        if (waiver.rule === '*' && config.allowAnnotationWaiveAll !== true) {
          refuse(
            waiver,
            'an annotation waiver of every rule (*) is refused unless the configuration sets allowAnnotationWaiveAll: true; not applied',
          );
          continue;
        }
        collected.push(waiver);
        audit.annotations.push({ ...waiver, source: 'annotation', resource, location });
      }
    }
    if (collected.length > 0)
      annotationWaivers.set(objectKey(object.kind, object.namespace, object.metadata.name), {
        waivers: collected,
        object,
      });
  }

  const kept: F[] = [];
  const waived: WaiverResult<F>['waived'] = [];
  // Without any waiver (the usual scan) every finding is kept, with no key made per finding.
  if (active.length === 0 && annotationWaivers.size === 0) return { findings: [...findings], waived, audit };
  for (const finding of findings) {
    const configWaiver = active.find(
      (entry) => ruleMatches(entry.waiver.rule, finding.ruleId) && entry.matches(finding),
    );
    if (configWaiver) {
      configWaiver.used = true;
      waived.push({ ...finding, waiver: configWaiver.use });
      continue;
    }
    const annotated = annotationWaivers.get(
      objectKey(finding.resource.kind, finding.resource.namespace, finding.resource.name),
    );
    const annotationWaiver = annotated?.waivers.find((waiver) => ruleMatches(waiver.rule, finding.ruleId));
    if (annotated && annotationWaiver) {
      waived.push({
        ...finding,
        waiver: {
          rule: annotationWaiver.rule,
          reason: annotationWaiver.reason,
          source: 'annotation',
          location: {
            file: annotated.object.location.file,
            line: annotated.object.location.line,
            column: annotated.object.location.column,
          },
        },
      });
      continue;
    }
    kept.push(finding);
  }
  audit.unused = active.filter((entry) => !entry.used).map((entry) => entry.use);
  return { findings: kept, waived, audit };
}
