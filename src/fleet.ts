/**
 * `aksguard fleet scan`: every AKS cluster of subscriptions, management groups or a tenant, found with Azure
 * Resource Graph, each judged by the cluster rules (and, with `withKubernetes`, by every rule over its live API),
 * one report per cluster and a fleet summary: clusters × controls, worst first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { AksguardConfig } from './config/config.js';
import { inventoryOf } from './load/index.js';
import { KUBERNETES_KINDS } from './model/inputs.js';
import { compareCodePoints } from './model/order.js';
import { SEVERITIES, type Severity, severityRank } from './model/severity.js';
import type { Report } from './report/report.js';
import { defaultSettings, type Rule, type ScanSettings } from './rules/defineRule.js';
import { inputsOfRules } from './rules/inputs.js';
import { scanInventory, selectRules } from './scan.js';
import { RawCapture } from './sources/live/azure/capture.js';
import {
  type AzureClientOptions,
  azureFailure,
  outputOfAzureRead,
  parseClusterId,
  sdkOptions,
} from './sources/live/azure/read.js';
import { CLUSTERS_QUERY, type GraphScope, queryResourceGraph } from './sources/live/azure/resourceGraph.js';
import { LiveSourceError } from './sources/live/errors.js';
import { KubernetesSource, type KubernetesSourceOptions } from './sources/live/kubernetes/source.js';
import { execCommandOf, isKubelogin } from './sources/live/kubernetes/target.js';
import { emptyOutput, type SourceOutput } from './sources/source.js';

export interface FleetOptions extends AzureClientOptions {
  scope: GraphScope;
  config: AksguardConfig;
  settings?: Partial<ScanSettings>;
  /** Only these rules (ids or prefixes ending in `-`). */
  only?: readonly string[];
  /** Also read each cluster's Kubernetes API (user credentials from Azure, an Entra token), N at a time. */
  withKubernetes?: boolean;
  parallel?: number;
  /** Limits of each live Kubernetes read. */
  kubernetes?: Omit<KubernetesSourceOptions, 'kubeconfig'>;
  today?: string;
  onProgress?: (message: string) => void;
}

export interface FleetCluster {
  id: string;
  name: string;
  subscription: string;
  resourceGroup: string;
  report: Report;
}

export interface FleetControl {
  ruleId: string;
  title: string;
  severity: Severity;
  /** Clusters with at least one finding of the rule. */
  failing: number;
  notEvaluated: number;
}

export interface FleetResult {
  scope: GraphScope;
  clusters: FleetCluster[];
  /** Controls failing somewhere, worst first. */
  controls: FleetControl[];
  query: { rows: number; pages: number; quotaWaitMs: number; subscriptionLimitHit: boolean };
  timings: { queryMs: number; kubernetesMs: number; analysisMs: number };
}

/** Worst first: more critical findings, then more high, ... then by name. */
export function worstFirst(a: FleetCluster, b: FleetCluster): number {
  for (const severity of SEVERITIES) {
    const diff = b.report.summary[severity] - a.report.summary[severity];
    if (diff !== 0) return diff;
  }
  return compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id);
}

export async function scanFleet(options: FleetOptions): Promise<FleetResult> {
  const started = performance.now();
  options.onProgress?.('querying Azure Resource Graph');
  let found = 0;
  const query = await queryResourceGraph(CLUSTERS_QUERY, options.scope, {
    ...options,
    onPage: (rows) => {
      found += rows;
      options.onProgress?.(`Resource Graph: ${found} clusters`);
    },
  });
  const queryMs = performance.now() - started;
  const settings: ScanSettings = {
    ...defaultSettings(),
    ...options.config.settings,
    ...options.settings,
  } as ScanSettings;
  const families: Rule['family'][] = options.withKubernetes
    ? ['aks', 'workload', 'rbac', 'network', 'cross']
    : ['aks'];
  const scanOptions = {
    paths: [],
    families,
    ...(options.only ? { only: options.only } : {}),
    ...(options.today ? { today: options.today } : {}),
  };
  const rules = selectRules(scanOptions, options.config);

  let kubernetesMs = 0;
  const liveOutputs = new Map<string, SourceOutput>();
  if (options.withKubernetes) {
    const k8sStarted = performance.now();
    const queue = query.rows.filter((row) => typeof row.id === 'string');
    let done = 0;
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const id = String(row.id);
        liveOutputs.set(id, await readClusterApi(id, rules, options));
        options.onProgress?.(`Kubernetes APIs: ${++done}/${query.rows.length}`);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 4) }, worker));
    kubernetesMs = performance.now() - k8sStarted;
  }

  const analysisStarted = performance.now();
  const clusters: FleetCluster[] = [];
  for (const row of query.rows) {
    if (typeof row.id !== 'string') continue;
    let id: ReturnType<typeof parseClusterId>;
    try {
      id = parseClusterId(row.id);
    } catch {
      continue;
    }
    const azure = outputOfAzureRead({
      source: 'azure',
      clusterId: row.id,
      managedCluster: row,
      unreadable: [],
    });
    // Resource Graph rows are the cluster alone: what surrounds it is read per cluster by `scan --azure-cluster`.
    const outputs = [azure, ...(liveOutputs.has(row.id) ? [liveOutputs.get(row.id)!] : [])];
    const inventory = await inventoryOf(outputs, settings.defaultNamespace);
    const report = scanInventory(inventory, scanOptions, options.config, settings);
    clusters.push({
      id: row.id,
      name: id.name,
      subscription: id.subscription,
      resourceGroup: id.resourceGroup,
      report,
    });
  }
  clusters.sort(worstFirst);
  const analysisMs = performance.now() - analysisStarted;
  return {
    scope: options.scope,
    clusters,
    controls: controlsOf(clusters, rules),
    query: {
      rows: query.rows.length,
      pages: query.pages,
      quotaWaitMs: query.quotaWaitMs,
      subscriptionLimitHit: query.subscriptionLimitHit,
    },
    timings: { queryMs, kubernetesMs, analysisMs },
  };
}

function controlsOf(clusters: readonly FleetCluster[], rules: readonly Rule[]): FleetControl[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const failing = new Map<string, number>();
  const skipped = new Map<string, number>();
  for (const cluster of clusters) {
    for (const id of new Set(cluster.report.findings.map((f) => f.ruleId)))
      failing.set(id, (failing.get(id) ?? 0) + 1);
    for (const id of new Set(cluster.report.notEvaluated.map((n) => n.ruleId)))
      skipped.set(id, (skipped.get(id) ?? 0) + 1);
  }
  return [...failing.keys()]
    .map((ruleId) => {
      const rule = byId.get(ruleId);
      return {
        ruleId,
        title: rule?.title ?? ruleId,
        severity: rule?.severity ?? 'info',
        failing: failing.get(ruleId) ?? 0,
        notEvaluated: skipped.get(ruleId) ?? 0,
      };
    })
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        b.failing - a.failing ||
        compareCodePoints(a.ruleId, b.ruleId),
    );
}

/**
 * One cluster's Kubernetes API, with the user credentials Azure hands out (`listClusterUserCredential`) and, for
 * Entra clusters, a token from the credential instead of kubelogin. An unreachable API (a private cluster, a
 * firewall) is a coverage entry of that cluster.
 */
async function readClusterApi(
  clusterId: string,
  rules: readonly Rule[],
  options: FleetOptions,
): Promise<SourceOutput> {
  const id = parseClusterId(clusterId);
  const dir = mkdtempSync(join(tmpdir(), 'aksguard-fleet-'));
  try {
    const capture = new RawCapture();
    const { ContainerServiceClient } = await import('@azure/arm-containerservice');
    const client = new ContainerServiceClient(
      options.credential,
      id.subscription,
      sdkOptions(capture, options),
    );
    let kubeconfig: Uint8Array | undefined;
    try {
      const credentials = await client.managedClusters.listClusterUserCredentials(id.resourceGroup, id.name);
      kubeconfig = credentials.kubeconfigs?.[0]?.value;
    } catch (error) {
      return unreachable(clusterId, `no user credentials: ${azureFailure(error)}`, rules);
    }
    if (!kubeconfig) return unreachable(clusterId, 'Azure returned no kubeconfig', rules);
    const file = join(dir, 'kubeconfig');
    writeFileSync(file, kubeconfig, { mode: 0o600 });
    // Entra clusters hand out a kubeconfig that runs kubelogin: the Entra token comes from the credential instead
    // (never an interactive login across a fleet). Local-account kubeconfigs carry their own credentials.
    const command = await execCommandOf({ kubeconfig: file });
    const source = new KubernetesSource({
      ...options.kubernetes,
      kubeconfig: file,
      ...(command !== undefined && isKubelogin(command)
        ? { azureCredential: options.credential as TokenCredential }
        : {}),
    });
    try {
      return await source.read({ defaultNamespace: 'default', inputs: inputsOfRules(rules) });
    } catch (error) {
      if (error instanceof LiveSourceError) return unreachable(clusterId, error.message, rules);
      throw error;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A cluster whose API could not be read: every kind the rules read is unreadable, so no rule passes on nothing. */
function unreachable(clusterId: string, reason: string, rules: readonly Rule[]): SourceOutput {
  const output = emptyOutput();
  output.coverage.unreadable = (inputsOfRules(rules).kubernetes ?? []).map((name) => {
    const info = KUBERNETES_KINDS[name];
    return {
      source: `${clusterId} (Kubernetes API)`,
      kind: info.kind,
      ...(info.group ? { group: info.group } : {}),
      reason,
    };
  });
  return output;
}
