/**
 * The report as Kubernetes objects (DESIGN §7): one report per namespace and one cluster-wide report, in the
 * wgpolicyk8s.io/v1alpha2 PolicyReport API (kubernetes-sigs/wg-policy-prototypes) or its successor
 * openreports.io/v1alpha1 (openreports/reports-api), which Kyverno, Kubewarden and Policy Reporter read. Both share
 * one result model: `source`, `policy`, `category`, `severity`, `result`, `resources` (ObjectReferences),
 * `properties` (string map) and `summary` counts. `scan --write-reports` applies these objects to the cluster.
 */
import { lazyRequire } from '../lazyRequire.js';
import type { Finding, NotEvaluated, ResourceRef } from '../model/finding.js';
import { compareCodePoints } from '../model/order.js';
import { atLeast, type Severity } from '../model/severity.js';
import type { Rule, RuleFamily } from '../rules/defineRule.js';
import type { RenderContext } from './format.js';
import type { Report, WaivedFinding } from './report.js';

/** The `yaml` package, loaded when report objects are written as YAML (not at start-up). */
const yaml = lazyRequire<typeof import('yaml')>('yaml');

export type ReportFlavour = 'policyreport' | 'openreports';

/** The API of each flavour: group/version and the kinds of the namespaced and the cluster-wide report. */
export const REPORT_APIS = {
  openreports: {
    group: 'openreports.io',
    version: 'v1alpha1',
    namespaced: { kind: 'Report', resource: 'reports' },
    cluster: { kind: 'ClusterReport', resource: 'clusterreports' },
  },
  policyreport: {
    group: 'wgpolicyk8s.io',
    version: 'v1alpha2',
    namespaced: { kind: 'PolicyReport', resource: 'policyreports' },
    cluster: { kind: 'ClusterPolicyReport', resource: 'clusterpolicyreports' },
  },
} as const satisfies Record<
  ReportFlavour,
  {
    group: string;
    version: string;
    namespaced: { kind: string; resource: string };
    cluster: { kind: string; resource: string };
  }
>;

/** The name of every report aksguard writes (one per namespace, one cluster-wide). */
export const REPORT_NAME = 'aksguard';
/** The label that marks aksguard's reports; stale ones are found (and deleted) by it. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'aksguard';
/** `source` of every result (and of OpenReports reports): Policy Reporter groups and configures views by it. */
export const REPORT_SOURCE = 'aksguard';
/**
 * Results kept per report. etcd refuses objects over 1.5 MiB (`--max-request-bytes`); at most 1,000 results of a few
 * hundred bytes each stay well under it. The summary still counts every result; the rest is named in an annotation.
 */
export const DEFAULT_MAX_RESULTS = 1000;

type ResultStatus = 'fail' | 'warn' | 'skip';

export interface ObjectReference {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface ReportResult {
  source: string;
  policy: string;
  category: string;
  severity: Severity;
  result: ResultStatus;
  scored: boolean;
  message: string;
  resources?: ObjectReference[];
  properties: Record<string, string>;
  timestamp?: { seconds: number; nanos: number };
}

export interface ReportSummary {
  pass: number;
  fail: number;
  warn: number;
  error: number;
  skip: number;
}

export interface ReportObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  source?: string;
  configuration?: { limits: { maxResults: number } };
  summary: ReportSummary;
  results: ReportResult[];
}

export interface ReportObjectsOptions {
  /** Findings at or above this severity are `fail`, the others `warn` (the scan's `--fail-on`; default high). */
  failOn?: Severity | 'none';
  /** The time of the scan, written as each result's timestamp; none: no timestamps (byte-identical output). */
  now?: Date;
  maxResults?: number;
}

function familyOf(rules: readonly Rule[]): (ruleId: string) => RuleFamily | string {
  const byId = new Map(rules.map((rule) => [rule.id, rule.family]));
  // A rule that is not in the list (a report from another run): its id's prefix.
  return (ruleId) => byId.get(ruleId) ?? ruleId.split('-')[0]!.toLowerCase();
}

function objectReference(resource: ResourceRef): ObjectReference {
  const ref: ObjectReference = { kind: resource.kind, name: resource.name };
  if (resource.apiVersion) ref.apiVersion = resource.apiVersion;
  if (resource.namespace) ref.namespace = resource.namespace;
  return ref;
}

function whereOf(finding: { location?: Finding['location']; resource?: ResourceRef }): string | undefined {
  if (finding.location) return `${finding.location.file}:${finding.location.line}`;
  return finding.resource?.apiPath ?? finding.resource?.id;
}

/** `properties` is a string map: only strings, never empty ones, and never a secret (findings carry none). */
function properties(entries: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) if (value) out[key] = value;
  return out;
}

function findingResult(
  finding: Finding,
  category: string,
  status: ResultStatus,
  extra: Record<string, string | undefined> = {},
): ReportResult {
  return {
    source: REPORT_SOURCE,
    policy: finding.ruleId,
    category,
    severity: finding.severity,
    result: status,
    scored: true,
    message: finding.message,
    resources: [objectReference(finding.resource)],
    properties: properties({
      title: finding.title,
      fix: finding.fix,
      fingerprint: finding.fingerprint,
      location: whereOf(finding),
      field: finding.path,
      azureResourceId: finding.resource.id,
      ...extra,
    }),
  };
}

function waivedResult(finding: WaivedFinding, category: string): ReportResult {
  const { waiver } = finding;
  const result = findingResult(finding, category, 'skip', {
    waiver: waiver.source,
    waiverReason: waiver.reason,
    waiverExpires: waiver.expires,
  });
  result.message = `waived (${waiver.source}): ${waiver.reason}. ${finding.message}`;
  return result;
}

function skippedResult(entry: NotEvaluated, category: string, severity: Severity): ReportResult {
  const result: ReportResult = {
    source: REPORT_SOURCE,
    policy: entry.ruleId,
    category,
    severity,
    result: 'skip',
    scored: false,
    message: `not evaluated: ${entry.reason}`,
    properties: properties({ location: whereOf(entry), reason: entry.reason }),
  };
  if (entry.resource) result.resources = [objectReference(entry.resource)];
  return result;
}

interface Bucket {
  namespace?: string;
  results: ReportResult[];
}

/**
 * The report objects of a scan: one per namespace that has results, and one cluster-wide report when anything is
 * cluster-scoped (AKS settings, cluster roles, rules not evaluated as a whole). Sorted: cluster report first, then
 * namespaces in code-point order; results in the report's own order.
 */
export function reportObjects(
  report: Report,
  rules: readonly Rule[],
  flavour: ReportFlavour,
  options: ReportObjectsOptions = {},
): ReportObject[] {
  const api = REPORT_APIS[flavour];
  const family = familyOf(rules);
  const severityOf = new Map(rules.map((rule) => [rule.id, rule.severity]));
  const failOn = options.failOn ?? 'high';
  const maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
  const buckets = new Map<string, Bucket>();
  const bucketOf = (namespace: string | undefined): Bucket => {
    const key = namespace ?? '';
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = namespace === undefined ? { results: [] } : { namespace, results: [] };
      buckets.set(key, bucket);
    }
    return bucket;
  };
  // The cluster-wide report is always written: an empty one says the scan ran and found nothing.
  bucketOf(undefined);
  for (const finding of report.findings) {
    const status: ResultStatus = failOn !== 'none' && atLeast(finding.severity, failOn) ? 'fail' : 'warn';
    bucketOf(finding.resource.namespace).results.push(findingResult(finding, family(finding.ruleId), status));
  }
  for (const finding of report.waived)
    bucketOf(finding.resource.namespace).results.push(waivedResult(finding, family(finding.ruleId)));
  for (const entry of report.notEvaluated)
    bucketOf(entry.resource?.namespace).results.push(
      skippedResult(entry, family(entry.ruleId), severityOf.get(entry.ruleId) ?? 'info'),
    );
  const timestamp = options.now
    ? { seconds: Math.floor(options.now.getTime() / 1000), nanos: (options.now.getTime() % 1000) * 1e6 }
    : undefined;
  const keys = [...buckets.keys()].sort(compareCodePoints);
  return keys.map((key) => {
    const bucket = buckets.get(key)!;
    const summary: ReportSummary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    for (const result of bucket.results) summary[result.result]++;
    const kept = bucket.results.slice(0, maxResults);
    if (timestamp) for (const result of kept) result.timestamp = timestamp;
    const scope = bucket.namespace === undefined ? api.cluster : api.namespaced;
    const object: ReportObject = {
      apiVersion: `${api.group}/${api.version}`,
      kind: scope.kind,
      metadata: {
        name: REPORT_NAME,
        ...(bucket.namespace !== undefined ? { namespace: bucket.namespace } : {}),
        labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
      },
      summary,
      results: kept,
    };
    if (bucket.results.length > kept.length)
      object.metadata.annotations = {
        'aksguard.io/results-left-out': String(bucket.results.length - kept.length),
      };
    if (flavour === 'openreports') {
      object.source = REPORT_SOURCE;
      object.configuration = { limits: { maxResults } };
    }
    return object;
  });
}

/** `-o policyreport` / `-o openreports`: the objects as a YAML stream, ready for `kubectl apply -f -`. */
function* renderReportObjects(context: RenderContext, flavour: ReportFlavour): Generator<string> {
  const objects = reportObjects(context.report, context.rules, flavour, {
    ...(context.failOn ? { failOn: context.failOn } : {}),
  });
  for (const [index, object] of objects.entries())
    yield `${index === 0 ? '' : '---\n'}${yaml().stringify(object, { lineWidth: 0 })}`;
}

export function renderPolicyReport(context: RenderContext): Generator<string> {
  return renderReportObjects(context, 'policyreport');
}

export function renderOpenReports(context: RenderContext): Generator<string> {
  return renderReportObjects(context, 'openreports');
}
