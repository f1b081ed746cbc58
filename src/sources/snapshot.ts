/**
 * `aksguard snapshot`: what a live read returned, written as plain files (one JSON list per kind, as
 * `kubectl get -o json` prints it, plus the raw Azure resources), and read back offline with identical results: the
 * way to share a scan or reproduce a bug. Secret values are never written: Secrets are redacted before they reach
 * the disk, as they are at load.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { redactSecret } from '../load/k8s/redact.js';
import type { UnreadableInput } from '../model/coverage.js';
import { mergeCoverage } from '../model/coverage.js';
import { isKubernetesKind, KUBERNETES_KINDS, type KubernetesKindInfo } from '../model/inputs.js';
import type { LoadIssue } from '../model/inventory.js';
import { isJsonObject } from '../model/json.js';
import { VERSION } from '../version.js';
import { type AzureRead, outputOfAzureRead } from './live/azure/read.js';
import type { CollectedList } from './live/kubernetes/collector.js';
import { type KubernetesRead, outputOfKubernetesRead } from './live/kubernetes/source.js';
import { SNAPSHOT_MANIFEST } from './snapshotManifest.js';
import { emptyOutput, type Source, type SourceOutput } from './source.js';

export { SNAPSHOT_MANIFEST } from './snapshotManifest.js';

const FORMAT = 1;
/** Largest file of a snapshot read (a list of 5,000 Pods is about 25 MB). */
const MAX_FILE = 512 * 1024 * 1024;

interface ManifestList {
  kind: string;
  group: string;
  version: string;
  namespace?: string;
  file: string;
  count: number;
  resourceVersion?: string;
  metadataOnly?: boolean;
}

interface Manifest {
  aksguardSnapshot: number;
  tool: { name: 'aksguard'; version: string };
  takenAt: string;
  kubernetes?: Omit<KubernetesRead, 'lists'> & { lists: ManifestList[] };
  azure?: { file: string };
}

export interface SnapshotContent {
  kubernetes?: KubernetesRead;
  azure?: AzureRead;
  /** Default: now. */
  takenAt?: string;
}

/** Writes a snapshot into `dir` (created if needed); returns the files written, relative to it. */
export function writeSnapshot(dir: string, content: SnapshotContent): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const manifest: Manifest = {
    aksguardSnapshot: FORMAT,
    tool: { name: 'aksguard', version: VERSION },
    takenAt: content.takenAt ?? new Date().toISOString(),
  };
  if (content.kubernetes) {
    mkdirSync(join(dir, 'kubernetes'), { recursive: true });
    const { lists, ...rest } = content.kubernetes;
    const entries: ManifestList[] = [];
    for (const list of lists) {
      const file = `kubernetes/${fileStem(list)}.json`;
      const apiVersion =
        list.info.group === '' ? list.info.version : `${list.info.group}/${list.info.version}`;
      const items =
        list.info.kind === 'Secret' && list.info.group === '' ? list.items.map(redactSecret) : list.items;
      const body = {
        apiVersion,
        kind: `${list.info.kind}List`,
        metadata: list.resourceVersion !== undefined ? { resourceVersion: list.resourceVersion } : {},
        items,
      };
      writeFileSync(join(dir, file), `${JSON.stringify(body, null, 1)}\n`);
      written.push(file);
      const entry: ManifestList = {
        kind: list.info.kind,
        group: list.info.group,
        version: list.info.version,
        file,
        count: list.items.length,
      };
      if (list.namespace !== undefined) entry.namespace = list.namespace;
      if (list.resourceVersion !== undefined) entry.resourceVersion = list.resourceVersion;
      if (list.metadataOnly) entry.metadataOnly = true;
      entries.push(entry);
    }
    manifest.kubernetes = { ...rest, lists: entries };
  }
  if (content.azure) {
    mkdirSync(join(dir, 'azure'), { recursive: true });
    writeFileSync(join(dir, 'azure', 'resources.json'), `${JSON.stringify(content.azure, null, 1)}\n`);
    written.push('azure/resources.json');
    manifest.azure = { file: 'azure/resources.json' };
  }
  writeFileSync(join(dir, SNAPSHOT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  written.unshift(SNAPSHOT_MANIFEST);
  return written;
}

function fileStem(list: CollectedList): string {
  const parts = [list.info.resource];
  if (list.info.group !== '') parts.push(list.info.group);
  if (list.namespace !== undefined) parts.push(list.namespace);
  return parts.join('.').replace(/[^A-Za-z0-9._-]/g, '_');
}

/** A snapshot folder as a source: the same documents, origins and coverage as the live read it recorded. */
export function snapshotSource(dir: string, shown: string): Source {
  return {
    name: `snapshot ${shown}`,
    async read(): Promise<SourceOutput> {
      const issues: LoadIssue[] = [];
      const fail = (file: string, message: string): SourceOutput => {
        const output = emptyOutput();
        output.issues.push({ level: 'error', file: join(shown, file), message });
        return output;
      };
      const manifestValue = readJson(dir, SNAPSHOT_MANIFEST);
      if ('error' in manifestValue) return fail(SNAPSHOT_MANIFEST, manifestValue.error);
      const manifest = manifestValue.value;
      if (!isJsonObject(manifest) || manifest.aksguardSnapshot !== FORMAT)
        return fail(SNAPSHOT_MANIFEST, `not an aksguard snapshot of format ${FORMAT}`);
      const output = emptyOutput();
      const kubernetes = manifest.kubernetes;
      if (isJsonObject(kubernetes)) {
        const read: KubernetesRead = {
          source: typeof kubernetes.source === 'string' ? kubernetes.source : `snapshot ${shown}`,
          server: typeof kubernetes.server === 'string' ? kubernetes.server : '',
          lists: [],
          unreadable: Array.isArray(kubernetes.unreadable) ? kubernetes.unreadable.filter(isUnreadable) : [],
          notServed: Array.isArray(kubernetes.notServed)
            ? kubernetes.notServed.filter((kind): kind is string => typeof kind === 'string')
            : [],
        };
        if (Array.isArray(kubernetes.namespaces))
          read.namespaces = kubernetes.namespaces.filter((ns): ns is string => typeof ns === 'string');
        for (const entry of Array.isArray(kubernetes.lists) ? kubernetes.lists : []) {
          const list = readList(dir, entry);
          if ('error' in list)
            issues.push({ level: 'error', file: join(shown, list.file), message: list.error });
          else read.lists.push(list.list);
        }
        const k8s = outputOfKubernetesRead(read);
        output.documents.push(...k8s.documents);
        mergeCoverage(output.coverage, k8s.coverage);
      }
      if (isJsonObject(manifest.azure) && typeof manifest.azure.file === 'string') {
        const azure = readJson(dir, manifest.azure.file);
        if ('error' in azure)
          issues.push({ level: 'error', file: join(shown, manifest.azure.file), message: azure.error });
        else {
          const read = outputOfAzureRead(azure.value as AzureRead);
          output.documents.push(...read.documents);
          output.clusters = read.clusters ?? [];
          if (read.roleAssignments) output.roleAssignments = read.roleAssignments;
          mergeCoverage(output.coverage, read.coverage);
          issues.push(...read.issues);
        }
      }
      output.issues.push(...issues);
      return output;
    },
  };
}

function isUnreadable(value: unknown): value is UnreadableInput {
  return (
    isJsonObject(value) &&
    typeof value.source === 'string' &&
    typeof value.kind === 'string' &&
    typeof value.reason === 'string'
  );
}

function readList(dir: string, entry: unknown): { list: CollectedList } | { error: string; file: string } {
  if (!isJsonObject(entry) || typeof entry.file !== 'string' || typeof entry.kind !== 'string')
    return { error: 'a list entry without kind or file', file: SNAPSHOT_MANIFEST };
  if (!isKubernetesKind(entry.kind))
    return { error: `kind ${entry.kind} is not one aksguard reads`, file: SNAPSHOT_MANIFEST };
  const info: KubernetesKindInfo = KUBERNETES_KINDS[entry.kind];
  const body = readJson(dir, entry.file);
  if ('error' in body) return { error: body.error, file: entry.file };
  const value = body.value;
  if (!isJsonObject(value) || !Array.isArray(value.items))
    return { error: `not a ${entry.kind}List`, file: entry.file };
  const list: CollectedList = {
    info,
    items: value.items.filter(isJsonObject),
  };
  if (typeof entry.namespace === 'string') list.namespace = entry.namespace;
  if (typeof entry.resourceVersion === 'string') list.resourceVersion = entry.resourceVersion;
  if (entry.metadataOnly === true) list.metadataOnly = true;
  return { list };
}

/** A JSON file of the snapshot; paths stay inside the folder, sizes are bounded. */
function readJson(dir: string, file: string): { value: unknown } | { error: string } {
  const path = normalize(file);
  if (isAbsolute(path) || path.startsWith('..') || relative(dir, resolve(dir, path)).startsWith('..'))
    return { error: `${file}: a snapshot file must be inside the snapshot folder` };
  let fd: number;
  try {
    fd = openSync(resolve(dir, path), 'r');
  } catch (error) {
    return { error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_FILE) return { error: `larger than ${MAX_FILE / 1024 / 1024} MiB; not read` };
    const buffer = Buffer.alloc(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, buffer, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    try {
      return { value: JSON.parse(buffer.subarray(0, offset).toString('utf8')) };
    } catch (error) {
      return { error: `not valid JSON: ${(error as Error).message}` };
    }
  } finally {
    closeSync(fd);
  }
}
