import { realpathSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { TextFile } from '../load/aks/index.js';
import { loadClustersOfInputs } from '../load/clusterLoading.js';
import type { SourceDocument } from '../load/document.js';
import { DEFAULT_MAX_FILE_SIZE, displayPath, readBounded, readInputs } from '../load/files.js';
import { looksLikeKubernetesObject } from '../load/k8s/objects.js';
import type { FileText } from '../load/streamed.js';
import { terraformModuleReader } from '../load/terraformFolders.js';
import { toolConfigKind } from '../load/toolConfig.js';
import { parseYamlFile } from '../load/yaml.js';
import { forEachYamlFile } from '../load/yamlPool.js';
import { clusterField } from '../model/aksCluster.js';
import { type Coverage, countRead, mergeCoverage } from '../model/coverage.js';
import type { LoadIssue } from '../model/inventory.js';
import { gitopsRequests, isGitopsObject } from './render/gitops.js';
import type { RenderRequest } from './render/index.js';
import { defaultRenderSettings, type RenderSettings } from './render/types.js';
import type { Source, SourceOutput, SourceReadOptions } from './source.js';

export interface FilesSourceOptions {
  /** Files, folders, or `-` for standard input. */
  paths: readonly string[];
  /** Glob patterns of paths to leave out (`**\/charts/**`, `*.tfvars`). */
  exclude?: readonly string[];
  /** AKS cluster definitions given explicitly (`--cluster FILE`). */
  clusterFiles?: readonly string[];
  /** Largest file read, in bytes. */
  maxFileSize?: number;
  /** Most YAML documents read from one file (default `DEFAULT_MAX_DOCUMENTS`); a file with more is refused. */
  maxDocuments?: number;
  /** Worker threads reading manifests (0: none); default by input size and cores (`load/yamlPool.ts`). */
  parseWorkers?: number;
  /** Standard input for `-`: read up to `maxBytes` + 1 bytes (see `StdinReader`). */
  io?: { readStdin(maxBytes?: number): Promise<string | Uint8Array> };
  /** Terraform variable files to load after the automatic ones (`terraform plan -var-file`), in order. */
  tfVarFiles?: readonly string[];
  /** How Helm charts and Kustomize overlays are rendered; default: programs on PATH, release `release-name`. */
  render?: RenderSettings;
  /** Environment of the renderer processes (PATH finds helm, kubectl, kustomize); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  cwd: string;
}

/** The name of the files source. */
export const FILES_SOURCE = 'files';

/**
 * Files and folders: walked and bounded by `load/files.ts`, YAML/JSON parsed with positions, every cluster dialect
 * read (ARM, templates with linked templates, Bicep with its modules, Terraform with its modules and tfvars, az
 * scripts), then charts and overlays rendered (found in the walk, or deployed by Flux / Argo CD objects) for the
 * Kubernetes version of the clusters read. The output holds the Kubernetes documents (plain and rendered) and the
 * clusters; documents that are neither are noted here.
 */
export function filesSource(options: FilesSourceOptions): Source {
  return { name: FILES_SOURCE, read: (readOptions) => readFiles(options, readOptions) };
}

async function readFiles(options: FilesSourceOptions, readOptions: SourceReadOptions): Promise<SourceOutput> {
  const cwd = options.cwd;
  const defaultNamespace = readOptions.defaultNamespace;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const clusterPaths = options.clusterFiles ?? [];
  const read = await readInputs({
    paths: [...options.paths, ...clusterPaths],
    cwd,
    ...(options.exclude ? { exclude: options.exclude } : {}),
    maxFileSize,
    ...(options.io ? { readStdin: (maxBytes: number) => options.io!.readStdin(maxBytes) } : {}),
  });
  const issues: LoadIssue[] = [...read.issues];
  const coverage: Coverage = { read: {}, skipped: [...read.skipped], unreadable: [] };
  const explicitClusterFiles = new Set(clusterPaths.map((path) => resolve(cwd, path)));
  const explicitFiles = new Set<string>();
  const terraformFiles: TextFile[] = [];
  const bicepFiles: TextFile[] = [];

  const toolConfigs = read.files.filter(
    (input) =>
      input.kind === 'manifest' &&
      toolConfigKind(input.file) !== undefined &&
      !explicitClusterFiles.has(resolve(cwd, input.file)),
  );
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

  const kubernetesDocuments: SourceDocument[] = [];
  const otherDocuments: SourceDocument[] = [];
  // A streamed command takes the Kubernetes documents as their file is read (`load/streamed.ts`); the GitOps objects
  // among them are also held here for their render requests. What it reports follows this source's own issues.
  const take = readOptions.takeDocument;
  const gitopsDocuments: SourceDocument[] = [];
  const takenIssues: LoadIssue[] = [];
  const takenFiles = new Set<string>();
  const manifests = read.files.filter((input) => input.kind === 'manifest' && !toolConfigs.includes(input));
  const yamlOptions = options.maxDocuments !== undefined ? { maxDocuments: options.maxDocuments } : {};
  await forEachYamlFile(
    manifests,
    {
      ...yamlOptions,
      ...(options.parseWorkers !== undefined ? { workers: options.parseWorkers } : {}),
    },
    (parsed, input) => {
      issues.push(...parsed.issues);
      if (parsed.skipped) coverage.skipped.push(parsed.skipped);
      let from: FileText | undefined;
      for (const document of parsed.documents) {
        // kubescape's ClusterDescribe carries apiVersion/kind but wraps an AKS cluster, not a Kubernetes object.
        if (!looksLikeKubernetesObject(document.value) || document.value.kind === 'ClusterDescribe')
          otherDocuments.push(document);
        else if (!take) kubernetesDocuments.push(document);
        else {
          from ??= { file: input.file, text: input.text, options: yamlOptions };
          take(document, from, takenIssues);
          takenFiles.add(document.file);
          if (isGitopsObject(document.value)) gitopsDocuments.push(document);
        }
      }
    },
  );
  // Counted as `inventoryOf` counts the files of the documents it is given.
  if (takenFiles.size > 0) countRead(coverage, 'kubernetes', takenFiles.size);

  const tfVarFiles = readVarFiles(options.tfVarFiles ?? [], cwd, maxFileSize, issues);
  const clusterResult = await loadClustersOfInputs({
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
  if (terraformFiles.length > 0) countRead(coverage, 'terraform', terraformFiles.length);
  noteUnread(otherDocuments, clusterResult.consumed, explicitFiles, issues, coverage);

  // Charts and overlays: those found in the walk, and those Flux / Argo CD objects deploy (with their values).
  const display = (absolute: string): string => displayPath(cwd, absolute);
  const settings = { ...(options.render ?? defaultRenderSettings(defaultNamespace)) };
  if (settings.kubeVersion === undefined) {
    const version = clusterResult.clusters
      .map((cluster) => clusterField(cluster, 'kubernetesVersion').value)
      .find((value): value is string => typeof value === 'string' && /^\d+\.\d+/.test(value));
    if (version !== undefined) settings.kubeVersion = version;
  }
  const gitops = gitopsRequests(take ? gitopsDocuments : kubernetesDocuments, {
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
  // The renderers (Helm, Kustomize) are imported only when there is something to render.
  const rendered =
    requests.length === 0
      ? []
      : await (await import('./render/index.js')).renderAll(requests, settings, {
          cwd,
          env: options.env ?? process.env,
          display,
        });
  const renderedDocuments: SourceDocument[] = [];
  for (const result of rendered) {
    issues.push(...result.issues);
    mergeCoverage(coverage, result.coverage);
    renderedDocuments.push(...result.documents);
  }
  for (const issue of takenIssues) issues.push(issue);

  return {
    documents: [...kubernetesDocuments, ...renderedDocuments],
    // Terraform and every other cluster dialect are read above, with the inputs only files have.
    terraformFiles: [],
    files: [
      ...read.files.map((input) => input.file),
      ...requests.map((request) => display(request.target.folder)),
    ],
    explicitClusterFiles: new Set(),
    issues,
    coverage,
    clusters: clusterResult.clusters,
  };
}

/**
 * Documents that are neither Kubernetes objects nor cluster definitions: a note, or an error under `--cluster`
 * (files read here, and documents of other sources the inventory reads clusters from).
 */
export function noteUnread(
  documents: readonly SourceDocument[],
  consumed: ReadonlySet<SourceDocument>,
  explicitFiles: ReadonlySet<string>,
  issues: LoadIssue[],
  coverage: Coverage,
): void {
  const notedFiles = new Set<string>();
  for (const document of documents) {
    if (consumed.has(document) || notedFiles.has(document.file)) continue;
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
        ? 'not an AKS cluster definition (ARM resource, az aks show output, ARM template, Bicep, Terraform, plan JSON or az script)'
        : 'not a Kubernetes object or AKS cluster definition (no apiVersion and kind); skipped',
    });
  }
}

function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
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
