import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { atLeast } from '../../model/severity.js';
import { renderFleetJson, renderFleetMarkdown, renderFleetTable } from '../../report/fleet.js';
import { resolveConfig } from '../../scan.js';
import { AZURE_CREDENTIALS, type AzureCredentialKind } from '../../sources/live/azure/credentialKinds.js';
import { type CliIo, EXIT_FINDINGS, EXIT_OK, UsageError } from '../io.js';
import { asUsageError, durationSeconds } from '../live.js';
import { collect, severityThreshold } from '../options.js';
import { progressReporter } from './scan.js';

interface FleetFlags {
  subscription?: string[];
  managementGroup?: string[];
  tenant?: boolean;
  withKubernetes?: boolean;
  parallel: string;
  output?: string;
  outputFile?: string;
  failOn?: string;
  rule?: string[];
  config?: string | false;
  azureCredential: string;
  qps: string;
  timeout: string;
}

/** `aksguard fleet scan`: every AKS cluster of a scope from Azure Resource Graph, one report each and a summary. */
export function register(program: Command, io: CliIo): void {
  const fleet = program
    .command('fleet')
    .description('many clusters at once, found with Azure Resource Graph');
  fleet
    .command('scan')
    .description(
      'judge every AKS cluster of subscriptions, management groups or the tenant; clusters × controls, worst first',
    )
    .option('--subscription <id>', 'a subscription to search (repeatable)', collect)
    .option('--management-group <id>', 'a management group to search (repeatable)', collect)
    .option('--tenant', 'every subscription the identity can read')
    .option(
      '--with-kubernetes',
      "also read each reachable cluster's Kubernetes API (user credentials from Azure, an Entra token)",
    )
    .option('--parallel <n>', 'clusters whose API is read at once with --with-kubernetes', '4')
    .addOption(
      new Option('-o, --output <format>', 'table, json or markdown').choices(['table', 'json', 'markdown']),
    )
    .option('--output-file <file>', 'write the result to a file instead of standard output')
    .option(
      '--fail-on <severity>',
      'exit 1 when any cluster has a finding at or above this severity (default: high)',
    )
    .option('--rule <id>', 'run only this rule, or rules with this prefix ending in - (repeatable)', collect)
    .option('-c, --config <file>', 'configuration file (default: .aksguard.yaml found upward from here)')
    .option('--no-config', 'ignore any configuration file')
    .addOption(
      new Option(
        '--azure-credential <kind>',
        'Azure credential: default (DefaultAzureCredential), cli, msi, workload, env',
      )
        .choices([...AZURE_CREDENTIALS])
        .default('default'),
    )
    .option('--qps <n>', 'with --with-kubernetes: requests per second to each API server', '50')
    .option('--timeout <duration>', "with --with-kubernetes: limit of each cluster's read", '5m')
    .action(async (flags: FleetFlags) => {
      io.exitCode = await runFleet(flags, io).catch(asUsageError);
    });
}

async function runFleet(flags: FleetFlags, io: CliIo): Promise<number> {
  const scopes = [flags.subscription?.length, flags.managementGroup?.length, flags.tenant].filter(
    Boolean,
  ).length;
  if (scopes !== 1)
    throw new UsageError(
      'give exactly one scope: --subscription ID (repeatable), --management-group ID, or --tenant',
    );
  const parallel = Number(flags.parallel);
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new UsageError(`--parallel must be a positive integer (got "${flags.parallel}")`);
  const format = flags.output ?? (io.stdoutIsTTY && !flags.outputFile ? 'table' : 'json');
  const config = resolveConfig(flags.config === false ? false : flags.config, io.cwd);
  const failOn = flags.failOn ? severityThreshold(flags.failOn, '--fail-on') : (config.failOn ?? 'high');
  const progress = progressReporter(io);
  // The fleet scanner and @azure/identity are loaded when a fleet scan runs, not when the command is registered
  // (every root --help registers it).
  const [{ scanFleet }, { azureCredential }] = await Promise.all([
    import('../../fleet.js'),
    import('../../sources/live/azure/credential.js'),
  ]);
  const result = await scanFleet({
    credential: azureCredential(flags.azureCredential as AzureCredentialKind),
    scope: flags.tenant
      ? {}
      : flags.managementGroup?.length
        ? { managementGroups: flags.managementGroup }
        : { subscriptions: flags.subscription! },
    config,
    settings: { cwd: io.cwd },
    parallel,
    kubernetes: { qps: Number(flags.qps), timeoutSeconds: durationSeconds(flags.timeout, '--timeout') },
    onProgress: progress.update,
    ...(flags.withKubernetes ? { withKubernetes: true } : {}),
    ...(flags.rule ? { only: flags.rule } : {}),
  });
  progress.done();
  const text =
    format === 'json'
      ? renderFleetJson(result)
      : format === 'markdown'
        ? renderFleetMarkdown(result)
        : renderFleetTable(result);
  if (flags.outputFile) writeFileSync(resolve(io.cwd, flags.outputFile), text);
  else io.out(text);
  const t = result.timings;
  io.err(
    `aksguard: ${result.clusters.length} cluster(s) from ${result.query.pages} Resource Graph page(s) in ${(t.queryMs / 1000).toFixed(1)} s${result.query.quotaWaitMs > 0 ? ` (${(result.query.quotaWaitMs / 1000).toFixed(1)} s waiting for quota)` : ''}${flags.withKubernetes ? `; Kubernetes APIs ${(t.kubernetesMs / 1000).toFixed(1)} s` : ''}; analysis ${(t.analysisMs / 1000).toFixed(1)} s\n`,
  );
  const failing =
    failOn !== 'none' &&
    result.clusters.some((cluster) => cluster.report.findings.some((f) => atLeast(f.severity, failOn)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
