import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { writeBaseline } from '../../config/baseline.js';
import { DEFAULT_MAX_DOCUMENTS } from '../../load/yaml.js';
import { significantGaps } from '../../model/coverage.js';
import { type KubernetesKind, resourceName } from '../../model/inputs.js';
import type { Inventory } from '../../model/inventory.js';
import { describeJsonError } from '../../model/jsonError.js';
import { atLeast, type Severity } from '../../model/severity.js';
import { colorEnabled } from '../../report/color.js';
import { escapeControl } from '../../report/escape.js';
import { loadRenderer } from '../../report/loadRenderer.js';
import type { Report } from '../../report/report.js';
import { zeroTrustScorecard } from '../../report/scorecard.js';
import { writeChunks } from '../../report/stream.js';
import type { Rule, RuleFamily, ScanSettings } from '../../rules/defineRule.js';
import { inputsOfRules } from '../../rules/inputs.js';
import { resolveConfig, scan, selectRules } from '../../scan.js';
import type { KubernetesSource } from '../../sources/live/kubernetes/source.js';
import { type CliIo, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import {
  addLiveOptions,
  asUsageError,
  type LiveFlags,
  type LiveSources,
  liveSourcesOf,
  liveSummary,
} from '../live.js';
import {
  byteSize,
  collect,
  documentCount,
  outputFormat,
  pssLevelOption,
  pssVersionOption,
  type RenderFlags,
  renderSettingsOf,
  setting,
  severityThreshold,
  withRenderOptions,
} from '../options.js';
import { checkOutputFile, printError, stdoutSink, withOutputFile } from '../output.js';

interface ScanFlags extends RenderFlags, LiveFlags {
  preflight?: boolean;
  output?: string;
  outputFile?: string;
  failOn?: string;
  severity?: string;
  config?: string | false;
  exclude?: string[];
  cluster?: string[];
  tfVarFile?: string[];
  namespace?: string;
  maxFileSize?: string;
  maxDocuments?: string;
  baseline?: string;
  writeBaseline?: string;
  rule?: string[];
  family?: string[];
  pssLevel?: string;
  pssVersion?: string;
  engine?: string;
  k8sVersion?: string;
  azureRoleAssignments?: string;
  failOnSkipped?: boolean;
  all?: boolean;
  fold?: boolean;
  writeReports?: boolean;
}

export function register(program: Command, io: CliIo): void {
  const command = program
    .command('scan')
    .description('scan manifests and AKS cluster definitions, or a live cluster, for security findings')
    .argument(
      '[paths...]',
      'files or folders (YAML, JSON, Terraform, Bicep, az scripts, Helm charts, Kustomize overlays, a folder written by aksguard snapshot); - for standard input',
    )
    .option(
      '-o, --output <format>',
      'table, json, sarif, junit, markdown, html, policyreport (wgpolicyk8s.io) or openreports (openreports.io) (default: table on a terminal, json otherwise)',
    )
    .option('--all', 'table: list low and info findings one by one instead of one line per rule')
    .option('--output-file <file>', 'write the report to a file instead of standard output')
    .option(
      '--fail-on-skipped',
      'exit 1 when inputs that may define clusters or workloads were not analysed (see the coverage section)',
    )
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at or above this severity; none never fails (default: high)',
    )
    .option(
      '--severity <severity>',
      'show only findings at or above this severity (does not change the exit code)',
    )
    .option('-c, --config <file>', 'configuration file (default: .aksguard.yaml found upward from here)')
    .option('--no-config', 'ignore any configuration file')
    .option('--exclude <glob>', 'leave out matching paths (repeatable)', collect)
    .option(
      '--cluster <file>',
      'AKS cluster definition: ARM/az JSON, ARM template, Terraform, plan JSON (repeatable)',
      collect,
    )
    .option(
      '--tf-var-file <file>',
      'Terraform variables file loaded after terraform.tfvars and *.auto.tfvars, like terraform plan -var-file (repeatable)',
      collect,
    )
    .option(
      '-n, --namespace <namespace>',
      'namespace of objects that name none, as kubectl apply -n would; live: read only this namespace',
      'default',
    )
    .option('--max-file-size <size>', 'largest file read (e.g. 20MiB)', '20MiB')
    .option(
      '--max-documents <count>',
      `most YAML documents read from one file; a file with more is refused (default ${DEFAULT_MAX_DOCUMENTS})`,
    )
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .option('--write-baseline <file>', "write this scan's findings as a baseline")
    .option('--rule <id>', 'run only this rule, or rules with this prefix ending in - (repeatable)', collect)
    .option(
      '--family <family>',
      'run only this family: aks, workload, rbac, network, cross (repeatable)',
      collect,
    )
    .addOption(pssLevelOption())
    .addOption(pssVersionOption())
    .addOption(
      new Option('--engine <engine>', 'network policy engine').choices([
        'auto',
        'spec',
        'azure',
        'calico',
        'cilium',
        'none',
        'netpol-analyzer',
      ]),
    )
    .option('--k8s-version <version>', 'Kubernetes version of the cluster (e.g. 1.33)')
    .option('--azure-role-assignments <file>', 'JSON of `az role assignment list` for Azure RBAC analysis')
    .option(
      '--write-reports',
      'live: write the results to the cluster as OpenReports (openreports.io) when that API is served, else PolicyReports (wgpolicyk8s.io): one per namespace and one cluster-wide, server-side applied, stale ones deleted',
    )
    .option(
      '--preflight',
      'live: check that the identity may list every kind the scan reads, print what is missing, and stop',
    )
    .option(
      '--no-fold',
      'list every finding, also those implied by another on the same subject (e.g. each power of a cluster-admin binding)',
    );
  addLiveOptions(command, { secrets: true });
  withRenderOptions(command).action(async (paths: string[], flags: ScanFlags, self: Command) => {
    const namespaceGiven = self.getOptionValueSource('namespace') === 'cli';
    io.exitCode = await runScan(paths, flags, io, namespaceGiven).catch(asUsageError);
  });
}

async function runScan(
  paths: string[],
  flags: ScanFlags,
  io: CliIo,
  namespaceGiven: boolean,
): Promise<number> {
  const format = outputFormat(flags.output, flags.outputFile ? false : io.stdoutIsTTY);
  const outputFile = flags.outputFile ? checkOutputFile(io.cwd, flags.outputFile) : undefined;
  const display = flags.severity ? severityThreshold(flags.severity, '--severity') : 'none';
  const config = resolveConfig(flags.config === false ? false : flags.config, io.cwd);
  const failOn = flags.failOn ? severityThreshold(flags.failOn, '--fail-on') : (config.failOn ?? 'high');
  // The command line's settings are checked against the same schemas as the configuration's (exit 2).
  const settings: Partial<ScanSettings> = {
    defaultNamespace: setting('defaultNamespace', flags.namespace ?? 'default', '--namespace'),
  };
  if (flags.pssLevel) settings.pssLevel = setting('pssLevel', flags.pssLevel, '--pss-level');
  if (flags.pssVersion) settings.pssVersion = setting('pssVersion', flags.pssVersion, '--pss-version');
  if (flags.engine) settings.netpolEngine = setting('netpolEngine', flags.engine, '--engine');
  if (flags.k8sVersion) settings.k8sVersion = setting('k8sVersion', flags.k8sVersion, '--k8s-version');
  if (flags.azureRoleAssignments)
    settings.azureRoleAssignmentsFile = checkJsonFile(
      io.cwd,
      flags.azureRoleAssignments,
      '--azure-role-assignments',
    );
  const families = flags.family?.map((family) => {
    if (!['aks', 'workload', 'rbac', 'network', 'cross'].includes(family))
      throw new UsageError(`unknown rule family "${family}"`);
    return family as RuleFamily;
  });

  const renderSettings = renderSettingsOf(flags, flags.namespace ?? 'default', flags.k8sVersion);
  const progress = progressReporter(io);
  let loaded: { inventory: Inventory; settings: ScanSettings } | undefined;
  const live = await liveSourcesOf(flags, io, {
    ...(namespaceGiven && flags.namespace ? { namespaces: [flags.namespace] } : {}),
    onProgress: progress.update,
  });
  if (paths.length === 0 && live.sources.length === 0)
    throw new UsageError(
      'give files or folders to scan, or a live cluster with --context, --kubeconfig, --in-cluster or --azure-cluster',
    );
  if (flags.writeReports && !live.kubernetes)
    throw new UsageError(
      '--write-reports writes to a live cluster: give --in-cluster, --context or --kubeconfig',
    );
  if (flags.preflight) {
    if (!live.kubernetes)
      throw new UsageError('--preflight checks a live cluster: give --context, --kubeconfig or --in-cluster');
    const rules = selectRules(
      { paths, ...(flags.rule ? { only: flags.rule } : {}), ...(families ? { families } : {}) },
      config,
    );
    return preflightReport(live.kubernetes, rules, io);
  }
  const started = performance.now();
  const report = await scan({
    paths,
    sources: live.sources,
    cwd: io.cwd,
    render: renderSettings,
    env: io.env,
    config,
    settings,
    io,
    maxFileSize: byteSize(flags.maxFileSize ?? '20MiB'),
    ...(flags.maxDocuments !== undefined ? { maxDocuments: documentCount(flags.maxDocuments) } : {}),
    onProgress: progress.update,
    ...(format === 'html'
      ? {
          onInventory: (inventory: Inventory, used: ScanSettings) => (loaded = { inventory, settings: used }),
        }
      : {}),
    ...(flags.exclude ? { exclude: flags.exclude } : {}),
    ...(flags.cluster ? { clusterFiles: flags.cluster } : {}),
    ...(flags.tfVarFile ? { tfVarFiles: flags.tfVarFile } : {}),
    ...(flags.baseline ? { baseline: flags.baseline } : {}),
    ...(flags.rule ? { only: flags.rule } : {}),
    ...(families ? { families } : {}),
    ...(flags.fold === false ? { fold: false } : {}),
  });
  progress.done();
  const summary = liveSummary(live, performance.now() - started - readMs(live), report.coverage);
  if (summary) io.err(summary);

  // --write-reports: the results went to the cluster (fail/warn by --fail-on); a written report is success, so a
  // CronJob's Job does not fail and retry for findings.
  const failing =
    !flags.writeReports &&
    ((failOn !== 'none' && report.findings.some((finding) => atLeast(finding.severity, failOn))) ||
      (flags.failOnSkipped === true && significantGaps(report.coverage) > 0));
  if (flags.writeBaseline) {
    writeBaseline(resolve(io.cwd, flags.writeBaseline), report.findings);
    printError(
      io,
      `aksguard: wrote a baseline of ${report.findings.length} finding(s) to ${flags.writeBaseline}\n`,
    );
  }
  const shown =
    display === 'none'
      ? report
      : {
          ...report,
          findings: report.findings.filter((finding) => atLeast(finding.severity, display as Severity)),
        };
  const rules = selectRules(
    { paths, ...(flags.rule ? { only: flags.rule } : {}), ...(families ? { families } : {}) },
    config,
  );
  const context = {
    report: shown,
    rules,
    color: !flags.outputFile && format === 'table' && colorEnabled(io.env, io.stdoutIsTTY),
    warn: (message: string) => printError(io, `aksguard: ${message}\n`),
    cwd: io.cwd,
    showAll: flags.all === true,
    failOn,
    // Judged on every finding: a display filter must not turn a failing control into a pass. Only the table and HTML
    // show it (a pass over every finding, skipped for the other formats).
    ...(format === 'table' || format === 'html' ? { scorecard: zeroTrustScorecard(report, rules) } : {}),
    // HTML only (the inventory is kept for it alone); its modules are imported only then.
    ...(loaded
      ? {
          extras: (await import('../../report/html/extras.js')).buildReportExtras(
            loaded.inventory,
            loaded.settings,
            report,
          ),
        }
      : {}),
  };
  if (flags.writeReports && live.kubernetes) {
    const namespaces =
      namespaceGiven && flags.namespace && !flags.allNamespaces ? [flags.namespace] : undefined;
    io.err(await writeClusterReports(live.kubernetes, report, rules, failOn, namespaces));
  }
  // Written as it is serialised: a report of any size, never one string.
  // With --write-reports, the cluster has the results: standard output only when -o or --output-file asks.
  const printed = !(flags.writeReports && flags.output === undefined && !outputFile);
  const renderer = printed ? await loadRenderer(format) : undefined;
  if (!renderer) {
    // The cluster has the results; the summary line is on standard error.
  } else if (outputFile && flags.outputFile) {
    withOutputFile(outputFile, flags.outputFile, (sink) => writeChunks(renderer(context), sink));
    if (format === 'html')
      printError(io, `aksguard: wrote the HTML report to ${outputFile} (open it in a browser)\n`);
  } else writeChunks(renderer(context), stdoutSink(io));

  if (report.errors.some((issue) => issue.file === '<internal>')) return EXIT_INTERNAL;
  if (report.errors.length > 0) {
    if (format !== 'table' || flags.outputFile)
      io.err(
        `aksguard: ${report.errors.length} input error(s); the rest was scanned (see "errors" in the report)\n`,
      );
    return EXIT_USAGE;
  }
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/** `--write-reports`: the report objects applied to the cluster that was read, stale ones deleted; a summary line. */
async function writeClusterReports(
  source: KubernetesSource,
  report: Report,
  rules: readonly Rule[],
  failOn: Severity | 'none',
  namespaces: string[] | undefined,
): Promise<string> {
  const { discoverReportApi, writeReports } = await import('../../sources/live/kubernetes/reportWriter.js');
  const { REPORT_APIS, reportObjects } = await import('../../report/policyReport.js');
  const client = await source.openClient();
  try {
    const flavour = await discoverReportApi(client);
    const objects = reportObjects(report, rules, flavour, { failOn, now: new Date() });
    const written = await writeReports(client, flavour, objects, namespaces ? { namespaces } : {});
    const api = REPORT_APIS[flavour];
    return `aksguard: wrote ${written.applied.length} report(s) (${api.group}/${api.version} ${api.namespaced.kind}/${api.cluster.kind}) to ${source.name}${written.deleted.length > 0 ? `, deleted ${written.deleted.length} stale` : ''}\n`;
  } finally {
    client.close();
  }
}

function readMs(live: LiveSources): number {
  return (live.kubernetes?.stats?.elapsedMs ?? 0) + (live.azure?.stats?.elapsedMs ?? 0);
}

/** `--preflight`: one line per kind the rules read, what is missing named with the rules it would leave unjudged. */
async function preflightReport(source: KubernetesSource, rules: readonly Rule[], io: CliIo): Promise<number> {
  const kinds = inputsOfRules(rules).kubernetes ?? [];
  const { source: name, checks } = await source.checkPermissions(kinds);
  const missing = checks.filter((check) => !check.allowed);
  const lines = [`Permissions of ${name} to list what ${rules.length} rules read:`];
  for (const check of checks) {
    const scope = check.namespace !== undefined ? ` in ${check.namespace}` : '';
    const mark = check.allowed ? 'ok     ' : 'MISSING';
    lines.push(
      `  ${mark} list ${resourceName(check.info)}${scope}${check.reason && !check.allowed ? ` (${check.reason})` : ''}`,
    );
    if (!check.allowed) {
      const blocked = rules.filter((rule) =>
        rule.inputs.kubernetes?.includes(check.info.kind as KubernetesKind),
      );
      lines.push(`          not evaluated without it: ${blocked.map((rule) => rule.id).join(', ')}`);
    }
  }
  lines.push(
    missing.length === 0
      ? 'Everything the scan reads can be listed.'
      : `${missing.length} list permission(s) missing: grant them (deploy/clusterrole.yaml has the read-only role) or expect those rules to be reported as not evaluated.`,
  );
  io.out(`${lines.join('\n')}\n`);
  return missing.length === 0 ? EXIT_OK : EXIT_FINDINGS;
}

/**
 * Progress on stderr, only on a terminal and only once the scan has run for a while. The scan is synchronous
 * between stages, so elapsed time is checked at each update rather than by a timer; writes are throttled.
 */
export function progressReporter(
  io: Pick<CliIo, 'err' | 'stderrIsTTY'>,
  clock: () => number = Date.now,
): { update: (stage: string) => void; done: () => void } {
  if (!io.stderrIsTTY) return { update: () => {}, done: () => {} };
  const started = clock();
  let shown = false;
  let lastWrite = 0;
  return {
    update(stage) {
      const now = clock();
      if (now - started < 400 || now - lastWrite < 100) return;
      shown = true;
      lastWrite = now;
      io.err(`\r\u001b[2Kaksguard: ${escapeControl(stage)}…`);
    },
    done() {
      if (shown) io.err('\r\u001b[2K');
    },
  };
}

/** A JSON input named by a flag: missing, unreadable or not JSON is a usage error (exit 2), by position only. */
function checkJsonFile(cwd: string, file: string, flag: string): string {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${flag} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'read error'})`,
    );
  }
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${flag} ${file}: not JSON (${describeJsonError(error, text)})`);
  }
  return path;
}
