import { realpathSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { AksCluster } from '../model/aksCluster.js';
import { clusterField } from '../model/aksCluster.js';
import { type Coverage, countRead, type InputDialect, mergeCoverage } from '../model/coverage.js';
import type { Inventory, LoadIssue } from '../model/inventory.js';
import type { K8sObject } from '../model/k8s.js';
import { gitopsRequests } from '../sources/render/gitops.js';
import {
  defaultRenderSettings,
  type RenderRequest,
  type RenderSettings,
  renderAll,
} from '../sources/render/index.js';
import { loadClusters, type TextFile } from './aks/index.js';
import type { SourceDocument } from './document.js';
import { keepOnce } from './duplicates.js';
import { DEFAULT_MAX_FILE_SIZE, displayPath, readBounded, readInputs } from './files.js';
import { buildInventory } from './inventory.js';
import { looksLikeKubernetesObject, objectsOfDocument } from './k8s/objects.js';
import { terraformModuleReader } from './terraformFolders.js';
import { toolConfigKind } from './toolConfig.js';
import { parseYamlFile } from './yaml.js';

export interface LoadOptions {
  /** Files, folders, or `-` for standard input. */
  paths: readonly string[];
  /** Glob patterns of paths to leave out (`**\/charts/**`, `*.tfvars`). */
  exclude?: readonly string[];
  /** Namespace of namespaced objects that do not name one (what `kubectl apply -n` would use). Default `default`. */
  defaultNamespace?: string;
  /** AKS cluster definitions given explicitly (`--cluster FILE`). */
  clusterFiles?: readonly string[];
  /** Largest file read, in bytes. */
  maxFileSize?: number;
  /** Most YAML documents read from one file (default `DEFAULT_MAX_DOCUMENTS`); a file with more is refused. */
  maxDocuments?: number;
  /** Standard input for `-`: read up to `maxBytes` + 1 bytes (see `StdinReader`). */
  io?: { readStdin(maxBytes?: number): Promise<string | Uint8Array> };
  /** Terraform variable files to load after the automatic ones (`terraform plan -var-file`), in order. */
  tfVarFiles?: readonly string[];
  cwd?: string;
  /** How Helm charts and Kustomize overlays are rendered; default: programs on PATH, release `release-name`. */
  render?: RenderSettings;
  /** Environment of the renderer processes (PATH finds helm, kubectl, kustomize); default `process.env`. */
  env?: NodeJS.ProcessEnv;
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
    ...(options.io ? { readStdin: (maxBytes: number) => options.io!.readStdin(maxBytes) } : {}),
  });
  const issues: LoadIssue[] = [...read.issues];
  const objects: K8sObject[] = [];
  const otherDocuments: SourceDocument[] = [];
  const terraformFiles: TextFile[] = [];
  const bicepFiles: TextFile[] = [];
  const explicitClusterFiles = new Set(clusterPaths.map((path) => resolve(cwd, path)));
  const explicitFiles = new Set<string>();

  const toolConfigs = read.files.filter(
    (input) =>
      input.kind === 'manifest' &&
      toolConfigKind(input.file) !== undefined &&
      !explicitClusterFiles.has(resolve(cwd, input.file)),
  );
  const parsedFiles = read.files
    .filter((input) => input.kind === 'manifest' && !toolConfigs.includes(input))
    .map((input) =>
      parseYamlFile(
        input.file,
        input.text,
        options.maxDocuments !== undefined ? { maxDocuments: options.maxDocuments } : {},
      ),
    );
  for (const input of read.files) {
    if (explicitClusterFiles.has(resolve(cwd, input.file))) explicitFiles.add(input.file);
    if (input.kind === 'terraform')
      terraformFiles.push({
        file: input.file,
        text: input.text,
        ...(input.directory ? { directory: input.directory } : {}),
      });
    if (input.kind === 'bicep') bicepFiles.push({ file: input.file, text: input.text });
  }
  const coverage: Coverage = { read: {}, skipped: [...read.skipped], unreadable: [] };
  for (const input of toolConfigs) {
    const kind = toolConfigKind(input.file)!;
    coverage.skipped.push({
      path: input.file,
      category: 'tool-config',
      reason: `${kind}: editor or tool configuration, not a Kubernetes or Azure definition`,
      significant: false,
    });
    issues.push({ level: 'note', file: input.file, message: `${kind}; not analysed` });
  }
  const kubernetesDocuments: SourceDocument[] = [];
  for (const parsed of parsedFiles) {
    issues.push(...parsed.issues);
    if (parsed.skipped) coverage.skipped.push(parsed.skipped);
    let kubernetes = false;
    for (const document of parsed.documents) {
      // kubescape's ClusterDescribe carries apiVersion/kind but wraps an AKS cluster, not a Kubernetes object.
      if (looksLikeKubernetesObject(document.value) && document.value.kind !== 'ClusterDescribe') {
        kubernetesDocuments.push(document);
        kubernetes = true;
      } else {
        otherDocuments.push(document);
      }
    }
    if (kubernetes) countRead(coverage, 'kubernetes');
  }

  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const tfVarFiles = readVarFiles(options.tfVarFiles ?? [], cwd, maxFileSize, issues);
  const clusterResult = await loadClusters({
    documents: otherDocuments,
    terraformFiles: terraformFiles.filter((file) => !tfVarFiles.some((named) => named.file === file.file)),
    explicitFiles,
    tfVarFiles,
    scripts: read.files
      .filter((input) => input.kind === 'script')
      .map((input) => ({ file: input.file, text: input.text })),
    fileTexts: new Map(read.files.map((input) => [input.file, input.text])),
    terraformModules: terraformModuleReader(cwd, maxFileSize),
    readDocument: (file) => {
      const result = readBounded(resolve(cwd, file), maxFileSize);
      if ('error' in result) return undefined;
      const parsed = parseYamlFile(file, result.text);
      return parsed.documents.length === 1 ? parsed.documents[0] : undefined;
    },
    bicepFiles,
    // Bicep modules outside the inputs are read as the inputs are (size bound, text only).
    readFile: (path) => readBounded(resolve(cwd, path), maxFileSize),
  });
  issues.push(...clusterResult.issues);
  coverage.skipped.push(...clusterResult.skipped);
  if (clusterResult.bicepRead && clusterResult.bicepRead.length > 0)
    countRead(coverage, 'bicep', clusterResult.bicepRead.length);
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

  // Charts and overlays: those found in the walk, and those Flux / Argo CD objects deploy (with their values).
  const display = (absolute: string): string => displayPath(cwd, absolute);
  const settings = { ...(options.render ?? defaultRenderSettings(defaultNamespace)) };
  if (settings.kubeVersion === undefined) {
    const version = clusterResult.clusters
      .map((cluster) => clusterField(cluster, 'kubernetesVersion').value)
      .find((value): value is string => typeof value === 'string' && /^\d+\.\d+/.test(value));
    if (version !== undefined) settings.kubeVersion = version;
  }
  const gitops = gitopsRequests(kubernetesDocuments, {
    cwd,
    roots: options.paths.filter((path) => path !== '-'),
    display,
  });
  issues.push(...gitops.issues);
  coverage.skipped.push(...gitops.skipped);
  const deployed = new Set(
    gitops.requests.map((request) => `${request.target.kind}:${realOf(request.target.folder)}`),
  );
  const requests: RenderRequest[] = [
    ...read.renderTargets
      .filter((target) => !deployed.has(`${target.kind}:${realOf(target.folder)}`))
      .map((target) => ({ target })),
    ...gitops.requests,
  ];
  const rendered = await renderAll(requests, settings, { cwd, env: options.env ?? process.env, display });
  const renderedDocuments: SourceDocument[] = [];
  for (const result of rendered) {
    issues.push(...result.issues);
    mergeCoverage(coverage, result.coverage);
    renderedDocuments.push(...result.documents);
  }

  for (const document of [...kubernetesDocuments, ...renderedDocuments]) {
    const result = objectsOfDocument(document, document.defaultNamespace ?? defaultNamespace);
    objects.push(...result.objects);
    issues.push(...result.issues);
  }
  return buildInventory(
    keepOnce(objects, issues),
    clusterResult.clusters,
    issues,
    [...read.files.map((input) => input.file), ...requests.map((request) => display(request.target.folder))],
    coverage,
  );
}

function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
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

/** `--tf-var-file` files: read like inputs (bounded); a missing one is an error naming it. */
function readVarFiles(
  paths: readonly string[],
  cwd: string,
  maxFileSize: number,
  issues: LoadIssue[],
): TextFile[] {
  const files: TextFile[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const result = readBounded(absolute, maxFileSize);
    if ('error' in result) {
      issues.push({ level: 'error', file: path, message: `--tf-var-file: ${result.error}` });
      continue;
    }
    const shown = relative(cwd, absolute);
    let directory: string;
    try {
      directory = realpathSync(dirname(absolute));
    } catch {
      directory = dirname(absolute);
    }
    files.push({ file: shown || path, text: result.text, directory });
  }
  return files;
}

export type { Inventory };
