import { lazyRequire } from '../../lazyRequire.js';
/**
 * `scan -o html`: the scorecard, a summary (severity counts, coverage), the findings (grouped by rule; the page's
 * script regroups them by namespace, resource or file), the connectivity graph with its drill-downs, and the rule
 * documentation. Streamed as chunks: one per section, one per group of findings.
 */

import { type Finding, formatResource } from '../../model/finding.js';
import { SEVERITIES, type Severity, severityRank } from '../../model/severity.js';
import type { Rule } from '../../rules/defineRule.js';
import { readRuleDoc } from '../../rules/docs.js';
import { describeGaps } from '../coverage.js';
import type { RenderContext } from '../format.js';
import type { Report } from '../report.js';
import { type ControlResult, zeroTrustScorecard } from '../scorecard.js';
import { withoutResource } from '../table.js';
import type { ConnectivityView } from './connectivity.js';
import { escapeHtml, escapeText, safeId } from './escape.js';
import { type ReportExtras, resourceKey } from './extras.js';
import { markdownToHtml } from './markdown.js';
import { figure, page } from './page.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

const STATUS_LABEL = { pass: 'pass', fail: 'fail', 'not-evaluated': 'not evaluated' } as const;
/** Findings in one page: 20,000 make about 18 MB; the JSON output has all of them. */
const MAX_FINDINGS = 20_000;
/** Rows of the by-resource table. */
const MAX_RESOURCE_ROWS = 2_000;
/** Evidence longer than this is cut in the page (the JSON output has all of it). */
const MAX_EVIDENCE = 2000;

/** Attribute values (and anything that may end up in one). */
const e = escapeHtml;
/** Text content. */
const t = escapeText;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function sevBadge(severity: Severity): string {
  return `<span class="sev sev-${severity}">${severity}</span>`;
}

function familyOf(ruleId: string, rules: ReadonlyMap<string, Rule>): string {
  const rule = rules.get(ruleId);
  if (rule) return rule.family;
  if (ruleId.startsWith('AKS-')) return 'aks';
  if (ruleId.startsWith('RBAC-')) return 'rbac';
  if (ruleId.startsWith('NP-')) return 'network';
  if (ruleId.startsWith('X-')) return 'cross';
  return 'workload';
}

/** Fix text, diff-style: `az:` lines as commands, `terraform:` and YAML snippets as added lines, prose as is. */
export function fixBlock(fix: string): string {
  const lines = fix.split('\n');
  const yaml = lines.length > 1 && /^\s*(-\s|[A-Za-z_.][\w.-]*:(\s|$))/.test(lines[0]!);
  return `<pre class="fix">${lines
    .map((line) => {
      const az = /^az: (.*)$/.exec(line);
      if (az) return `<span class="cmd">$ ${t(az[1]!)}</span>`;
      const terraform = /^terraform: (.*)$/.exec(line);
      if (terraform)
        return `<span class="add">+ ${t(terraform[1]!)}</span>  <span class="muted"># terraform</span>`;
      if (yaml) return `<span class="add">+ ${t(line)}</span>`;
      return t(line);
    })
    .join('\n')}</pre>`;
}

function patchBlock(patch: string): string {
  return `<pre class="fix add">${patch
    .trimEnd()
    .split('\n')
    .map((line) => `+ ${t(line)}`)
    .join('\n')}</pre>`;
}

/** Evidence as YAML: shorter to read than JSON, and the same facts. */
function evidenceText(evidence: Record<string, unknown>): string {
  const text = yaml().stringify(evidence, { lineWidth: 0 }).trimEnd();
  return text.length > MAX_EVIDENCE ? `${text.slice(0, MAX_EVIDENCE)}\n… (cut; see -o json)` : text;
}

function locationText(finding: Finding): string {
  const at = finding.location;
  const where = at ? `${at.file}:${at.line}:${at.column}` : (finding.resource.id ?? '');
  return where;
}

function findingHtml(
  finding: Finding,
  id: string,
  ruleFix: string | undefined,
  extras: ReportExtras | undefined,
  patchShownIn: Map<string, string>,
): string {
  const resource = formatResource(finding.resource);
  const facts: string[] = [
    `<dt>Rule</dt><dd><a href="#rule-${safeId(finding.ruleId)}">${t(finding.ruleId)}</a></dd>`,
  ];
  const where = locationText(finding);
  if (where) facts.push(`<dt>Location</dt><dd class="loc">${t(where)}</dd>`);
  if (finding.path) facts.push(`<dt>Field</dt><dd><code>${t(finding.path)}</code></dd>`);
  if (finding.evidence && Object.keys(finding.evidence).length > 0)
    facts.push(`<dt>Evidence</dt><dd><pre>${t(evidenceText(finding.evidence))}</pre></dd>`);
  // The rule's usual fix is on its group; a finding shows its own only when it differs.
  if (finding.fix && finding.fix !== ruleFix) facts.push(`<dt>Fix</dt><dd>${fixBlock(finding.fix)}</dd>`);
  const key = resourceKey(finding.resource, finding.location?.file);
  const patch = finding.ruleId.startsWith('WL-PSS-') ? extras?.patches?.get(key) : undefined;
  if (patch) {
    const shownIn = patchShownIn.get(key);
    if (shownIn === undefined) {
      patchShownIn.set(key, id);
      facts.push(
        `<dt>Patch</dt><dd><span class="muted">${t(patch.purpose)}: kubectl patch --type strategic</span>${patchBlock(patch.patch)}</dd>`,
      );
    } else
      facts.push(
        `<dt>Patch</dt><dd>one patch for the resource: <a href="#${e(shownIn)}">shown here</a></dd>`,
      );
  }
  const diagram = extras?.escalations?.get(finding.fingerprint);
  if (diagram) facts.push(`<dt>Path</dt><dd>${figure(diagram, { chain: true, table: false })}</dd>`);
  return (
    // Rule and family are on the group; the page's script copies them (and the resource, the location) onto each
    // finding, so that 5,000 findings stay well under 5 MB.
    `<details class="finding" id="${e(id)}" data-sev="${finding.severity}" data-ns="${e(finding.resource.namespace ?? '')}">` +
    `<summary>${sevBadge(finding.severity)} <span class="res">${t(resource)}</span> <span class="msg">${t(withoutResource(finding))}</span></summary>` +
    `<div class="finding-body"><dl class="facts">${facts.join('')}</dl><a class="permalink" href="#${e(id)}">Permalink</a></div></details>`
  );
}

function scorecardHtml(controls: readonly ControlResult[], baselineSuppressed: number): string {
  const rows = controls.map((result) => {
    const parts: string[] = [];
    if (result.failingRules.length > 0)
      parts.push(
        result.failingRules.map((id) => `<a href="#group-${safeId(id)}"><code>${t(id)}</code></a>`).join(' '),
      );
    if (result.notEvaluated.length > 0)
      parts.push(
        `${result.status === 'fail' ? 'also not evaluated' : 'not evaluated'}: ${t(result.notEvaluated.join('; '))}`,
      );
    const extras = [
      result.advisory > 0 ? plural(result.advisory, 'advisory finding') : '',
      result.waived > 0 ? `${result.waived} waived` : '',
    ].filter(Boolean);
    if (extras.length > 0) parts.push(`<span class="muted">${extras.join(', ')}</span>`);
    return `<tr id="control-${safeId(result.control.id)}" data-status="${result.status}"><td><span class="status status-${result.status}">${STATUS_LABEL[result.status]}</span></td><td>${t(result.control.title)}</td><td class="num">${result.failing}</td><td>${parts.join('<br>')}</td></tr>`;
  });
  return (
    `<table class="scorecard"><thead><tr><th>Status</th><th>Control</th><th class="num">Findings</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    (baselineSuppressed > 0
      ? `<p class="muted">${plural(baselineSuppressed, 'finding')} hidden by the baseline are not counted.</p>`
      : '')
  );
}

function coverageHtml(report: Report): string {
  const { coverage } = report;
  const out: string[] = [];
  const read = Object.entries(coverage.read).filter(([, count]) => (count ?? 0) > 0);
  out.push(
    `<h3>Read</h3>${
      read.length > 0
        ? `<table><thead><tr><th>Input</th><th class="num">Count</th></tr></thead><tbody>${read
            .map(([dialect, count]) => `<tr><td>${e(dialect)}</td><td class="num">${count}</td></tr>`)
            .join('')}</tbody></table>`
        : '<p>Nothing was read.</p>'
    }`,
  );
  const gaps = describeGaps(coverage);
  out.push(
    `<h3>Not read</h3><p>${e(gaps ?? 'Every input that may hold clusters or workloads was read.')}</p>`,
  );
  if (coverage.skipped.length > 0) {
    out.push(
      `<details${coverage.skipped.some((s) => s.significant) ? ' open' : ''}><summary>${plural(coverage.skipped.length, 'skipped input')}</summary><table><thead><tr><th>Input</th><th>Why</th><th>May hide findings</th></tr></thead><tbody>`,
    );
    for (const entry of coverage.skipped.slice(0, 500))
      out.push(
        `<tr><td><code>${e(entry.path)}${entry.line ? `:${entry.line}` : ''}</code></td><td>${e(entry.category)}: ${e(entry.reason)}</td><td>${entry.significant ? 'yes' : 'no'}</td></tr>`,
      );
    out.push('</tbody></table>');
    if (coverage.skipped.length > 500)
      out.push(`<p class="muted">… and ${coverage.skipped.length - 500} more (see -o json)</p>`);
    out.push('</details>');
  }
  if (coverage.unreadable.length > 0) {
    out.push(
      `<table><thead><tr><th>Source</th><th>Kind</th><th>Namespace</th><th>Why</th></tr></thead><tbody>${coverage.unreadable
        .map(
          (entry) =>
            `<tr><td>${e(entry.source)}</td><td>${e(entry.group ? `${entry.kind}.${entry.group}` : entry.kind)}</td><td>${e(entry.namespace ?? '')}</td><td>${e(entry.reason)}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  }
  return out.join('');
}

function listSection(id: string, title: string, items: readonly string[], open = false): string {
  if (items.length === 0) return '';
  return `<details id="${id}"${open ? ' open' : ''}><summary><strong>${e(title)} (${items.length})</strong></summary><ul>${items.join('')}</ul></details>`;
}

function issueText(issue: { file: string; line?: number; column?: number; message: string }): string {
  return `<li><code>${e(issue.file)}${issue.line !== undefined ? `:${issue.line}` : ''}</code>: ${e(issue.message)}</li>`;
}

function summaryHtml(report: Report): string {
  const out: string[] = ['<div class="counts">'];
  for (const severity of SEVERITIES)
    out.push(`<span class="count">${sevBadge(severity)} <strong>${report.summary[severity]}</strong></span>`);
  out.push('</div>');
  const { inputs } = report;
  out.push(
    `<p>${plural(inputs.files, 'file')}, ${plural(inputs.objects, 'object')}, ${plural(inputs.clusters, 'cluster')} read; ${plural(inputs.rules, 'rule')} run.${report.baseline ? ` ${plural(report.baseline.suppressed, 'finding')} hidden by the baseline <code>${e(report.baseline.file)}</code>.` : ''}</p>`,
  );
  out.push(
    listSection(
      'not-evaluated',
      'Not evaluated',
      report.notEvaluated.map(
        (entry) =>
          `<li><code>${e(entry.ruleId)}</code>${entry.resource ? ` ${e(formatResource(entry.resource))}` : ''}: ${e(entry.reason)}${entry.location ? ` <span class="muted">${e(entry.location.file)}:${entry.location.line}</span>` : ''}</li>`,
      ),
      true,
    ),
    listSection(
      'waived',
      'Waived',
      report.waived.map(
        (finding) =>
          `<li><code>${e(finding.ruleId)}</code> ${e(formatResource(finding.resource))}: ${e(finding.waiver.reason)} (${e(finding.waiver.source)}${finding.waiver.expires ? `, until ${e(finding.waiver.expires)}` : ''})</li>`,
      ),
    ),
    listSection('waiver-audit', 'Waiver audit', [
      ...report.waivers.expired.map(
        (w) =>
          `<li>expired: <code>${e(w.rule)}</code> ${e(w.resource ?? '')} (${e(w.expires ?? '')}): ${e(w.reason)}</li>`,
      ),
      ...report.waivers.unused.map(
        (w) => `<li>unused: <code>${e(w.rule)}</code> ${e(w.resource ?? '')}: matched no finding</li>`,
      ),
      ...report.waivers.invalid.map((w) => `<li>invalid: ${e(w.resource ?? '')}: ${e(w.problem)}</li>`),
    ]),
    listSection('errors', 'Errors', report.errors.map(issueText), true),
    listSection('notes', 'Notes', report.notes.slice(0, 200).map(issueText)),
  );
  return out.join('');
}

function controlsHtml(report: Report, families: readonly string[], namespaces: readonly string[]): string {
  const sev = SEVERITIES.filter((severity) => report.findings.some((f) => f.severity === severity))
    .map(
      (severity) =>
        `<button type="button" class="sev-filter sev-btn-${severity}" data-sev="${severity}" aria-pressed="false">${severity} <span class="muted">${report.findings.filter((f) => f.severity === severity).length}</span></button>`,
    )
    .join('');
  const options = (values: readonly string[], label: (v: string) => string) =>
    values.map((value) => `<option value="${e(value)}">${e(label(value))}</option>`).join('');
  return (
    '<div class="controls js-only" role="group" aria-label="Filter and arrange the findings">' +
    `<span role="group" aria-label="Severity">Severity: ${sev}</span>` +
    `<label>Family <select id="f-family"><option value="">all</option>${options(families, (v) => v)}</select></label>` +
    `<label>Namespace <select id="f-ns"><option value="">all</option>${options(namespaces, (v) => v || '(cluster-scoped)')}</select></label>` +
    '<label>Search <input id="f-text" type="search" placeholder="rule, resource, message, file" autocomplete="off"></label>' +
    '<label>Group by <select id="f-group"><option value="rule">rule</option><option value="ns">namespace</option><option value="res">resource</option><option value="file">file</option></select></label>' +
    '<label>Sort <select id="f-sort"><option value="severity">severity</option><option value="resource">resource</option><option value="location">location</option><option value="rule">rule</option></select></label>' +
    '<button type="button" id="f-expand">Expand all</button><button type="button" id="f-collapse">Collapse all</button>' +
    `<output id="f-count" aria-live="polite">Showing ${report.findings.length} of ${report.findings.length} findings</output>` +
    '</div>'
  );
}

function ruleGroupHtml(
  ruleId: string,
  family: string,
  rule: Rule | undefined,
  findings: readonly Finding[],
  commonFix: string | undefined,
): string {
  const worst = findings.reduce<Severity>(
    (w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w),
    'info',
  );
  const title = rule?.title ?? findings[0]!.title;
  const info: string[] = [];
  if (rule?.description) info.push(`<p>${e(rule.description)}</p>`);
  if (commonFix) info.push(`<p><strong>How to fix</strong></p>${fixBlock(commonFix)}`);
  info.push(
    `<p class="muted">Documentation: <a href="#rule-${safeId(ruleId)}">${e(ruleId)}</a> · <code>aksguard rules ${e(ruleId)}</code></p>`,
  );
  return (
    `<details class="group" open id="group-${safeId(ruleId)}" data-key="${e(ruleId)}" data-fam="${e(family)}" data-sev="${worst}"><summary>${sevBadge(worst)} <code>${e(ruleId)}</code> ${e(title)} <span class="count">${findings.length}</span></summary>` +
    `<div class="group-info">${info.join('')}</div><div class="group-body">`
  );
}

/** The most frequent fix of a rule's findings: shown once on the group, per finding only when it differs. */
function commonFixOf(findings: readonly Finding[]): string | undefined {
  const counts = new Map<string, number>();
  for (const finding of findings)
    if (finding.fix) counts.set(finding.fix, (counts.get(finding.fix) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [fix, count] of counts) if (count > bestCount) [best, bestCount] = [fix, count];
  return best;
}

function namespaceTable(report: Report): string {
  const rows = new Map<string, Record<Severity, number>>();
  for (const finding of report.findings) {
    const key = finding.resource.namespace ?? '';
    const row = rows.get(key) ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    row[finding.severity]++;
    rows.set(key, row);
  }
  const keys = [...rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `<table><thead><tr><th>Namespace</th>${SEVERITIES.map((s) => `<th class="num">${s}</th>`).join('')}</tr></thead><tbody>${keys
    .map((key) => {
      const row = rows.get(key)!;
      return `<tr><td>${e(key || '(cluster-scoped: AKS cluster, cluster roles …)')}</td>${SEVERITIES.map((s) => `<td class="num">${row[s] || ''}</td>`).join('')}</tr>`;
    })
    .join('')}</tbody></table>`;
}

function resourceTable(report: Report, ids: ReadonlyMap<Finding, string>): string {
  const rows = new Map<
    string,
    { resource: string; file: string; count: number; worst: Severity; first: Finding }
  >();
  for (const finding of report.findings) {
    const key = resourceKey(finding.resource, finding.location?.file);
    const row = rows.get(key);
    if (!row)
      rows.set(key, {
        resource: formatResource(finding.resource),
        file: finding.location?.file ?? finding.resource.id ?? '',
        count: 1,
        worst: finding.severity,
        first: finding,
      });
    else {
      row.count++;
      if (severityRank(finding.severity) > severityRank(row.worst)) row.worst = finding.severity;
    }
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      severityRank(b.worst) - severityRank(a.worst) ||
      b.count - a.count ||
      (a.resource < b.resource ? -1 : 1),
  );
  return `<table><thead><tr><th>Resource</th><th>Where</th><th class="num">Findings</th><th>Worst</th></tr></thead><tbody>${sorted
    .slice(0, MAX_RESOURCE_ROWS)
    .map(
      (row) =>
        `<tr><td><a href="#${e(ids.get(row.first)!)}">${e(row.resource)}</a></td><td><code>${e(row.file)}</code></td><td class="num">${row.count}</td><td>${sevBadge(row.worst)}</td></tr>`,
    )
    .join('')}</tbody></table>${
    sorted.length > MAX_RESOURCE_ROWS
      ? `<p class="banner" role="note">truncated: ${sorted.length - MAX_RESOURCE_ROWS} more resources (see -o json)</p>`
      : ''
  }`;
}

export function connectivityHtml(view: ConnectivityView | undefined, missing: string | undefined): string {
  if (!view) return `<p>No connectivity graph: ${e(missing ?? 'no NetworkPolicy analysis')}.</p>`;
  const out: string[] = [
    `<p>Engine <strong>${e(view.engine)}</strong> (${e(view.engineWhy)}). ${plural(view.namespaces, 'namespace')}, ${plural(view.workloads, 'workload')}, ${plural(view.connections, 'allowed connection')} between workloads and external addresses. An edge means some workload of one side may open a connection to the other; open a namespace for its workloads.${view.apiServerKnown ? '' : ' The API server is drawn only when its address is known (<code>netpol list --api-server CIDR</code>).'}</p>`,
    figure(view.overview),
  ];
  if (view.drillDowns.length > 0) {
    out.push(`<h3>Namespaces</h3>`);
    if (view.drillDownsOmitted > 0)
      out.push(
        `<p class="banner" role="note">truncated: ${plural(view.drillDownsOmitted, 'namespace')} not drawn, shown as tables (drawn: the namespaces the overview shows alone, one of each group alike, then by name)</p>`,
      );
    for (const drill of view.drillDowns) {
      const id = safeId(drill.graph.id);
      out.push(
        `<details class="drill" id="${id}"><summary>Namespace <strong>${t(drill.namespace)}</strong>: ${plural(drill.workloads, 'workload')}, ${plural(drill.graph.edges.length, 'edge')}${drill.drawn ? '' : ' (table)'}</summary><div id="${id}-view">${figure(drill.graph, { draw: drill.drawn })}</div></details>`,
      );
    }
  }
  return out.join('');
}

function rulesDocs(ruleIds: readonly string[], rules: ReadonlyMap<string, Rule>): string {
  const out: string[] = [];
  for (const id of ruleIds) {
    const rule = rules.get(id);
    const doc = readRuleDoc(id);
    const body = doc
      ? markdownToHtml(doc)
      : rule
        ? `<p>${e(rule.description)}</p>`
        : '<p>No documentation.</p>';
    out.push(
      `<details class="doc" id="rule-${safeId(id)}"><summary><code>${e(id)}</code> ${e(rule?.title ?? '')}</summary>${body}${rule?.refs ? `<p class="muted">See also: ${e(rule.refs.join(', '))}</p>` : ''}</details>`,
    );
  }
  return out.join('');
}

/** Unique element ids: the fingerprint, with a suffix in the unlikely case two findings share one. */
function findingIds(findings: readonly Finding[]): Map<Finding, string> {
  const used = new Set<string>();
  const ids = new Map<Finding, string>();
  for (const finding of findings) {
    let id = finding.fingerprint;
    for (let n = 2; used.has(id); n++) id = `${finding.fingerprint}-${n}`;
    used.add(id);
    ids.set(finding, id);
  }
  return ids;
}

/** The scan report as HTML chunks. */
export function* renderHtmlReport(context: RenderContext): Generator<string> {
  // Bounded: beyond MAX_FINDINGS (the most severe first, as the scan sorts them) the page says how many it left out.
  const all = context.report;
  const report =
    all.findings.length > MAX_FINDINGS ? { ...all, findings: all.findings.slice(0, MAX_FINDINGS) } : all;
  const omitted = all.findings.length - report.findings.length;
  const rules = new Map(context.rules.map((rule) => [rule.id, rule]));
  const scorecard = context.scorecard ?? zeroTrustScorecard(all, context.rules);
  const extras = context.extras;
  const ids = findingIds(report.findings);
  const patchShownIn = new Map<string, string>();
  const byRule = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  const ruleIds = [...byRule.keys()];
  const families = [...new Set(report.findings.map((f) => familyOf(f.ruleId, rules)))].sort();
  const namespaces = [...new Set(report.findings.map((f) => f.resource.namespace ?? ''))].sort();
  const { inputs } = report;
  const body = function* (): Generator<string> {
    yield `<section id="scorecard"><h2>Zero-trust scorecard</h2><p class="muted">The AKS baseline controls: ${scorecard.counts.pass} pass, ${scorecard.counts.fail} fail, ${scorecard.counts['not-evaluated']} not evaluated. Nothing unread counts as a pass.</p>${scorecardHtml(scorecard.controls, scorecard.baselineSuppressed)}</section>\n`;
    yield `<section id="summary"><h2>Summary</h2>${summaryHtml(report)}</section>\n`;
    yield `<section id="coverage"><h2>Coverage: what was read and what was not</h2>${coverageHtml(report)}</section>\n`;
    yield `<section id="findings"><h2>Findings (${all.findings.length})</h2>`;
    if (omitted > 0)
      yield `<p class="banner" role="note">truncated: ${plural(omitted, 'finding')} of the lowest severities not shown (the page shows the first ${MAX_FINDINGS}; see -o json)</p>`;
    if (report.findings.length === 0)
      yield `<p>${inputs.objects === 0 && inputs.clusters === 0 ? 'Nothing was analysed: no Kubernetes object or AKS cluster definition was found.' : describeGaps(report.coverage) ? 'No findings in what was analysed; some inputs were not (see Coverage).' : 'No findings.'}</p>`;
    else {
      yield controlsHtml(report, families, namespaces);
      yield '<div id="finding-groups">';
      for (const ruleId of ruleIds) {
        const findings = byRule.get(ruleId)!;
        const commonFix = commonFixOf(findings);
        const family = familyOf(ruleId, rules);
        const chunk = [ruleGroupHtml(ruleId, family, rules.get(ruleId), findings, commonFix)];
        for (const finding of findings)
          chunk.push(findingHtml(finding, ids.get(finding)!, commonFix, extras, patchShownIn));
        chunk.push('</div></details>\n');
        yield chunk.join('');
      }
      yield '</div>';
      if (extras?.escalationsOmitted)
        yield `<p class="banner" role="note">truncated: ${plural(extras.escalationsOmitted, 'RBAC finding')} without an escalation diagram</p>`;
    }
    yield '</section>\n';
    if (report.findings.length > 0) {
      yield `<section id="by-namespace"><h2>By namespace</h2>${namespaceTable(report)}</section>\n`;
      yield `<section id="by-resource"><h2>By resource</h2><details><summary>${plural(new Set(report.findings.map((f) => resourceKey(f.resource, f.location?.file))).size, 'resource')} with findings</summary>${resourceTable(report, ids)}</details></section>\n`;
    }
    yield `<section id="connectivity"><h2>Connectivity: who can talk to whom</h2>${connectivityHtml(extras?.connectivity, extras?.connectivityMissing ?? (extras ? undefined : 'computed only when the report is written by aksguard scan'))}</section>\n`;
    if (ruleIds.length > 0)
      yield `<section id="rules"><h2>Rules</h2>${rulesDocs(ruleIds, rules)}</section>\n`;
  };
  yield* page(
    {
      title: 'aksguard report',
      subtitle: `aksguard ${report.tool.version} · ${plural(inputs.files, 'file')}, ${plural(inputs.objects, 'object')}, ${plural(inputs.clusters, 'cluster')}, ${plural(inputs.rules, 'rule')}`,
      toc: [
        ['scorecard', 'Scorecard'],
        ['summary', 'Summary'],
        ['coverage', 'Coverage'],
        ['findings', 'Findings'],
        ...(report.findings.length > 0
          ? ([
              ['by-namespace', 'By namespace'],
              ['by-resource', 'By resource'],
            ] as [string, string][])
          : []),
        ['connectivity', 'Connectivity'],
        ...(ruleIds.length > 0 ? ([['rules', 'Rules']] as [string, string][]) : []),
      ],
    },
    body(),
  );
}
