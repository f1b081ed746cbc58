import type { Command } from 'commander';
import {
  clampVersion,
  formatVersion,
  type Level,
  type PolicyVersion,
  parseLevel,
  parseVersion,
  type TemplateVerdict,
  verdictOf,
} from '../../engines/pss/index.js';
import { StreamedPodTemplates } from '../../load/streamed.js';
import { formatResource } from '../../model/finding.js';
import type { LoadIssue } from '../../model/inventory.js';
import { escapeControl } from '../../report/escape.js';
import { WORKLOADS_IN_NAMESPACES } from '../../rules/inputs.js';
import { type CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { addLiveOptions, type LiveFlags, loadCommandInventory } from '../live.js';
import { type RenderFlags, renderSettingsOf, withRenderOptions } from '../options.js';
import { printError, writeJson, writeText } from '../output.js';

interface CheckOptions extends RenderFlags, LiveFlags {
  level: string;
  version: string;
  output?: string;
  exclude?: string[];
  namespace: string;
}

/** `aksguard pss check`: what Pod Security Admission would say about every Pod and pod template. */
export function register(program: Command, io: CliIo): void {
  const pss = program
    .command('pss')
    .description('Pod Security Standards verdicts, exactly as Pod Security Admission');
  const check = withRenderOptions(pss.command('check'))
    .description('evaluate every Pod and workload pod template at a Pod Security level and version')
    .argument(
      '[paths...]',
      'files or folders of manifests, - for standard input (or a live cluster: --context)',
    )
    .option('--level <level>', 'baseline or restricted', 'restricted')
    .option('--version <version>', 'policy version: v1.N or latest', 'latest')
    .option('-o, --output <format>', 'table or json (default: table on a terminal, json otherwise)')
    .option('--exclude <glob...>', 'paths to leave out')
    .option(
      '-n, --namespace <namespace>',
      'namespace of objects that name none; live: read only this namespace',
      'default',
    );
  addLiveOptions(check, { azure: false });
  check.action(async (paths: string[], options: CheckOptions, self: Command) => {
    try {
      await runCheck(paths, options, io, self.getOptionValueSource('namespace') === 'cli');
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      printError(io, `aksguard: ${error.message}\n`);
      io.exitCode = EXIT_USAGE;
    }
  });
}

function parsePolicy(options: CheckOptions): { level: Level; version: PolicyVersion } {
  const level = parseLevel(options.level);
  if (level.error !== undefined || level.value === 'privileged') {
    throw new UsageError(`--level must be baseline or restricted, not ${JSON.stringify(options.level)}`);
  }
  const version = parseVersion(options.version);
  if (version.error !== undefined) {
    throw new UsageError(`--version must be "latest" or "v1.N", not ${JSON.stringify(options.version)}`);
  }
  return { level: level.value, version: version.value };
}

async function runCheck(
  paths: string[],
  options: CheckOptions,
  io: CliIo,
  namespaceGiven: boolean,
): Promise<void> {
  const policy = parsePolicy(options);
  const format = options.output ?? (io.stdoutIsTTY ? 'table' : 'json');
  if (format !== 'table' && format !== 'json')
    throw new UsageError(`-o must be table or json, not ${JSON.stringify(format)}`);
  // Files are judged as they are read (`load/streamed.ts`): only the verdicts are kept, not the objects.
  const verdicts: TemplateVerdict[] = [];
  const streamed = new StreamedPodTemplates(options.namespace, (template) => {
    verdicts.push(verdictOf(template, policy));
  });
  const { inventory, incomplete } = await loadCommandInventory({
    paths,
    flags: options,
    io,
    render: renderSettingsOf(options, options.namespace),
    inputs: WORKLOADS_IN_NAMESPACES,
    defaultNamespace: options.namespace,
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(namespaceGiven ? { namespaces: [options.namespace] } : {}),
    missing:
      'give files or folders of manifests, or a live cluster with --context, --kubeconfig or --in-cluster',
    takeDocument: streamed.take,
  });
  const errors = inventory.issues.filter((issue) => issue.level === 'error');
  for (const issue of errors) printError(io, `aksguard: ${describeIssue(issue)}\n`);
  for (const template of streamed.rest(inventory)) verdicts.push(verdictOf(template, policy));
  const evaluatedAs = formatVersion(clampVersion(policy.version));
  if (format === 'json') {
    const report = {
      level: policy.level,
      version: formatVersion(policy.version),
      evaluatedAs,
      // Each verdict holds exactly these members, in this order: resource, location, allowed, violations.
      results: verdicts,
    };
    writeJson(report, io);
  } else {
    writeText(
      renderTable(verdicts, `${policy.level}:${formatVersion(policy.version)}`, evaluatedAs),
      'table',
      io,
    );
  }
  io.exitCode =
    errors.length > 0 || incomplete ? EXIT_USAGE : verdicts.some((v) => !v.allowed) ? EXIT_FINDINGS : EXIT_OK;
}

function describeIssue(issue: LoadIssue): string {
  return `${issue.file}${issue.line !== undefined ? `:${issue.line}` : ''}: ${issue.message}`;
}

function* renderTable(verdicts: TemplateVerdict[], policy: string, evaluatedAs: string): Generator<string> {
  if (verdicts.length === 0) {
    yield 'No Pods or pod templates found.\n';
    return;
  }
  const rows = verdicts.map((v) => [
    escapeControl(formatResource(v.resource)),
    `${escapeControl(v.location.file)}:${v.location.line}`,
    v.allowed ? 'allowed' : 'DENIED',
  ]);
  const header = ['RESOURCE', 'LOCATION', 'VERDICT'];
  // A loop, not Math.max(...rows): spreading 100,000 rows overflows the call stack.
  const widths = header.map((h) => h.length);
  for (const row of rows)
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i]!, cell.length);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd();
  yield `${line(header)}\n`;
  for (const [index, v] of verdicts.entries()) {
    yield `${line(rows[index]!)}\n`;
    for (const violation of v.violations)
      yield `    ${violation.check} (${escapeControl(violation.location.file)}:${violation.location.line}): ${escapeControl(violation.reason)}: ${escapeControl(violation.detail)}\n`;
  }
  const denied = verdicts.filter((v) => !v.allowed).length;
  yield `\n${denied} of ${verdicts.length} pod specs would be refused at ${policy}${policy.endsWith(evaluatedAs) ? '' : ` (evaluated as ${evaluatedAs})`}.\n`;
}
