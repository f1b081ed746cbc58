import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { type AzureAssignment, AzureInputError, azureRbacFromList } from '../../engines/rbac/azure.js';
import { type AzureFinding, azureFindings } from '../../engines/rbac/azureFindings.js';
import { linePosition, lineStartsOf } from '../../load/positions.js';
import { parseYamlFile } from '../../load/yaml.js';
import type { AksCluster } from '../../model/aksCluster.js';
import type { ResourceRef } from '../../model/finding.js';
import { type Location, liveLocation } from '../../model/source.js';
import type { RuleContext } from '../defineRule.js';

// The Azure role assignments of `settings.azureRoleAssignmentsFile` (`az role assignment list --all -o json`),
// read once per scan, and the engine's Azure findings (rbac.md §4.4) computed once for every rule that reports them.

export type AzureRuleId = AzureFinding['id'];

interface AssignmentsSource {
  value: unknown;
  /** Where item `index` of the list starts; the start of the document without an index. */
  locate(index?: number): Location;
}

interface AssignmentsFile {
  /** The file as shown in output: relative to the scan's folder. */
  file: string;
  source?: AssignmentsSource;
  /** Why the file cannot be used, naming it (and the line when known). */
  error?: string;
  errorLocation?: Location;
}

export interface AzureRuleFinding {
  finding: AzureFinding;
  cluster?: AksCluster;
  location?: Location;
}

interface AzureRuleOutcome {
  file: string;
  findings: AzureRuleFinding[];
  notEvaluated: { ruleId?: AzureRuleId; reason: string; location?: Location; resource?: ResourceRef }[];
}

function shown(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel === '' ? absolute : isAbsolute(rel) ? absolute : rel;
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return code ?? (error as Error).message;
}

function readAssignmentsFile(ctx: RuleContext, setting: string): AssignmentsFile {
  const cwd = ctx.settings.cwd ?? process.cwd();
  const absolute = resolve(cwd, setting);
  const file = shown(cwd, absolute);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    return { file, error: `cannot read the Azure role assignments file ${file}: ${readProblem(error)}` };
  }
  const json = jsonSource(file, text);
  if (json) return { file, source: json };
  // Not JSON: `az ... -o yaml` output is read as YAML; otherwise the parser's error names line and column.
  const parsed = parseYamlFile(file, text);
  const issue = parsed.issues.find((i) => i.level === 'error');
  if (issue) {
    const where = issue.line !== undefined ? `:${issue.line}:${issue.column ?? 1}` : '';
    const out: AssignmentsFile = {
      file,
      error: `Azure role assignments file ${file}${where} is not valid JSON: ${issue.message.replace(/^invalid YAML: /, '')}`,
    };
    if (issue.line !== undefined) out.errorLocation = { file, line: issue.line, column: issue.column ?? 1 };
    return out;
  }
  const document = parsed.documents[0];
  if (!document || parsed.documents.length > 1)
    return {
      file,
      error: `Azure role assignments file ${file} must hold one JSON list (the output of \`az role assignment list --all -o json\`)`,
    };
  return {
    file,
    source: { value: document.value, locate: (index) => document.locate(index !== undefined ? [index] : []) },
  };
}

/**
 * JSON read with JSON.parse, positions from one scan for the top-level list items: `az role assignment list --all`
 * of a large tenant runs to megabytes, which a YAML parse with positions takes seconds to read.
 */
function jsonSource(file: string, raw: string): AssignmentsSource | undefined {
  const text = raw.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const lineStarts = lineStartsOf(text);
  const offsets = Array.isArray(value) ? topLevelItemOffsets(text) : [];
  const start = text.length - text.trimStart().length;
  return {
    value,
    locate: (index) => ({ file, ...linePosition(lineStarts, offsets[index ?? -1] ?? start) }),
  };
}

const isJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Offsets where the items of a JSON text's top-level array start (the text is valid JSON holding an array). */
function topLevelItemOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (depth === 1 && expectItem && !isJsonSpace(c) && c !== 0x5d) {
      offsets.push(i);
      expectItem = false;
    }
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth === 1) expectItem = true;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 1) expectItem = true;
  }
  return offsets;
}

/** Role assignments read from Azure Resource Manager: located at each assignment's resource id. */
function liveAssignments(live: NonNullable<RuleContext['inventory']['roleAssignments']>): AssignmentsFile {
  return {
    file: live.source,
    source: {
      value: live.assignments,
      locate: (index) => {
        const id = index !== undefined ? live.assignments[index]?.id : undefined;
        return liveLocation({
          source: 'azure',
          api: 'azure',
          path: typeof id === 'string' ? id : live.source,
        });
      },
    },
  };
}

/** Full cluster definitions of the scan (node-pool-only inputs say nothing about the cluster's settings). */
function clustersOf(ctx: RuleContext): AksCluster[] {
  return ctx.inventory.clusters.filter((cluster) => !cluster.partial);
}

/** The engine's Azure findings for every cluster of the scan (or for the assignments alone); undefined without the setting. */
function azureOutcome(ctx: RuleContext): AzureRuleOutcome | undefined {
  const setting = ctx.settings.azureRoleAssignmentsFile;
  const live = ctx.inventory.roleAssignments;
  if ((typeof setting !== 'string' || setting === '') && !live) return undefined;
  return ctx.memo(`rbac.azureFindings:${typeof setting === 'string' ? setting : ''}`, () => {
    const input =
      typeof setting === 'string' && setting !== ''
        ? readAssignmentsFile(ctx, setting)
        : liveAssignments(live!);
    const outcome: AzureRuleOutcome = { file: input.file, findings: [], notEvaluated: [] };
    if (!input.source) {
      outcome.notEvaluated.push({
        reason: input.error!,
        ...(input.errorLocation ? { location: input.errorLocation } : {}),
      });
      return outcome;
    }
    const source = input.source;
    const clusters: (AksCluster | undefined)[] = clustersOf(ctx);
    if (clusters.length === 0) clusters.push(undefined);
    for (const cluster of clusters) {
      let result: ReturnType<typeof azureFindings>;
      try {
        result = azureFindings(azureRbacFromList(source.value, input.file, cluster), cluster);
      } catch (error) {
        const index = error instanceof AzureInputError ? error.index : undefined;
        outcome.notEvaluated.push({
          reason: `Azure role assignments file ${(error as Error).message}`,
          location: source.locate(index),
        });
        return outcome;
      }
      for (const finding of result.findings) {
        const index = finding.assignment.index;
        const entry: AzureRuleFinding = { finding, location: source.locate(index) };
        if (cluster) entry.cluster = cluster;
        outcome.findings.push(entry);
      }
      for (const reason of result.notEvaluated) {
        const m = /^(RBAC-AKS-0(?:03|05|10)): (.*)$/.exec(reason);
        const entry: AzureRuleOutcome['notEvaluated'][number] = m
          ? { ruleId: m[1] as AzureRuleId, reason: m[2]! }
          : { reason: `${input.file}: ${reason}` };
        if (cluster) {
          entry.resource = cluster.resource;
          entry.location = cluster.location;
        }
        outcome.notEvaluated.push(entry);
      }
    }
    return outcome;
  });
}

/** The resource a finding is about: the cluster when the scan has its definition, else the role assignment. */
function resourceOf(entry: AzureRuleFinding): ResourceRef {
  if (entry.cluster) return entry.cluster.resource;
  const a = entry.finding.assignment;
  return {
    kind: 'RoleAssignment',
    name: a.name ?? `${a.roleName || a.roleDefinitionId} to ${a.principalId}`,
  };
}

function assignmentEvidence(a: AzureAssignment): Record<string, unknown> {
  return {
    principalType: a.principalType,
    principalId: a.principalId,
    ...(a.principalName ? { principalName: a.principalName } : {}),
    roleDefinitionName: a.roleName,
    roleDefinitionId: a.roleDefinitionId,
    scope: a.scope,
    ...(a.name ? { name: a.name } : {}),
  };
}

/** `az role assignment delete` for exactly this assignment. */
export function deleteCommand(a: AzureAssignment): string {
  return `az role assignment delete --assignee ${a.principalId} --role "${a.roleName || a.roleDefinitionId}" --scope "${a.scope}"`;
}

export interface AzureReportSpec {
  id: AzureRuleId;
  /** Fix for one finding (az commands). */
  fix(entry: AzureRuleFinding): string;
  /** Findings to leave out (e.g. principals pinned by a rule parameter). */
  skip?(entry: AzureRuleFinding): boolean;
  /** Rule-specific evidence. */
  evidence?(entry: AzureRuleFinding): Record<string, unknown>;
}

/** Reports the Azure findings of one rule; a file that cannot be read makes the rule not evaluated, never a finding. */
export function reportAzureFindings(ctx: RuleContext, spec: AzureReportSpec): void {
  const outcome = azureOutcome(ctx);
  if (!outcome) return;
  for (const entry of outcome.notEvaluated) {
    if (entry.ruleId !== undefined && entry.ruleId !== spec.id) continue;
    const input: Parameters<RuleContext['notEvaluated']>[0] = { reason: entry.reason };
    if (entry.location) input.location = entry.location;
    if (entry.resource) input.resource = entry.resource;
    ctx.notEvaluated(input);
  }
  for (const entry of outcome.findings) {
    if (entry.finding.id !== spec.id || spec.skip?.(entry)) continue;
    const a = entry.finding.assignment;
    const input: Parameters<RuleContext['report']>[0] = {
      resource: resourceOf(entry),
      message: entry.finding.message,
      severity: entry.finding.severity,
      evidence: {
        roleAssignmentsFile: outcome.file,
        assignment: assignmentEvidence(a),
        ...(entry.cluster
          ? { cluster: { name: entry.cluster.name, ...(entry.cluster.id ? { id: entry.cluster.id } : {}) } }
          : {}),
        ...spec.evidence?.(entry),
      },
      fix: spec.fix(entry),
      key: a.name ?? `${a.principalId}\u0000${a.roleDefinitionId}\u0000${a.scope}`,
    };
    if (entry.location) input.location = entry.location;
    ctx.report(input);
  }
}
