import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { writeBaseline } from '../../config/baseline.js';
import { significantGaps } from '../../model/coverage.js';
import { atLeast, type Severity } from '../../model/severity.js';
import { colorEnabled } from '../../report/color.js';
import { render } from '../../report/index.js';
import type { RuleFamily } from '../../rules/defineRule.js';
import { resolveConfig, scan, selectRules } from '../../scan.js';
import { type CliIo, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { byteSize, collect, outputFormat, severityThreshold } from '../options.js';

interface ScanFlags {
  output?: string;
  outputFile?: string;
  failOn?: string;
  severity?: string;
  config?: string | false;
  exclude?: string[];
  cluster?: string[];
  namespace?: string;
  maxFileSize?: string;
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
  fold?: boolean;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('scan')
    .description('scan manifests and AKS cluster definitions for security findings')
    .argument('<paths...>', 'files or folders (YAML, JSON, Terraform); - for standard input')
    .option(
      '-o, --output <format>',
      'table, json, sarif, junit or markdown (default: table on a terminal, json otherwise)',
    )
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
      '-n, --namespace <namespace>',
      'namespace of objects that name none, as kubectl apply -n would',
      'default',
    )
    .option('--max-file-size <size>', 'largest file read (e.g. 20MiB)', '20MiB')
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .option('--write-baseline <file>', "write this scan's findings as a baseline")
    .option('--rule <id>', 'run only this rule, or rules with this prefix ending in - (repeatable)', collect)
    .option(
      '--family <family>',
      'run only this family: aks, workload, rbac, network, cross (repeatable)',
      collect,
    )
    .addOption(
      new Option('--pss-level <level>', 'Pod Security level for namespaces without labels').choices([
        'baseline',
        'restricted',
      ]),
    )
    .option('--pss-version <version>', 'Pod Security version for namespaces without labels (v1.N or latest)')
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
      '--no-fold',
      'list every finding, also those implied by another on the same subject (e.g. each power of a cluster-admin binding)',
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      io.exitCode = await runScan(paths, flags, io);
    });
}

async function runScan(paths: string[], flags: ScanFlags, io: CliIo): Promise<number> {
  const format = outputFormat(flags.output, flags.outputFile ? false : io.stdoutIsTTY);
  const display = flags.severity ? severityThreshold(flags.severity, '--severity') : 'none';
  const config = resolveConfig(flags.config === false ? false : flags.config, io.cwd);
  const failOn = flags.failOn ? severityThreshold(flags.failOn, '--fail-on') : (config.failOn ?? 'high');
  const settings: Record<string, unknown> = { defaultNamespace: flags.namespace ?? 'default' };
  if (flags.pssLevel) settings.pssLevel = flags.pssLevel;
  if (flags.pssVersion) settings.pssVersion = flags.pssVersion;
  if (flags.engine) settings.netpolEngine = flags.engine;
  if (flags.k8sVersion) settings.k8sVersion = flags.k8sVersion;
  if (flags.azureRoleAssignments)
    settings.azureRoleAssignmentsFile = resolve(io.cwd, flags.azureRoleAssignments);
  const families = flags.family?.map((family) => {
    if (!['aks', 'workload', 'rbac', 'network', 'cross'].includes(family))
      throw new UsageError(`unknown rule family "${family}"`);
    return family as RuleFamily;
  });

  const progress = progressReporter(io);
  const report = await scan({
    paths,
    cwd: io.cwd,
    config,
    settings,
    io,
    maxFileSize: byteSize(flags.maxFileSize ?? '20MiB'),
    onProgress: progress.update,
    ...(flags.exclude ? { exclude: flags.exclude } : {}),
    ...(flags.cluster ? { clusterFiles: flags.cluster } : {}),
    ...(flags.baseline ? { baseline: flags.baseline } : {}),
    ...(flags.rule ? { only: flags.rule } : {}),
    ...(families ? { families } : {}),
    ...(flags.fold === false ? { fold: false } : {}),
  });
  progress.done();

  const failing =
    (failOn !== 'none' && report.findings.some((finding) => atLeast(finding.severity, failOn))) ||
    (flags.failOnSkipped === true && significantGaps(report.coverage) > 0);
  if (flags.writeBaseline) {
    writeBaseline(resolve(io.cwd, flags.writeBaseline), report.findings);
    io.err(`aksguard: wrote a baseline of ${report.findings.length} finding(s) to ${flags.writeBaseline}\n`);
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
  const text = render(format, {
    report: shown,
    rules,
    color: !flags.outputFile && format === 'table' && colorEnabled(io.env, io.stdoutIsTTY),
    warn: (message) => io.err(`aksguard: ${message}\n`),
  });
  if (flags.outputFile) writeFileSync(resolve(io.cwd, flags.outputFile), text);
  else io.out(text);

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
      io.err(`\r\u001b[2Kaksguard: ${stage}…`);
    },
    done() {
      if (shown) io.err('\r\u001b[2K');
    },
  };
}
