import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Finding, formatResource } from '../model/finding.js';
import type { LoadIssue } from '../model/inventory.js';
import type { Severity } from '../model/severity.js';
import type { Location } from '../model/source.js';
import type { Rule } from '../rules/defineRule.js';
import type { RenderContext } from './format.js';
import { jsonChunks, LazyJsonArray } from './stream.js';

/** GitHub maps these to critical (> 9.0), high (7.0–8.9), medium (4.0–6.9), low (0.1–3.9). */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: undefined,
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function ruleHelp(rule: Rule): { text: string; markdown: string } {
  const fixes: string[] = [];
  if (rule.fix?.manifest) fixes.push(`Manifest: ${rule.fix.manifest}`);
  if (rule.fix?.az) fixes.push(`az: ${rule.fix.az}`);
  if (rule.fix?.terraform) fixes.push(`Terraform: ${rule.fix.terraform}`);
  const refs = rule.refs && rule.refs.length > 0 ? `References: ${rule.refs.join('; ')}.` : '';
  const text = [rule.description, ...fixes, refs, `Details: aksguard rules ${rule.id}`]
    .filter(Boolean)
    .join('\n\n');
  const markdown = [
    `**${rule.title}**`,
    rule.description,
    ...(fixes.length > 0 ? ['**How to fix**', ...fixes.map((fix) => `- ${fix.replace(/\n/g, ' ')}`)] : []),
    refs,
    `Run \`aksguard rules ${rule.id}\` for the full page.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { text, markdown };
}

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: rules with `security-severity`, results with regions and
 * `partialFingerprints`. Findings with no file (a cluster read from a live API, standard input) cannot be placed
 * and are left out, with a warning.
 */
export function* renderSarif({ report, rules, warn, cwd }: RenderContext): Generator<string> {
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  const usedRules: Rule[] = [];
  const ruleIndex = new Map<string, number>();
  let placed = 0;
  let skipped = 0;
  // First pass: which rules the results use (they head the document) and which findings cannot be placed.
  for (const finding of report.findings) {
    if (!placeable(finding)) {
      skipped++;
      continue;
    }
    placed++;
    const rule = rulesById.get(finding.ruleId);
    if (rule && !ruleIndex.has(rule.id)) {
      ruleIndex.set(rule.id, usedRules.length);
      usedRules.push(rule);
    }
  }
  function* results(): Generator<unknown> {
    for (const finding of report.findings) if (placeable(finding)) yield sarifResult(finding, ruleIndex);
  }
  if (skipped > 0)
    warn(
      `${skipped} finding(s) without a file location are not in the SARIF output (GitHub needs a file); see -o json`,
    );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aksguard',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: 'https://www.npmjs.com/package/aksguard',
            rules: usedRules.map((rule) => {
              const securitySeverity = SECURITY_SEVERITY[rule.severity];
              return {
                id: rule.id,
                name: rule.id.replace(/[^A-Za-z0-9]+/g, ''),
                shortDescription: { text: rule.title },
                fullDescription: { text: rule.description },
                help: ruleHelp(rule),
                defaultConfiguration: { level: LEVEL[rule.severity] },
                properties: {
                  tags: ['security', rule.family, ...(rule.seed ? ['aks-baseline'] : [])],
                  precision: 'high',
                  'problem.severity':
                    LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity],
                  ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
                },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(cwd ?? process.cwd()).href}/` } },
        columnKind: 'utf16CodeUnits',
        automationDetails: { id: 'aksguard/' },
        results: new LazyJsonArray(results, placed === 0),
        // Input errors (a file that does not parse, a file too large) are the tool's notifications, not results:
        // SARIF 2.1.0 §3.20.21 toolExecutionNotifications. The run completed, so it was successful (§3.20.14),
        // unless a rule failed inside aksguard.
        ...(report.errors.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: !report.errors.some((issue) => issue.file === '<internal>'),
                  toolExecutionNotifications: report.errors.map(notification),
                },
              ],
            }
          : {}),
      },
    ],
  };
  yield* jsonChunks(sarif);
  yield '\n';
}

function notification(issue: LoadIssue): unknown {
  const internal = issue.file === '<internal>';
  const placed = !internal && issue.file !== '<stdin>';
  const region: Record<string, number> = {};
  if (issue.line !== undefined) region.startLine = issue.line;
  if (issue.line !== undefined && issue.column !== undefined) region.startColumn = issue.column;
  return {
    level: 'error',
    // An internal failure carries a stack trace: its first line is enough here.
    message: { text: internal ? issue.message.split('\n')[0] : `${issue.file}: ${issue.message}` },
    descriptor: { id: internal ? 'aksguard/internal-error' : 'aksguard/input-error' },
    ...(placed
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: isAbsolute(issue.file)
                  ? { uri: artifactUri(issue.file) }
                  : { uri: artifactUri(issue.file), uriBaseId: '%SRCROOT%' },
                ...(issue.line !== undefined ? { region } : {}),
              },
            },
          ],
        }
      : {}),
  };
}

function placeable(finding: Finding): finding is Finding & { location: Location } {
  const location = finding.location;
  return location !== undefined && location.file !== '<stdin>' && location.file !== '<internal>';
}

function sarifResult(
  finding: Finding & { location: Location },
  ruleIndex: ReadonlyMap<string, number>,
): unknown {
  const location = finding.location;
  const region: Record<string, number> = { startLine: location.line, startColumn: location.column };
  if (location.endLine !== undefined && location.endColumn !== undefined) {
    region.endLine = location.endLine;
    region.endColumn = location.endColumn;
  }
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} [${formatResource(finding.resource)}]` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: isAbsolute(location.file)
            ? { uri: artifactUri(location.file) }
            : { uri: artifactUri(location.file), uriBaseId: '%SRCROOT%' },
          region,
        },
        logicalLocations: [
          {
            name: finding.resource.name,
            fullyQualifiedName: formatResource(finding.resource),
            kind: 'resource',
          },
        ],
      },
    ],
    // Our fingerprint ignores line numbers, so alerts survive edits above them.
    partialFingerprints: {
      primaryLocationLineHash: `${finding.fingerprint}:1`,
      'aksguard/v1': finding.fingerprint,
    },
    properties: {
      severity: finding.severity,
      resource: finding.resource,
      ...(finding.path ? { path: finding.path } : {}),
    },
  };
}
