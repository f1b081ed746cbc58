import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SourceDocument } from '../../load/document.js';
import { parseYamlFile } from '../../load/yaml.js';
import type { SkippedInput } from '../../model/coverage.js';
import type { LoadIssue } from '../../model/inventory.js';
import { isJsonObject, type JsonObject } from '../../model/json.js';
import type { RenderOrigin } from '../../model/source.js';
import { kustomizationFileOf, type OverlayExtras } from './kustomize.js';
import type { RenderTarget } from './plan.js';

/**
 * Flux and Argo CD objects that deploy a chart or an overlay: each becomes a render request when its source is a
 * folder of the scanned tree (rendered with the object's values, release name and namespace), and a
 * `remote-source` coverage entry otherwise.
 */

export interface RenderRequest {
  target: RenderTarget;
  via?: RenderOrigin['via'];
  helm?: {
    releaseName?: string;
    namespace?: string;
    valueFiles?: string[];
    inlineValues?: unknown[];
    set?: string[];
  };
  kustomize?: { extras?: OverlayExtras; defaultNamespace?: string };
}

export interface GitopsResult {
  requests: RenderRequest[];
  skipped: SkippedInput[];
  issues: LoadIssue[];
}

const HELM_RELEASE = /^helm\.toolkit\.fluxcd\.io\//;
const FLUX_KUSTOMIZATION = /^kustomize\.toolkit\.fluxcd\.io\//;
const ARGO = /^argoproj\.io\//;

/** Whether a document is a GitOps object this module reads. */
export function isGitopsObject(value: unknown): value is JsonObject {
  if (!isJsonObject(value) || typeof value.apiVersion !== 'string') return false;
  return (
    (value.kind === 'HelmRelease' && HELM_RELEASE.test(value.apiVersion)) ||
    (value.kind === 'Kustomization' && FLUX_KUSTOMIZATION.test(value.apiVersion)) ||
    (value.kind === 'Application' && ARGO.test(value.apiVersion))
  );
}

/**
 * The render requests of the GitOps objects among `documents`. A source path is looked up from the root of the
 * git work tree holding the object, then from each scanned folder (`roots`): a Flux GitRepository or an Argo CD
 * `repoURL` is the repository the object lives in, in the common single-repository layout.
 */
export function gitopsRequests(
  documents: readonly SourceDocument[],
  options: { cwd: string; roots: readonly string[]; display: (absolute: string) => string },
): GitopsResult {
  const result: GitopsResult = { requests: [], skipped: [], issues: [] };
  for (const document of documents) {
    const value = document.value;
    if (!isGitopsObject(value)) continue;
    const metadata = isJsonObject(value.metadata) ? value.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    const at = document.locate([]);
    const via = {
      kind: value.kind as string,
      name: namespace ? `${namespace}/${name}` : name,
      file: document.file,
      line: at.line,
    };
    const spec = isJsonObject(value.spec) ? value.spec : {};
    const bases = searchBases(
      resolve(options.cwd, document.file),
      options.roots.map((root) => resolve(options.cwd, root)),
    );
    const context: RequestContext = { via, bases, result, document };
    if (value.kind === 'HelmRelease') helmRelease(spec, name, namespace, context);
    else if (value.kind === 'Kustomization') fluxKustomization(spec, context);
    else argoApplication(spec, name, context);
  }
  return result;
}

interface RequestContext {
  via: NonNullable<RenderOrigin['via']>;
  bases: string[];
  result: GitopsResult;
  document: SourceDocument;
}

function remote(context: RequestContext, source: string): void {
  context.result.skipped.push({
    path: context.document.file,
    line: context.via.line,
    category: 'remote-source',
    reason: `${context.via.kind} ${context.via.name}: ${source} is not in the scanned folders; not rendered`,
    significant: true,
  });
}

function note(context: RequestContext, message: string): void {
  context.result.issues.push({
    level: 'note',
    file: context.document.file,
    line: context.via.line,
    message: `${context.via.kind} ${context.via.name}: ${message}`,
  });
}

/** A folder of the source, found from one of the search bases. */
function localFolder(bases: readonly string[], path: string): string | undefined {
  for (const base of bases) {
    const folder = resolve(base, path);
    try {
      if (statSync(folder).isDirectory()) return folder;
    } catch {
      // not under this base
    }
  }
  return undefined;
}

/** The root of the git work tree holding `file` (first), then the scanned folders. */
function searchBases(file: string, roots: readonly string[]): string[] {
  const bases: string[] = [];
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) {
      bases.push(folder);
      break;
    }
    if (dirname(folder) === folder) break;
  }
  for (const root of roots) {
    try {
      bases.push(statSync(root).isDirectory() ? root : dirname(root));
    } catch {
      // a missing root is reported by the walk
    }
  }
  return [...new Set(bases)];
}

/** Flux HelmRelease (helm.toolkit.fluxcd.io v2): a chart from a GitRepository/Bucket path, or from a registry. */
function helmRelease(
  spec: JsonObject,
  name: string,
  namespace: string | undefined,
  context: RequestContext,
): void {
  const chartSpec = isJsonObject(spec.chart) && isJsonObject(spec.chart.spec) ? spec.chart.spec : undefined;
  if (!chartSpec) {
    const ref = isJsonObject(spec.chartRef) ? spec.chartRef : {};
    remote(context, `chart ${String(ref.kind ?? 'chartRef')} ${String(ref.name ?? '')}`.trim());
    return;
  }
  const chart = typeof chartSpec.chart === 'string' ? chartSpec.chart : '';
  const sourceRef = isJsonObject(chartSpec.sourceRef) ? chartSpec.sourceRef : {};
  const sourceKind = typeof sourceRef.kind === 'string' ? sourceRef.kind : 'HelmRepository';
  const folder =
    sourceKind === 'GitRepository' || sourceKind === 'Bucket' ? localFolder(context.bases, chart) : undefined;
  if (!folder || !existsSync(join(folder, 'Chart.yaml'))) {
    remote(context, `chart ${chart} from ${sourceKind} ${String(sourceRef.name ?? '')}`.trim());
    return;
  }
  const targetNamespace = typeof spec.targetNamespace === 'string' ? spec.targetNamespace : undefined;
  // Flux's default release name is `[targetNamespace-]name`.
  const releaseName =
    typeof spec.releaseName === 'string'
      ? spec.releaseName
      : targetNamespace
        ? `${targetNamespace}-${name}`
        : name;
  const helm: NonNullable<RenderRequest['helm']> = { releaseName };
  const releaseNamespace = targetNamespace ?? namespace;
  if (releaseNamespace !== undefined) helm.namespace = releaseNamespace;
  const valuesFiles = Array.isArray(chartSpec.valuesFiles)
    ? chartSpec.valuesFiles.filter((entry): entry is string => typeof entry === 'string')
    : [];
  // valuesFiles replace the chart's values.yaml and are paths in the source (the chart's folder is in it).
  if (valuesFiles.length > 0)
    helm.valueFiles = valuesFiles.map((file) => {
      const base = context.bases.find((candidate) => existsSync(resolve(candidate, file))) ?? folder;
      return resolve(base, file);
    });
  if (Array.isArray(spec.valuesFrom) && spec.valuesFrom.length > 0)
    note(
      context,
      '`valuesFrom` (values from ConfigMaps and Secrets) is not applied; only inline `values` are',
    );
  if (isJsonObject(spec.values)) helm.inlineValues = [spec.values];
  context.result.requests.push({ target: { kind: 'helm', folder }, via: context.via, helm });
}

/** Flux Kustomization (kustomize.toolkit.fluxcd.io v1): `spec.path` of its source, built with its overrides. */
function fluxKustomization(spec: JsonObject, context: RequestContext): void {
  const path = typeof spec.path === 'string' ? spec.path : './';
  const sourceRef = isJsonObject(spec.sourceRef) ? spec.sourceRef : {};
  const sourceKind = typeof sourceRef.kind === 'string' ? sourceRef.kind : 'GitRepository';
  const folder =
    sourceKind === 'GitRepository' || sourceKind === 'Bucket' ? localFolder(context.bases, path) : undefined;
  if (!folder) {
    remote(context, `path ${path} of ${sourceKind} ${String(sourceRef.name ?? '')}`.trim());
    return;
  }
  if (!kustomizationFileOf(folder)) {
    // Flux then generates a kustomization of every manifest under the path: those files are read as they are.
    if (typeof spec.targetNamespace === 'string')
      note(
        context,
        `${path} has no kustomization file; its manifests are read as they are, without targetNamespace`,
      );
    return;
  }
  const extras: OverlayExtras = {};
  if (typeof spec.targetNamespace === 'string') extras.namespace = spec.targetNamespace;
  if (typeof spec.namePrefix === 'string') extras.namePrefix = spec.namePrefix;
  if (typeof spec.nameSuffix === 'string') extras.nameSuffix = spec.nameSuffix;
  if (Array.isArray(spec.images)) extras.images = spec.images;
  if (Array.isArray(spec.patches)) extras.patches = spec.patches;
  if (Array.isArray(spec.components))
    extras.components = spec.components.filter((entry): entry is string => typeof entry === 'string');
  if (isJsonObject(spec.commonMetadata)) {
    if (isJsonObject(spec.commonMetadata.labels))
      extras.commonLabels = stringRecord(spec.commonMetadata.labels);
    if (isJsonObject(spec.commonMetadata.annotations))
      extras.commonAnnotations = stringRecord(spec.commonMetadata.annotations);
  }
  if (isJsonObject(spec.postBuild))
    note(
      context,
      '`postBuild` variable substitution is not applied; `$' + '{VAR}` placeholders are scanned as written',
    );
  context.result.requests.push({
    target: { kind: 'kustomize', folder },
    via: context.via,
    kustomize: { extras },
  });
}

/** Argo CD Application (argoproj.io/v1alpha1): `spec.source` or each of `spec.sources`. */
function argoApplication(spec: JsonObject, name: string, context: RequestContext): void {
  const destination = isJsonObject(spec.destination) ? spec.destination : {};
  const destinationNamespace = typeof destination.namespace === 'string' ? destination.namespace : undefined;
  const sources = Array.isArray(spec.sources) ? spec.sources : isJsonObject(spec.source) ? [spec.source] : [];
  for (const source of sources) {
    if (!isJsonObject(source)) continue;
    if (typeof source.chart === 'string') {
      remote(context, `chart ${source.chart} from ${String(source.repoURL ?? 'a Helm repository')}`);
      continue;
    }
    if (typeof source.path !== 'string') {
      // A `ref`-only source of a multi-source Application (values files for another source).
      if (typeof source.ref !== 'string')
        remote(context, String(source.repoURL ?? 'a source without a path'));
      continue;
    }
    const folder = localFolder(context.bases, source.path);
    if (!folder) {
      remote(context, `path ${source.path} of ${String(source.repoURL ?? 'its repository')}`);
      continue;
    }
    if (existsSync(join(folder, 'Chart.yaml'))) {
      const options = isJsonObject(source.helm) ? source.helm : {};
      const helm: NonNullable<RenderRequest['helm']> = {
        releaseName: typeof options.releaseName === 'string' ? options.releaseName : name,
      };
      if (destinationNamespace !== undefined) helm.namespace = destinationNamespace;
      const valueFiles = Array.isArray(options.valueFiles)
        ? options.valueFiles.filter((entry): entry is string => typeof entry === 'string')
        : [];
      const local = valueFiles.filter((file) => !file.startsWith('$') && !/^[a-z]+:\/\//i.test(file));
      if (local.length < valueFiles.length)
        note(context, 'value files from other sources or URLs are not applied');
      // Argo CD resolves value files against the chart's folder.
      if (local.length > 0) helm.valueFiles = local.map((file) => resolve(folder, file));
      const inline: unknown[] = [];
      if (typeof options.values === 'string') {
        const parsed = parseYamlFile(context.document.file, options.values).documents[0]?.value;
        if (isJsonObject(parsed)) inline.push(parsed);
      } else if (isJsonObject(options.values)) inline.push(options.values);
      // valuesObject takes precedence over values.
      if (isJsonObject(options.valuesObject)) inline.push(options.valuesObject);
      if (inline.length > 0) helm.inlineValues = inline;
      if (Array.isArray(options.parameters)) {
        const set = options.parameters
          .filter(isJsonObject)
          .filter((parameter) => typeof parameter.name === 'string' && parameter.value !== undefined)
          .map((parameter) => `${parameter.name as string}=${String(parameter.value)}`);
        if (set.length > 0) helm.set = set;
      }
      context.result.requests.push({ target: { kind: 'helm', folder }, via: context.via, helm });
    } else if (kustomizationFileOf(folder)) {
      const options = isJsonObject(source.kustomize) ? source.kustomize : {};
      const extras: OverlayExtras = {};
      if (typeof options.namePrefix === 'string') extras.namePrefix = options.namePrefix;
      if (typeof options.nameSuffix === 'string') extras.nameSuffix = options.nameSuffix;
      if (typeof options.namespace === 'string') extras.namespace = options.namespace;
      if (Array.isArray(options.images))
        extras.images = options.images.map(argoImage).filter((image) => image !== undefined);
      if (Array.isArray(options.patches)) extras.patches = options.patches;
      if (Array.isArray(options.components))
        extras.components = options.components.filter((entry): entry is string => typeof entry === 'string');
      if (isJsonObject(options.commonLabels)) extras.commonLabels = stringRecord(options.commonLabels);
      if (isJsonObject(options.commonAnnotations))
        extras.commonAnnotations = stringRecord(options.commonAnnotations);
      const kustomize: NonNullable<RenderRequest['kustomize']> = { extras };
      if (destinationNamespace !== undefined) kustomize.defaultNamespace = destinationNamespace;
      context.result.requests.push({ target: { kind: 'kustomize', folder }, via: context.via, kustomize });
    }
    // A plain folder (Argo CD `directory` source): its manifests are read as they are.
  }
}

/**
 * Argo CD's kustomize image overrides, as `kustomize edit set image` takes them: `name=newName:tag`,
 * `name:tag`, `name@digest`, `name=newName@digest`.
 */
export function argoImage(entry: unknown): Record<string, string> | undefined {
  if (isJsonObject(entry)) return stringRecord(entry);
  if (typeof entry !== 'string' || entry === '') return undefined;
  const [left, right] = entry.includes('=')
    ? [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]
    : [undefined, entry];
  const image: Record<string, string> = {};
  let reference = right;
  const at = reference.indexOf('@');
  if (at !== -1) {
    image.digest = reference.slice(at + 1);
    reference = reference.slice(0, at);
  } else {
    const colon = reference.lastIndexOf(':');
    if (colon > reference.lastIndexOf('/')) {
      image.newTag = reference.slice(colon + 1);
      reference = reference.slice(0, colon);
    }
  }
  if (left !== undefined) {
    image.name = left;
    if (reference !== left) image.newName = reference;
  } else image.name = reference;
  return image;
}

function stringRecord(value: JsonObject): Record<string, string> {
  // No prototype: a `__proto__` label key stays a plain key.
  const out = Object.create(null) as Record<string, string>;
  for (const [key, entry] of Object.entries(value))
    if (entry !== null && entry !== undefined) out[key] = String(entry);
  return out;
}
