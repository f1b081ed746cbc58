import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { SourceDocument } from '../../load/document.js';
import { parseYamlFile } from '../../load/yaml.js';
import { countRead, emptyCoverage } from '../../model/coverage.js';
import { isJsonObject } from '../../model/json.js';
import type { Location, PathSegment, RenderOrigin } from '../../model/source.js';
import { type Found, type KustomizeRenderer, supportsOriginAnnotations } from './binaries.js';
import { runProgram } from './exec.js';
import { PatchIndex } from './kustomizePatches.js';
import type { RenderContext, RenderResult, RenderSettings } from './types.js';

/** The file names kustomize looks for, in its order (`konfig.RecognizedKustomizationFileNames`). */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** The kustomization file of a folder, or undefined when it is not a kustomization root. */
export function kustomizationFileOf(folder: string): string | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const path = join(folder, name);
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      // not this name
    }
  }
  return undefined;
}

/** What a kustomization reads: local folders (bases, components), local files, and remote sources. */
export interface KustomizationRefs {
  file: string;
  /** `Kustomization` or `Component`. */
  kind: string;
  folders: string[];
  files: string[];
  remote: string[];
  /** Entries that are neither local nor remote-looking (kustomize will fail on them). */
  missing: string[];
  /**
   * Files of `configMapGenerator` / `secretGenerator` (`envs`, `env`, `files`) that do not exist, as written: often
   * written by the deployment tool just before it builds (azd's `.env`) and not committed.
   */
  absentGeneratorInputs: string[];
}

/**
 * Reads a kustomization file's references, resolved against its folder. Entries of `resources`, `bases` and
 * `components` are files, folders (kustomization roots) or, when neither exists, remote targets (kustomize tries a
 * git/HTTP loader for those); every other field names files only.
 */
export function kustomizationRefs(folder: string): KustomizationRefs | undefined {
  const file = kustomizationFileOf(folder);
  if (!file) return undefined;
  const refs: KustomizationRefs = {
    file,
    kind: 'Kustomization',
    folders: [],
    files: [file],
    remote: [],
    missing: [],
    absentGeneratorInputs: [],
  };
  let value: unknown;
  try {
    value = parseYamlFile(file, readFileSync(file, 'utf8')).documents[0]?.value;
  } catch {
    return refs;
  }
  if (!isJsonObject(value)) return refs;
  if (typeof value.kind === 'string') refs.kind = value.kind;
  const strings = (entry: unknown): string[] =>
    Array.isArray(entry) ? entry.filter((item): item is string => typeof item === 'string') : [];
  const addFile = (entry: string | undefined): void => {
    if (entry === undefined || entry.includes('\n')) return;
    const path = resolve(folder, entry);
    if (isFile(path)) refs.files.push(path);
  };
  for (const entry of [...strings(value.resources), ...strings(value.bases), ...strings(value.components)]) {
    const path = resolve(folder, entry);
    if (isDirectory(path)) refs.folders.push(path);
    else if (isFile(path)) refs.files.push(path);
    else if (looksRemote(entry)) refs.remote.push(entry);
    else refs.missing.push(entry);
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements'] as const)
    for (const entry of Array.isArray(value[field]) ? value[field] : [])
      if (isJsonObject(entry) && typeof entry.path === 'string') addFile(entry.path);
  for (const entry of strings(value.patchesStrategicMerge)) addFile(entry);
  for (const entry of strings(value.crds)) addFile(entry);
  for (const field of ['generators', 'transformers', 'validators'] as const)
    for (const entry of strings(value[field])) {
      const path = resolve(folder, entry);
      if (isDirectory(path)) refs.folders.push(path);
      else addFile(entry);
    }
  const addGeneratorInput = (entry: string): void => {
    if (entry.includes('\n')) return;
    if (isFile(resolve(folder, entry))) addFile(entry);
    else if (!looksRemote(entry)) refs.absentGeneratorInputs.push(entry);
  };
  for (const field of ['configMapGenerator', 'secretGenerator'] as const)
    for (const generator of Array.isArray(value[field]) ? value[field] : []) {
      if (!isJsonObject(generator)) continue;
      // `files` entries are `path` or `key=path`.
      for (const entry of strings(generator.files))
        addGeneratorInput(entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry);
      for (const entry of strings(generator.envs)) addGeneratorInput(entry);
      if (typeof generator.env === 'string') addGeneratorInput(generator.env);
    }
  if (isJsonObject(value.openapi) && typeof value.openapi.path === 'string') addFile(value.openapi.path);
  return refs;
}

/** kustomize's remote targets: URLs, `git@host:`, `host.tld/org/repo` (its repospec parser), `?ref=`. */
export function looksRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^[\w.-]+@[\w.-]+:/.test(entry) ||
    /^git::/.test(entry) ||
    /\?(ref|version|submodules|timeout)=/.test(entry) ||
    /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(entry)
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A kustomization and the local kustomizations it builds on (bases, components), each once, bounded. */
export function reachableKustomizations(folder: string): KustomizationRefs[] {
  const seen = new Set<string>();
  const found: KustomizationRefs[] = [];
  const queue = [folder];
  while (queue.length > 0 && seen.size < 1000) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const refs = kustomizationRefs(next);
    if (!refs) continue;
    found.push(refs);
    queue.push(...refs.folders);
  }
  return found;
}

/** Remote targets reachable from a kustomization through its local bases and components. */
export function remoteTargetsOf(folder: string): { from: string; target: string }[] {
  return reachableKustomizations(folder).flatMap((refs) =>
    refs.remote.map((target) => ({ from: refs.file, target })),
  );
}

/** Extra settings a GitOps object applies on top of the overlay (Flux Kustomization, Argo CD `kustomize:`). */
export interface OverlayExtras {
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  images?: unknown[];
  patches?: unknown[];
  components?: string[];
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
}

export interface KustomizeRenderOptions {
  kustomize: Found<KustomizeRenderer>;
  settings: RenderSettings;
  context: RenderContext;
  extras?: OverlayExtras;
  via?: RenderOrigin['via'];
  /** Namespace of objects that name none once built (Argo CD's destination namespace). */
  defaultNamespace?: string;
  /** Receives the built output, origins relative to the overlay (golden files and their test). */
  onOutput?: (output: string) => void;
}

const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/**
 * Builds an overlay with `kubectl kustomize` / `kustomize build` and returns its objects, each located in the file
 * it came from. The overlay is built through a wrapper kustomization in a temporary folder that lists it as its
 * only resource and asks for `buildMetadata: [originAnnotations]` (kustomize v4.5+), so the user's files are
 * never changed; the annotation is removed again before the objects are scanned.
 */
export async function renderKustomization(
  folder: string,
  options: KustomizeRenderOptions,
): Promise<RenderResult> {
  const { settings, context } = options;
  const overlay = context.display(folder);
  const result: RenderResult = { documents: [], issues: [], coverage: emptyCoverage() };
  const notRendered = (
    reason: string,
    category: 'not-rendered' | 'remote-source' = 'not-rendered',
    cause?: string,
  ): RenderResult => {
    result.coverage.skipped.push({
      path: overlay,
      category,
      reason: `Kustomize overlay not rendered: ${reason}`,
      significant: true,
      ...(cause !== undefined ? { cause } : {}),
    });
    return result;
  };
  if ('missing' in options.kustomize)
    return notRendered(
      `${options.kustomize.missing} (install kubectl or kustomize, or give --kustomize-bin)`,
      'not-rendered',
      options.kustomize.missing,
    );
  if (!settings.allowNetwork) {
    const remote = remoteTargetsOf(folder);
    if (remote.length > 0) {
      const list = remote.map((entry) => `${entry.target} (in ${context.display(entry.from)})`).join(', ');
      return notRendered(`remote bases are not fetched without --allow-network: ${list}`, 'remote-source');
    }
  }
  const renderer = options.kustomize.renderer;
  const withOrigins = supportsOriginAnnotations(renderer.version);
  const wrapper = mkdtempSync(join(tmpdir(), 'aksguard-kustomize-'));
  try {
    writeFileSync(
      join(wrapper, 'kustomization.yaml'),
      wrapperKustomization(wrapper, folder, withOrigins, options.extras),
    );
    const args = renderer.mode === 'kubectl' ? ['kustomize', wrapper] : ['build', wrapper];
    const run = await runProgram(renderer.path, args, {
      cwd: wrapper,
      env: context.env,
      ...(settings.limits ? { limits: settings.limits } : {}),
    });
    if (!run.ok) {
      const reason = kustomizeError(run.reason, context.display);
      const absent = absentGeneratorInputsOf(folder, run.reason);
      if (absent.length > 0) {
        // kustomize reads a generator's env and file sources when it builds (api/kv/kv.go, loader.Load: "env
        // source files", "file sources"), and a missing one fails the build of an otherwise valid overlay. Such
        // files are usually written by the deployment tool just before it builds (azd writes `.env` from its
        // environment) and gitignored: the overlay is not rendered and said so, which is not an input error.
        const names = [...new Set(absent.map((entry) => entry.input))].join(', ');
        const cause = `kustomize build failed: ${names} not found`;
        const own = kustomizationFileOf(folder) ?? folder;
        const bases = [...new Set(absent.filter((entry) => entry.from !== own).map((entry) => entry.from))];
        const where = bases.length > 0 ? ` (in ${bases.map(context.display).join(', ')})` : '';
        result.issues.push({
          level: 'note',
          file: context.display(own),
          message: `overlay not rendered: ${names}, read by a configMapGenerator or secretGenerator${where}, does not exist; deployment tools write such files before they build (azd writes .env). Create it, with any values, to scan the overlay`,
        });
        return notRendered(`${cause}${where}`, 'not-rendered', cause);
      }
      result.issues.push({
        level: 'error',
        file: context.display(kustomizationFileOf(folder) ?? folder),
        message: `kustomize build failed: ${reason}`,
      });
      return notRendered(`kustomize build failed: ${reason}`);
    }
    countRead(result.coverage, 'kustomize');
    const output = originsRelativeTo(run.stdout, wrapper, folder);
    options.onOutput?.(output);
    const mapped = documentsOfKustomizeOutput(output, {
      folder,
      context,
      ...(options.via ? { via: options.via } : {}),
      ...(options.defaultNamespace !== undefined ? { defaultNamespace: options.defaultNamespace } : {}),
    });
    result.documents.push(...mapped.documents);
    result.issues.push(...mapped.issues);
    return result;
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
}

/**
 * The generator inputs (`configMapGenerator` / `secretGenerator` files) absent from the overlay and the local
 * kustomizations it builds on, when kustomize's build failed loading them (its KV loader's "env source files" /
 * "file sources" errors); empty for any other failure, which stays an input error.
 */
function absentGeneratorInputsOf(folder: string, failure: string): { from: string; input: string }[] {
  if (!/(env source files|file sources): \[/.test(failure)) return [];
  return reachableKustomizations(folder).flatMap((refs) =>
    refs.absentGeneratorInputs.map((input) => ({ from: refs.file, input })),
  );
}

/**
 * kustomize's error, without the envelope of the wrapper's one resource (`accumulating resources from '../x': ...
 * must resolve to a file': recursed accumulation of path '/x': `, or `couldn't make target for path 'x': ` when the
 * overlay's own kustomization cannot be read) and with absolute paths shown as reported.
 */
export function kustomizeError(reason: string, display: (absolute: string) => string): string {
  const inner = reason.replace(
    /^(error: )?accumulating resources: accumulation err='accumulating resources from '[^']*': '[^']*' must resolve to a file': (recursed accumulation of|couldn't make target for) path '[^']*': /,
    '',
  );
  return inner.replace(
    /(^|[\s'"[(=])(\/[^\s'":\])]+)/g,
    (_all, before: string, path: string) => `${before}${display(path)}`,
  );
}

/**
 * kustomize writes origin paths relative to the kustomization it built (here the temporary wrapper); they are
 * rewritten relative to the overlay folder, so the output is the same wherever the wrapper was (and can be kept as
 * a golden file). Remote origins (`repo:`) are paths inside their repository and stay as they are.
 */
export function originsRelativeTo(output: string, from: string, to: string): string {
  const lines = output.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const header = /^(\s*)config\.kubernetes\.io\/origin: \|-?\s*$/.exec(lines[index]!);
    if (!header) continue;
    const indent = header[1]!.length;
    let end = index + 1;
    while (end < lines.length && lines[end]!.length - lines[end]!.trimStart().length > indent) end++;
    const block = lines.slice(index + 1, end);
    if (!block.some((line) => /^\s+repo:/.test(line)))
      for (let at = index + 1; at < end; at++)
        lines[at] = lines[at]!.replace(
          /^(\s+)(path|configuredIn): (.+)$/,
          (_all, space: string, key: string, path: string) =>
            `${space}${key}: ${relative(to, resolve(from, path)).split('\\').join('/')}`,
        );
    index = end - 1;
  }
  return lines.join('\n');
}

/** The objects of `kustomize build` output (origins relative to `folder`), each located in the file it came from. */
export function documentsOfKustomizeOutput(
  output: string,
  options: { folder: string; context: RenderContext; via?: RenderOrigin['via']; defaultNamespace?: string },
): { documents: SourceDocument[]; issues: RenderResult['issues'] } {
  const { folder, context } = options;
  const overlay = context.display(folder);
  const parsed = parseYamlFile(overlay, output);
  const issues = parsed.issues.map((issue) => ({
    ...issue,
    message: `rendered by kustomize: ${issue.message}`,
  }));
  const origin: RenderOrigin = { overlay, ...(options.via ? { via: options.via } : {}) };
  const sources = new OriginFiles(context);
  const patches = new PatchIndex(folder, context.display);
  const fallback = { file: context.display(kustomizationFileOf(folder) ?? folder), document: undefined };
  const documents = parsed.documents.map((document) => {
    const from = takeOrigin(document.value);
    const located = from ? sources.resolve(folder, from, document.value) : undefined;
    return new KustomizeRenderedDocument(
      document.index,
      document.value,
      located ?? fallback,
      origin,
      patches,
      options.defaultNamespace,
    );
  });
  return { documents, issues };
}

function wrapperKustomization(
  wrapper: string,
  folder: string,
  withOrigins: boolean,
  extras: OverlayExtras | undefined,
): string {
  const body: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [relative(wrapper, folder).split('\\').join('/')],
  };
  if (withOrigins) body.buildMetadata = ['originAnnotations'];
  if (extras) {
    if (extras.namespace !== undefined) body.namespace = extras.namespace;
    if (extras.namePrefix !== undefined) body.namePrefix = extras.namePrefix;
    if (extras.nameSuffix !== undefined) body.nameSuffix = extras.nameSuffix;
    if (extras.images && extras.images.length > 0) body.images = extras.images;
    if (extras.patches && extras.patches.length > 0) body.patches = extras.patches;
    if (extras.components && extras.components.length > 0)
      body.components = extras.components.map((component) =>
        relative(wrapper, resolve(folder, component)).split('\\').join('/'),
      );
    if (extras.commonLabels) body.labels = [{ pairs: extras.commonLabels }];
    if (extras.commonAnnotations) body.commonAnnotations = extras.commonAnnotations;
  }
  // JSON is YAML.
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The origin annotation of a rendered object (`path:` or `configuredIn:`, `repo:`), removed from the object. */
interface OriginAnnotation {
  path?: string;
  configuredIn?: string;
  configuredBy?: { kind?: string; name?: string };
  repo?: string;
  ref?: string;
}

function takeOrigin(value: unknown): OriginAnnotation | undefined {
  if (!isJsonObject(value) || !isJsonObject(value.metadata)) return undefined;
  const annotations = value.metadata.annotations;
  if (!isJsonObject(annotations) || typeof annotations[ORIGIN_ANNOTATION] !== 'string') return undefined;
  const text = annotations[ORIGIN_ANNOTATION] as string;
  delete annotations[ORIGIN_ANNOTATION];
  if (Object.keys(annotations).length === 0) delete value.metadata.annotations;
  const parsed = parseYamlFile('origin', text).documents[0]?.value;
  if (!isJsonObject(parsed)) return undefined;
  const origin: OriginAnnotation = {};
  if (typeof parsed.path === 'string') origin.path = parsed.path;
  if (typeof parsed.configuredIn === 'string') origin.configuredIn = parsed.configuredIn;
  if (isJsonObject(parsed.configuredBy)) {
    const by: { kind?: string; name?: string } = {};
    if (typeof parsed.configuredBy.kind === 'string') by.kind = parsed.configuredBy.kind;
    if (typeof parsed.configuredBy.name === 'string') by.name = parsed.configuredBy.name;
    origin.configuredBy = by;
  }
  if (typeof parsed.repo === 'string') origin.repo = parsed.repo;
  if (typeof parsed.ref === 'string') origin.ref = parsed.ref;
  return origin;
}

interface LocatedOrigin {
  file: string;
  /** The document of the origin file the object was read from; undefined for remote or unreadable files. */
  document: SourceDocument | undefined;
  /** Path inside `document` of the object (`['configMapGenerator', 0]` for a generated one). */
  basePath?: readonly PathSegment[];
}

function hasPath(value: unknown, path: readonly PathSegment[]): boolean {
  let node = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length) return false;
      node = node[segment];
    } else {
      if (!isJsonObject(node) || !Object.hasOwn(node, segment)) return false;
      node = node[segment];
    }
  }
  return true;
}

/** Origin files parsed once per render, and the object's document found in them. */
class OriginFiles {
  private readonly parsed = new Map<string, SourceDocument[]>();

  constructor(private readonly context: RenderContext) {}

  resolve(wrapper: string, origin: OriginAnnotation, value: unknown): LocatedOrigin | undefined {
    const relativePath = origin.path ?? origin.configuredIn;
    if (relativePath === undefined) return undefined;
    if (origin.repo !== undefined)
      return {
        file: `${origin.repo}${origin.ref ? `?ref=${origin.ref}` : ''}//${relativePath}`,
        document: undefined,
      };
    const absolute = resolve(wrapper, relativePath);
    const file = this.context.display(absolute);
    const documents = this.documentsOf(absolute, file);
    const object = value as { kind?: unknown; metadata?: { name?: unknown } };
    if (origin.configuredIn !== undefined) {
      // A generator: its entry in the kustomization (`configMapGenerator[i]` whose name the object's name starts with).
      const field =
        origin.configuredBy?.kind === 'SecretGenerator' ? 'secretGenerator' : 'configMapGenerator';
      const document = documents[0];
      const entries = (document?.value as Record<string, unknown> | undefined)?.[field];
      const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
      const index = Array.isArray(entries)
        ? entries.findIndex(
            (entry) => isJsonObject(entry) && typeof entry.name === 'string' && name.includes(entry.name),
          )
        : -1;
      return { file, document, basePath: index >= 0 ? [field, index] : [field] };
    }
    // The document of the same kind whose name the rendered name contains (namePrefix/nameSuffix may wrap it).
    const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
    const sameKind = documents.filter(
      (document) => (document.value as { kind?: unknown } | null)?.kind === object.kind,
    );
    const named = sameKind.filter((document) => {
      const original = (document.value as { metadata?: { name?: unknown } }).metadata?.name;
      return typeof original === 'string' && name.includes(original);
    });
    const longest = named.sort(
      (a, b) =>
        String((b.value as { metadata: { name: string } }).metadata.name).length -
        String((a.value as { metadata: { name: string } }).metadata.name).length,
    )[0];
    return { file, document: longest ?? sameKind[0] ?? documents[0] };
  }

  private documentsOf(absolute: string, file: string): SourceDocument[] {
    let documents = this.parsed.get(absolute);
    if (!documents) {
      try {
        documents = existsSync(absolute) ? parseYamlFile(file, readFileSync(absolute, 'utf8')).documents : [];
      } catch {
        documents = [];
      }
      this.parsed.set(absolute, documents);
    }
    return documents;
  }
}

/**
 * An object built by kustomize, located in the file it came from: a field written there is found at its line; a
 * field added by a patch or transformer is found at its nearest ancestor written in that file.
 */
export class KustomizeRenderedDocument implements SourceDocument {
  readonly file: string;

  constructor(
    readonly index: number,
    readonly value: unknown,
    private readonly located: LocatedOrigin,
    readonly origin: RenderOrigin,
    private readonly patches: PatchIndex,
    readonly defaultNamespace?: string,
  ) {
    this.file = located.file;
  }

  /** The object's name in the file it came from (before the overlays' name prefixes and suffixes). */
  originalName(): string | undefined {
    const name = (this.located.document?.value as { metadata?: { name?: unknown } } | undefined)?.metadata
      ?.name;
    return this.located.basePath === undefined && typeof name === 'string' ? name : undefined;
  }

  locate(path: readonly PathSegment[]): Location {
    // A field the origin file does not write but a patch sets is located in the patch.
    if (path.length > 0 && !(this.located.document && hasPath(this.located.document.value, path))) {
      const patched = this.patches.locate(this.value, path);
      if (patched) return patched;
    }
    if (!this.located.document) return { file: this.file, line: 1, column: 1 };
    const location = this.located.document.locate([
      ...(this.located.basePath ?? []),
      ...(this.located.basePath ? [] : path),
    ]);
    return { ...location, file: this.file };
  }
}
