import { resolve } from 'node:path';
import type { AksCluster } from '../model/aksCluster.js';
import { type Coverage, countRead, type InputDialect } from '../model/coverage.js';
import type { Inventory, LoadIssue } from '../model/inventory.js';
import type { K8sObject } from '../model/k8s.js';
import { loadClusters, type TextFile } from './aks/index.js';
import type { SourceDocument } from './document.js';
import { readInputs } from './files.js';
import { buildInventory } from './inventory.js';
import { looksLikeKubernetesObject, objectsOfDocument } from './k8s/objects.js';
import { type ClusterTie, resolveScopes } from './scopes.js';
import { parseYamlFile } from './yaml.js';

export interface LoadOptions {
  /** Files, folders, or `-` for standard input. */
  paths: readonly string[];
  /** Glob patterns of paths to leave out (`**\/charts/**`, `*.tfvars`). */
  exclude?: readonly string[];
  /** Namespace of namespaced objects that do not name one (what `kubectl apply -n` would use). Default `default`. */
  defaultNamespace?: string;
  /** AKS cluster definitions given explicitly (`--cluster FILE`): every manifest is tied to their clusters. */
  clusterFiles?: readonly string[];
  /**
   * Which manifests run on which cluster (`clusters:` of the configuration); ignored when `clusterFiles` are given
   * (the command line wins). Without ties, one cluster runs every manifest and several run none.
   */
  ties?: readonly ClusterTie[];
  /** Largest file read, in bytes. */
  maxFileSize?: number;
  io?: { readStdin(): Promise<string> };
  cwd?: string;
}

/** Reads the inputs and builds the inventory. Never throws for bad input: problems are `inventory.issues`. */
export async function loadInventory(options: LoadOptions): Promise<Inventory> {
  const cwd = options.cwd ?? process.cwd();
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const clusterPaths = options.clusterFiles ?? [];
  const read = await readInputs({
    paths: [...options.paths, ...clusterPaths],
    cwd,
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(options.io ? { readStdin: () => options.io!.readStdin() } : {}),
  });
  const issues: LoadIssue[] = [...read.issues];
  const objects: K8sObject[] = [];
  const otherDocuments: SourceDocument[] = [];
  const terraformFiles: TextFile[] = [];
  const explicitClusterFiles = new Set(clusterPaths.map((path) => resolve(cwd, path)));
  const explicitFiles = new Set<string>();

  const parsedFiles = read.files
    .filter((input) => input.kind === 'manifest')
    .map((input) => parseYamlFile(input.file, input.text));
  for (const input of read.files) {
    if (explicitClusterFiles.has(resolve(cwd, input.file))) explicitFiles.add(input.file);
    if (input.kind === 'terraform') terraformFiles.push({ file: input.file, text: input.text });
  }
  const coverage: Coverage = { read: {}, skipped: [...read.skipped], unreadable: [] };
  for (const parsed of parsedFiles) {
    issues.push(...parsed.issues);
    if (parsed.skipped) coverage.skipped.push(parsed.skipped);
    let kubernetes = false;
    for (const document of parsed.documents) {
      // kubescape's ClusterDescribe carries apiVersion/kind but wraps an AKS cluster, not a Kubernetes object.
      if (looksLikeKubernetesObject(document.value) && document.value.kind !== 'ClusterDescribe') {
        const result = objectsOfDocument(document, defaultNamespace);
        objects.push(...result.objects);
        issues.push(...result.issues);
        kubernetes = true;
      } else {
        otherDocuments.push(document);
      }
    }
    if (kubernetes) countRead(coverage, 'kubernetes');
  }

  const clusterResult = await loadClusters({ documents: otherDocuments, terraformFiles, explicitFiles });
  issues.push(...clusterResult.issues);
  const notedFiles = new Set<string>();
  for (const document of otherDocuments) {
    if (clusterResult.consumed.has(document) || notedFiles.has(document.file)) continue;
    notedFiles.add(document.file);
    if (!explicitFiles.has(document.file))
      coverage.skipped.push({
        path: document.file,
        category: 'not-kubernetes',
        reason: 'neither a Kubernetes object nor an AKS cluster definition',
        significant: false,
      });
    issues.push({
      level: explicitFiles.has(document.file) ? 'error' : 'note',
      file: document.file,
      line: document.locate([]).line,
      message: explicitFiles.has(document.file)
        ? 'not an AKS cluster definition (ARM resource, az aks show output, ARM template, Terraform or plan JSON)'
        : 'not a Kubernetes object or AKS cluster definition (no apiVersion and kind); skipped',
    });
  }
  if (terraformFiles.length > 0) countRead(coverage, 'terraform', terraformFiles.length);
  countClusterFiles(coverage, clusterResult.clusters);
  const ties: readonly ClusterTie[] =
    clusterPaths.length > 0
      ? clusterPaths.map((path) => ({
          definition: resolve(cwd, path),
          base: cwd,
          source: 'command-line',
          origin: `--cluster ${path}`,
        }))
      : (options.ties ?? []);
  const scoped = resolveScopes(clusterResult.clusters, objects, ties, cwd);
  issues.push(...scoped.issues);
  coverage.skipped.push(...scoped.untied);
  const inventory = buildInventory(
    objects,
    clusterResult.clusters,
    issues,
    read.files.map((input) => input.file),
    coverage,
  );
  inventory.scopes = scoped.scopes;
  return inventory;
}

const CLUSTER_DIALECTS: Record<AksCluster['dialect'], InputDialect | undefined> = {
  arm: 'arm',
  azcli: 'arm',
  armTemplate: 'arm-template',
  // Terraform files are counted as read whether or not they declare a cluster.
  terraform: undefined,
  terraformPlan: 'terraform-plan',
};

/** Files that defined clusters, once each, by dialect. */
function countClusterFiles(coverage: Coverage, clusters: readonly AksCluster[]): void {
  const counted = new Set<string>();
  for (const cluster of clusters) {
    const dialect = CLUSTER_DIALECTS[cluster.dialect];
    const file = cluster.location?.file;
    if (!dialect || file === undefined || counted.has(file)) continue;
    counted.add(file);
    countRead(coverage, dialect);
  }
}

export type { Inventory };
