/**
 * The live-source options every command shares (`--context`, `--kubeconfig`, `--in-cluster`, `--azure-cluster`,
 * limits), turned into sources; progress and the time summary on standard error. Argument parsing only: the reading
 * is `src/sources/live/`.
 */
import { type Command, Option } from 'commander';
import { loadSources } from '../load/index.js';
import { type ClusterTie, tiesOf } from '../load/scopes.js';
import type { DocumentTaker } from '../load/streamed.js';
import type { Coverage } from '../model/coverage.js';
import { inputKeys, inputOfUnreadable, type RuleInputs } from '../model/inputs.js';
import type { Inventory } from '../model/inventory.js';
import { FILES_SOURCE } from '../sources/files.js';
import { pathSources } from '../sources/index.js';
import { AZURE_CREDENTIALS } from '../sources/live/azure/credentialKinds.js';
import type { AzureClusterSource } from '../sources/live/azure/source.js';
import { LiveSourceError } from '../sources/live/errors.js';
import type { KubernetesSource } from '../sources/live/kubernetes/source.js';
import type { RenderSettings } from '../sources/render/types.js';
import type { Source } from '../sources/source.js';
import { type CliIo, UsageError } from './io.js';

export interface LiveFlags {
  context?: string;
  kubeconfig?: string;
  inCluster?: boolean;
  allNamespaces?: boolean;
  qps?: string;
  burst?: string;
  timeout?: string;
  requestTimeout?: string;
  pageSize?: string;
  includeSecretValues?: boolean;
  kubeCredential?: string;
  azureCluster?: string;
  azureCredential?: string;
}

/** Adds the live-source options to a command. `secrets`: the command may read Secret values. */
export function addLiveOptions(
  command: Command,
  options: { secrets?: boolean; azure?: boolean; allNamespaces?: boolean } = {},
): Command {
  command
    .option('--context <name>', 'read a live cluster: this kubeconfig context')
    .option(
      '--kubeconfig <file>',
      'read a live cluster through this kubeconfig (default: $KUBECONFIG, ~/.kube/config)',
    )
    .option('--in-cluster', "read the cluster aksguard runs in, with the pod's service account");
  if (options.allNamespaces !== false)
    command.option('-A, --all-namespaces', 'live: read every namespace (the default for live reads)');
  command
    .option('--qps <n>', 'live: requests per second to the API server (client-side limit)', '50')
    .option('--burst <n>', 'live: requests allowed at once above --qps', '100')
    .option(
      '--timeout <duration>',
      'live: give up reading after this long (e.g. 90s, 5m); the rest is reported unread',
      '10m',
    )
    .option('--request-timeout <duration>', 'live: limit of one request, then it is retried', '60s')
    .option('--page-size <n>', 'live: objects per list page', '500')
    .addOption(
      new Option(
        '--kube-credential <kind>',
        'live: azure = an Entra token from --azure-credential instead of kubelogin',
      ).choices(['kubeconfig', 'azure']),
    );
  if (options.secrets)
    command.option(
      '--include-secret-values',
      'live: read Secret values too (default: metadata only; values are redacted at load)',
    );
  if (options.azure !== false)
    command.option(
      '--azure-cluster <id>',
      'read the AKS cluster from Azure Resource Manager: its resource id, or auto (found from the kubeconfig API server)',
    );
  command.addOption(
    new Option(
      '--azure-credential <kind>',
      'Azure credential: default (DefaultAzureCredential), cli, msi, workload, env',
    )
      .choices([...AZURE_CREDENTIALS])
      .default('default'),
  );
  return command;
}

/** `90`, `90s`, `5m`, `1h` → seconds. */
export function durationSeconds(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} must be a duration like 90s or 5m (got "${value}")`);
  const n = Number(match[1]);
  const unit = match[2] ?? 's';
  return unit === 'ms' ? n / 1000 : unit === 'm' ? n * 60 : unit === 'h' ? n * 3600 : n;
}

export function positive(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number (got "${value}")`);
  return n;
}

/** Whether the flags ask for a live Kubernetes read. */
export function wantsKubernetes(flags: LiveFlags): boolean {
  return flags.context !== undefined || flags.kubeconfig !== undefined || flags.inCluster === true;
}

export interface LiveSources {
  sources: Source[];
  kubernetes?: KubernetesSource;
  azure?: AzureClusterSource;
}

/**
 * The live sources the flags ask for. `namespaces`: the namespaces to read (undefined: all). Kinds come from the
 * scan (the enabled rules' inputs) unless `kinds` is given. The live-source modules (Kubernetes client, Azure SDKs)
 * are loaded only when a live flag is given: reading files never pays for them.
 */
export async function liveSourcesOf(
  flags: LiveFlags,
  io: CliIo,
  options: LiveSourceOptions = {},
): Promise<LiveSources> {
  if (flags.inCluster && (flags.context !== undefined || flags.kubeconfig !== undefined))
    throw new UsageError("--in-cluster reads the pod's own cluster: leave out --context and --kubeconfig");
  if (!wantsKubernetes(flags) && flags.azureCluster === undefined) return { sources: [] };
  const { buildLiveSources } = await import('./liveSources.js');
  return buildLiveSources(flags, io, options);
}

export interface LiveSourceOptions {
  namespaces?: string[];
  onProgress?: (message: string) => void;
}

/** The time summary of a live read, on standard error: what was read, at what cost, and what could not be. */
export function liveSummary(live: LiveSources, analysisMs: number, coverage: Coverage): string | undefined {
  const parts: string[] = [];
  const k8s = live.kubernetes?.stats;
  if (k8s)
    parts.push(
      `read ${k8s.objects.toLocaleString('en-US')} objects from ${live.kubernetes!.name} in ${seconds(k8s.elapsedMs)} (${k8s.requests} requests, ${k8s.pages} pages${k8s.retries > 0 ? `, ${k8s.retries} retries` : ''}${k8s.rateLimitWaitMs > 0 ? `, ${seconds(k8s.rateLimitWaitMs)} rate-limited` : ''})`,
    );
  const azure = live.azure?.stats;
  if (azure) parts.push(`read the cluster from Azure in ${seconds(azure.elapsedMs)}`);
  if (parts.length === 0) return undefined;
  parts.push(`analysis ${seconds(analysisMs)}`);
  if (coverage.unreadable.length > 0)
    parts.push(`${coverage.unreadable.length} input(s) could not be read (see coverage)`);
  return `aksguard: ${parts.join('; ')}\n`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Live-source failures to start are usage errors (exit 2) naming what to fix. */
export function asUsageError(error: unknown): never {
  if (error instanceof LiveSourceError) throw new UsageError(error.message);
  throw error;
}

export interface CommandInputs {
  /** Files and folders (`-f` or positional), possibly none when live sources are given. */
  paths: readonly string[];
  flags: LiveFlags;
  io: CliIo;
  /** What the command reads: a live source lists exactly these kinds. */
  inputs: RuleInputs;
  defaultNamespace: string;
  exclude?: readonly string[];
  clusterFiles?: readonly string[];
  /** Terraform variable files loaded after the automatic ones (`--tf-var-file`). */
  tfVarFiles?: readonly string[];
  /** How charts and overlays among the paths are rendered (`--helm-bin`, `--values`, ...). */
  render?: RenderSettings;
  /** Which manifests run on which cluster (`clusters:` of the configuration); `clusterFiles` win over them. */
  ties?: readonly ClusterTie[];
  /** Namespaces a live read is limited to (`-n` where it means so). */
  namespaces?: string[];
  /** Usage message when there is no input at all. */
  missing: string;
  /**
   * A streamed command's taker of file documents (`load/streamed.ts`), used when files are the only source (so every
   * issue stays in today's order); the documents it is given are not in the inventory.
   */
  takeDocument?: DocumentTaker;
}

/**
 * The inventory of a query command (pss, netpol, rbac, fix) from files and/or a live cluster. What a live source
 * could not read is printed as a warning naming it; `incomplete` tells the command to exit 2, since an answer
 * computed without it may be wrong.
 */
export async function loadCommandInventory(
  options: CommandInputs,
): Promise<{ inventory: Inventory; incomplete: boolean }> {
  const { io, flags } = options;
  const live = await liveSourcesOf(flags, io, options.namespaces ? { namespaces: options.namespaces } : {});
  if (options.paths.length === 0 && (options.clusterFiles?.length ?? 0) === 0 && live.sources.length === 0)
    throw new UsageError(options.missing);
  const sources = [
    ...pathSources({
      paths: options.paths,
      cwd: io.cwd,
      io,
      env: io.env,
      ...(options.render ? { render: options.render } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
      ...(options.clusterFiles ? { clusterFiles: options.clusterFiles } : {}),
      ...(options.tfVarFiles ? { tfVarFiles: options.tfVarFiles } : {}),
    }),
    ...live.sources,
  ];
  const inventory = await loadSources(sources, {
    defaultNamespace: options.defaultNamespace,
    inputs: options.inputs,
    cwd: io.cwd,
    ties: tiesOf(options.clusterFiles ?? [], options.ties ?? [], io.cwd),
    ...(options.takeDocument && sources.length === 1 && sources[0]!.name === FILES_SOURCE
      ? { takeDocument: options.takeDocument }
      : {}),
  }).catch(asUsageError);
  const wanted = new Set(inputKeys(options.inputs));
  const missing = inventory.coverage.unreadable.filter((entry) => {
    const key = inputOfUnreadable(entry);
    return key !== undefined && wanted.has(key);
  });
  for (const entry of missing)
    io.err(
      `aksguard: ${entry.kind}${entry.namespace ? ` in namespace ${entry.namespace}` : ''} could not be read from ${entry.source}: ${entry.reason}; the answer below is incomplete\n`,
    );
  return { inventory, incomplete: missing.length > 0 };
}
