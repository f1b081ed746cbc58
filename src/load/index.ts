import type { AksCluster } from '../model/aksCluster.js';
import {
  type Coverage,
  countRead,
  emptyCoverage,
  type InputDialect,
  mergeCoverage,
  orderedRead,
} from '../model/coverage.js';
import type { Inventory, LoadIssue } from '../model/inventory.js';
import type { K8sObject } from '../model/k8s.js';
import { type FilesSourceOptions, filesSource, noteUnread } from '../sources/files.js';
import type { LiveRoleAssignments, Source, SourceOutput, SourceReadOptions } from '../sources/source.js';
import type { TextFile } from './aks/index.js';
import { applyPlatformDefaults } from './aks/platformDefaults.js';
import { loadClustersOfInputs } from './clusterLoading.js';
import type { SourceDocument } from './document.js';
import { keepOnce } from './duplicates.js';
import { buildInventory } from './inventory.js';
import { looksLikeKubernetesObject, objectsOfDocument } from './k8s/objects.js';
import { type ClusterTie, resolveScopes, tiesOf } from './scopes.js';

export interface LoadOptions extends Omit<FilesSourceOptions, 'cwd'> {
  /** Namespace of namespaced objects that do not name one (what `kubectl apply -n` would use). Default `default`. */
  defaultNamespace?: string;
  /**
   * Which manifests run on which cluster (`clusters:` of the configuration); ignored when `clusterFiles` are given
   * (the command line wins). Without ties, one cluster runs every manifest and several run none.
   */
  ties?: readonly ClusterTie[];
  cwd?: string;
}

/** Reads the inputs and builds the inventory. Never throws for bad input: problems are `inventory.issues`. */
export async function loadInventory(options: LoadOptions): Promise<Inventory> {
  const { defaultNamespace, cwd: given, ties, ...files } = options;
  const cwd = given ?? process.cwd();
  return loadSources([filesSource({ ...files, cwd })], {
    defaultNamespace: defaultNamespace ?? 'default',
    cwd,
    ties: tiesOf(files.clusterFiles ?? [], ties ?? [], cwd),
  });
}

export interface LoadSourcesOptions extends Partial<SourceReadOptions>, Scoping {
  defaultNamespace: string;
}

/** How manifests are tied to clusters (DESIGN §2 scopes). */
export interface Scoping {
  /** Which manifests run on which cluster (`tiesOf`); none: one cluster runs every manifest, several run none. */
  ties?: readonly ClusterTie[];
  /** Folder tie paths and globs are resolved against; default the process' folder. */
  cwd?: string;
}

/**
 * Reads every source and builds one inventory: Kubernetes objects from the documents that are objects, AKS clusters
 * from the others (every dialect), coverage merged. Never throws for bad input: problems are `inventory.issues`.
 */
export async function loadSources(
  sources: readonly Source[],
  options: LoadSourcesOptions,
): Promise<Inventory> {
  const outputs: SourceOutput[] = [];
  for (const source of sources)
    outputs.push(
      await source.read({
        defaultNamespace: options.defaultNamespace,
        ...(options.inputs ? { inputs: options.inputs } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.takeDocument ? { takeDocument: options.takeDocument } : {}),
      }),
    );
  return inventoryOf(outputs, options.defaultNamespace, options);
}

/** The inventory of what sources read (also used on outputs kept in memory, e.g. a snapshot just taken). */
export async function inventoryOf(
  outputs: readonly SourceOutput[],
  defaultNamespace: string,
  scoping: Scoping = {},
): Promise<Inventory> {
  const issues: LoadIssue[] = [];
  const objects: K8sObject[] = [];
  const otherDocuments: SourceDocument[] = [];
  const terraformFiles: TextFile[] = [];
  const explicitFiles = new Set<string>();
  const coverage = emptyCoverage();
  const files: string[] = [];
  const sourceClusters: AksCluster[] = [];
  let roleAssignments: LiveRoleAssignments | undefined;
  for (const output of outputs) {
    issues.push(...output.issues);
    mergeCoverage(coverage, output.coverage);
    files.push(...output.files);
    terraformFiles.push(...output.terraformFiles);
    for (const file of output.explicitClusterFiles) explicitFiles.add(file);
    if (output.clusters) sourceClusters.push(...output.clusters);
    roleAssignments ??= output.roleAssignments;
    const kubernetesFiles = new Set<string>();
    for (const document of output.documents) {
      // kubescape's ClusterDescribe carries apiVersion/kind but wraps an AKS cluster, not a Kubernetes object.
      if (looksLikeKubernetesObject(document.value) && document.value.kind !== 'ClusterDescribe') {
        const result = objectsOfDocument(document, document.defaultNamespace ?? defaultNamespace);
        objects.push(...result.objects);
        issues.push(...result.issues);
        // Files are counted once each; live sources count the objects they read, renderers their charts.
        if (!document.live && !document.origin) kubernetesFiles.add(document.file);
      } else {
        otherDocuments.push(document);
      }
    }
    if (kubernetesFiles.size > 0) countRead(coverage, 'kubernetes', kubernetesFiles.size);
  }

  // Cluster definitions among documents of sources that do not read clusters themselves (snapshots).
  const clusterResult = await loadClustersOfInputs({
    documents: otherDocuments,
    terraformFiles,
    explicitFiles,
  });
  issues.push(...clusterResult.issues);
  coverage.skipped.push(...clusterResult.skipped);
  noteUnread(otherDocuments, clusterResult.consumed, explicitFiles, issues, coverage);
  if (terraformFiles.length > 0) countRead(coverage, 'terraform', terraformFiles.length);
  // Platform defaults (AKS Automatic) on clusters sources normalised themselves (live ARM reads); idempotent.
  for (const cluster of sourceClusters) applyPlatformDefaults(cluster);
  const clusters = [...clusterResult.clusters, ...sourceClusters];
  countClusterFiles(coverage, clusters);
  const kept = keepOnce(objects, issues);
  const scoped = resolveScopes(clusters, kept, scoping.ties ?? [], scoping.cwd ?? process.cwd());
  issues.push(...scoped.issues);
  coverage.skipped.push(...scoped.untied);
  coverage.read = orderedRead(coverage.read);
  const inventory = buildInventory(kept, clusters, issues, files, coverage);
  inventory.scopes = scoped.scopes;
  if (roleAssignments) inventory.roleAssignments = roleAssignments;
  return inventory;
}

const CLUSTER_DIALECTS: Record<AksCluster['dialect'], InputDialect | undefined> = {
  arm: 'arm',
  azcli: 'arm',
  armTemplate: 'arm-template',
  // Terraform and Bicep files are counted as read whether or not they declare a cluster.
  terraform: undefined,
  bicep: undefined,
  terraformPlan: 'terraform-plan',
  azScript: 'az-script',
};

/** Files that defined clusters, once each, by dialect; clusters read live are counted by their source. */
function countClusterFiles(coverage: Coverage, clusters: readonly AksCluster[]): void {
  const counted = new Set<string>();
  for (const cluster of clusters) {
    const dialect = CLUSTER_DIALECTS[cluster.dialect];
    const location = cluster.location;
    if (!dialect || location === undefined || location.live || counted.has(location.file)) continue;
    counted.add(location.file);
    countRead(coverage, dialect);
  }
}

export type { Inventory };
