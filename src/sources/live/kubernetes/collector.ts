import type { UnreadableInput } from '../../../model/coverage.js';
import type { KubernetesKindInfo } from '../../../model/inputs.js';
import { isJsonObject } from '../../../model/json.js';
import { compareCodePoints } from '../../../model/order.js';
import { DeadlineError, type KubeClient, parseJson, RequestError, statusMessage } from './client.js';

/** The Accept header of a metadata-only list: names, labels and annotations, never `data` (KEP-1340 "as=" lists). */
export const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
/** Page size, as client-go's pager (`k8s.io/client-go/tools/pager` defaultPageSize). */
export const DEFAULT_PAGE_SIZE = 500;
/** Fresh lists after an expired continue token (410) before the kind is given up as unreadable. */
const MAX_RELISTS = 3;
const TOKEN_SECRET_TYPE = 'kubernetes.io/service-account-token';

export interface CollectOptions {
  /** Namespaces to read namespaced kinds in; undefined: all (cluster-wide lists). */
  namespaces?: readonly string[];
  pageSize?: number;
  /** Kinds listed at once. Default 4. */
  concurrency?: number;
  /** Read Secret values (`data`, `stringData`) instead of metadata only. */
  secretValues?: boolean;
  /** Aborted at the overall `--timeout`: what was complete is kept, the rest is unreadable. */
  signal?: AbortSignal;
  /** Seconds of the overall timeout, for the coverage reason. */
  timeoutSeconds?: number;
  onProgress?: (progress: CollectProgress) => void;
}

export interface CollectProgress {
  kindsDone: number;
  kinds: number;
  objects: number;
  pages: number;
}

/** One kind read completely (in one namespace, or cluster-wide). */
export interface CollectedList {
  info: KubernetesKindInfo;
  /** The namespace listed, for `-n`; undefined for a cluster-wide list. */
  namespace?: string;
  /** `resourceVersion` of the list (the consistent snapshot the pages came from). */
  resourceVersion?: string;
  /** Objects as the API server returned them, `apiVersion` and `kind` set, `managedFields` left out. */
  items: Record<string, unknown>[];
  /** Secrets read as metadata only (no `data`). */
  metadataOnly?: boolean;
}

export interface CollectResult {
  lists: CollectedList[];
  unreadable: UnreadableInput[];
  /** Optional kinds the server does not serve (no CRD): no objects exist, nothing is missing. */
  notServed: KubernetesKindInfo[];
  pages: number;
  objects: number;
}

/** `/api/v1` or `/apis/GROUP/VERSION`. */
export function groupVersionPath(info: Pick<KubernetesKindInfo, 'group' | 'version'>): string {
  return info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
}

/** The list URL of a kind, cluster-wide or in one namespace. */
export function listPath(info: KubernetesKindInfo, namespace?: string): string {
  const ns = info.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(info)}${ns}/${info.resource}`;
}

/** The API path of one object. */
export function objectPath(info: KubernetesKindInfo, name: string, namespace?: string): string {
  return `${listPath(info, namespace)}/${encodeURIComponent(name)}`;
}

class Unreadable extends Error {}

/**
 * Lists the kinds the enabled rules read, as kubectl and client-go's pager do: cluster-wide (or per namespace with
 * `-n`), `limit` pages chained by `continue`, a fresh list when the continue token expired (410), a few kinds at
 * a time. A kind that cannot be read (403, 404, errors after retries, the overall timeout) is a coverage entry with
 * the reason; its objects are left out, so no rule ever judges a partial list. Never throws for a read failure.
 */
export async function collect(
  client: KubeClient,
  kinds: readonly KubernetesKindInfo[],
  options: CollectOptions = {},
): Promise<CollectResult> {
  const result: CollectResult = { lists: [], unreadable: [], notServed: [], pages: 0, objects: 0 };
  const source = client.target.name;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let done = 0;
  const progress = () =>
    options.onProgress?.({
      kindsDone: done,
      kinds: kinds.length,
      objects: result.objects,
      pages: result.pages,
    });

  const unreadable = (info: KubernetesKindInfo, reason: string, namespace?: string) => {
    const entry: UnreadableInput = { source, kind: info.kind, reason };
    if (info.group !== '') entry.group = info.group;
    if (namespace !== undefined) entry.namespace = namespace;
    result.unreadable.push(entry);
  };

  const readKind = async (info: KubernetesKindInfo) => {
    if (
      info.optional &&
      !(await served(client, info, options.signal, (reason) => unreadable(info, reason)))
    ) {
      if (!result.unreadable.some((entry) => entry.kind === info.kind && entry.group === info.group))
        result.notServed.push(info);
      return;
    }
    const scopes = info.namespaced && options.namespaces ? options.namespaces : [undefined];
    for (const namespace of scopes) {
      try {
        const list =
          info.kind === 'Namespace' && options.namespaces
            ? await namespacesByName(client, info, options.namespaces, options.signal)
            : await listAll(client, info, namespace, pageSize, options, (pages) => {
                result.pages += pages;
                progress();
              });
        result.lists.push(list);
        result.objects += list.items.length;
      } catch (error) {
        if (error instanceof DeadlineError)
          unreadable(
            info,
            `the read timed out${options.timeoutSeconds !== undefined ? ` after ${options.timeoutSeconds} s (--timeout)` : ''} before the list was complete`,
            namespace,
          );
        else if (error instanceof Unreadable || error instanceof RequestError)
          unreadable(info, error.message, namespace);
        else throw error;
      }
    }
    done++;
    progress();
  };

  // A fixed number of workers takes the kinds in order: bounded concurrency, deterministic results below.
  const queue = [...kinds];
  const workers = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
    for (let info = queue.shift(); info !== undefined; info = queue.shift()) await readKind(info);
  });
  await Promise.all(workers);
  const order = new Map(kinds.map((info, index) => [info, index]));
  result.lists.sort(
    (a, b) =>
      order.get(a.info)! - order.get(b.info)! || compareCodePoints(a.namespace ?? '', b.namespace ?? ''),
  );
  result.unreadable.sort((a, b) => order.get(infoOf(kinds, a))! - order.get(infoOf(kinds, b))!);
  return result;
}

function infoOf(kinds: readonly KubernetesKindInfo[], entry: UnreadableInput): KubernetesKindInfo {
  return kinds.find((info) => info.kind === entry.kind && info.group === (entry.group ?? ''))!;
}

/** Discovery of an optional kind's group/version: is the resource served at all? */
async function served(
  client: KubeClient,
  info: KubernetesKindInfo,
  signal: AbortSignal | undefined,
  onUnreadable: (reason: string) => void,
): Promise<boolean> {
  try {
    const response = await client.send(groupVersionPath(info), signal ? { signal } : {});
    if (response.status === 404) return false;
    if (response.status !== 200) {
      onUnreadable(`API discovery failed: ${statusMessage(response)}`);
      return false;
    }
    const list = parseJson(response.body, groupVersionPath(info));
    const resources = isJsonObject(list) && Array.isArray(list.resources) ? list.resources : [];
    return resources.some((resource) => isJsonObject(resource) && resource.name === info.resource);
  } catch (error) {
    if (error instanceof DeadlineError) onUnreadable('the read timed out during API discovery');
    else if (error instanceof RequestError) onUnreadable(`API discovery failed: ${error.message}`);
    else throw error;
    return false;
  }
}

/** With `-n`: each named Namespace object (a namespaced user may get its namespace without listing all). */
async function namespacesByName(
  client: KubeClient,
  info: KubernetesKindInfo,
  names: readonly string[],
  signal: AbortSignal | undefined,
): Promise<CollectedList> {
  const items: Record<string, unknown>[] = [];
  for (const name of names) {
    const response = await client.send(objectPath(info, name), signal ? { signal } : {});
    if (response.status === 404) continue;
    if (response.status !== 200)
      throw new Unreadable(describeFailure(response.status, statusMessage(response)));
    const object = parseJson(response.body, objectPath(info, name));
    if (isJsonObject(object)) items.push(cleaned(object, info));
  }
  return { info, items };
}

async function listAll(
  client: KubeClient,
  info: KubernetesKindInfo,
  namespace: string | undefined,
  pageSize: number,
  options: CollectOptions,
  onPages: (pages: number) => void,
): Promise<CollectedList> {
  const metadataOnly = info.kind === 'Secret' && info.group === '' && !options.secretValues;
  const accept = metadataOnly ? METADATA_ONLY_ACCEPT : 'application/json';
  const list = await pagedList(client, info, namespace, pageSize, accept, options.signal, onPages);
  if (!metadataOnly) return list;
  // A metadata-only Secret has no `type`: one more (metadata-only) list names the ServiceAccount token Secrets,
  // which the RBAC escalation analysis needs.
  const tokens = await pagedList(
    client,
    info,
    namespace,
    pageSize,
    accept,
    options.signal,
    onPages,
    `type=${TOKEN_SECRET_TYPE}`,
  );
  const tokenUids = new Set(tokens.items.map((item) => uidOf(item)));
  for (const item of list.items) {
    // A server that ignored the metadata-only Accept header sent values: they are dropped here, unread.
    delete item.data;
    delete item.stringData;
    if (tokenUids.has(uidOf(item))) item.type = TOKEN_SECRET_TYPE;
  }
  list.metadataOnly = true;
  return list;
}

function uidOf(item: Record<string, unknown>): unknown {
  return isJsonObject(item.metadata) ? item.metadata.uid : undefined;
}

async function pagedList(
  client: KubeClient,
  info: KubernetesKindInfo,
  namespace: string | undefined,
  pageSize: number,
  accept: string,
  signal: AbortSignal | undefined,
  onPages: (pages: number) => void,
  fieldSelector?: string,
): Promise<CollectedList> {
  const base = listPath(info, namespace);
  for (let relist = 0; ; relist++) {
    const items: Record<string, unknown>[] = [];
    let token: string | undefined;
    let resourceVersion: string | undefined;
    let expired = false;
    do {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (fieldSelector) query.set('fieldSelector', fieldSelector);
      if (token) query.set('continue', token);
      const response = await client.send(`${base}?${query}`, { accept, ...(signal ? { signal } : {}) });
      onPages(1);
      if (response.status === 410 && token !== undefined) {
        // The continue token expired (etcd compacted past it): client-go's pager falls back to a new list.
        expired = true;
        break;
      }
      if (response.status !== 200)
        throw new Unreadable(describeFailure(response.status, statusMessage(response)));
      const page = parseJson(response.body, base);
      if (!isJsonObject(page) || !Array.isArray(page.items))
        throw new Unreadable(`the response to ${base} is not a list`);
      const metadata = isJsonObject(page.metadata) ? page.metadata : {};
      resourceVersion ??= typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : undefined;
      for (const item of page.items) if (isJsonObject(item)) items.push(cleaned(item, info));
      token =
        typeof metadata.continue === 'string' && metadata.continue !== '' ? metadata.continue : undefined;
    } while (token !== undefined);
    if (!expired) {
      const list: CollectedList = { info, items };
      if (namespace !== undefined && info.namespaced) list.namespace = namespace;
      if (resourceVersion !== undefined) list.resourceVersion = resourceVersion;
      return list;
    }
    if (relist + 1 >= MAX_RELISTS)
      throw new Unreadable(
        `the continue token expired ${MAX_RELISTS} times (410 Gone): the list changes faster than it can be paged; retry with a larger --page-size`,
      );
  }
}

function describeFailure(status: number, message: string): string {
  if (status === 403) return `forbidden (${message})`;
  if (status === 404) return `not found (${message})`;
  if (status === 406) return `the server cannot send a metadata-only list (${message})`;
  return message;
}

/**
 * An item as the rules read it: typed lists leave `apiVersion`/`kind` off their items (kubectl adds them), and
 * `managedFields` (server-side apply bookkeeping, hidden by kubectl too) is dropped.
 */
function cleaned(item: Record<string, unknown>, info: KubernetesKindInfo): Record<string, unknown> {
  const apiVersion = info.group === '' ? info.version : `${info.group}/${info.version}`;
  const out: Record<string, unknown> = { apiVersion, kind: info.kind, ...item };
  // A metadata-only item says `meta.k8s.io/v1 PartialObjectMetadata`: it is still the kind listed.
  out.apiVersion = apiVersion;
  out.kind = info.kind;
  if (isJsonObject(item.metadata) && 'managedFields' in item.metadata) {
    const { managedFields: _, ...metadata } = item.metadata;
    out.metadata = metadata;
  }
  return out;
}
