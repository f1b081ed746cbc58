import { liveDocument, type SourceDocument } from '../../../load/document.js';
import type { UnreadableInput } from '../../../model/coverage.js';
import {
  KUBERNETES_KIND_NAMES,
  KUBERNETES_KINDS,
  type KubernetesKind,
  type KubernetesKindInfo,
} from '../../../model/inputs.js';
import { isJsonObject } from '../../../model/json.js';
import { workloadKindOf } from '../../../model/workloadKinds.js';
import { emptyOutput, type Source, type SourceOutput, type SourceReadOptions } from '../../source.js';
import { LiveSourceError } from '../errors.js';
import { KubeClient, type KubeClientOptions, type KubeClientStats } from './client.js';
import { type CollectedList, type CollectProgress, collect, objectPath } from './collector.js';
import { type PermissionCheck, preflight } from './preflight.js';
import { type KubeTargetOptions, resolveKubeTarget } from './target.js';

/** What one read of a cluster's API returned: the input of a scan, and what `aksguard snapshot` writes. */
export interface KubernetesRead {
  /** `context NAME` or `in-cluster`. */
  source: string;
  server: string;
  /** Namespaces read with `-n`; undefined when cluster-wide. */
  namespaces?: string[];
  lists: CollectedList[];
  unreadable: UnreadableInput[];
  /** Optional kinds (CRDs) the server does not serve. */
  notServed: string[];
}

export interface KubernetesSourceOptions extends KubeTargetOptions, KubeClientOptions {
  /** Kinds to list; default: the enabled rules' inputs the scan passes, else every kind rules may read. */
  kinds?: readonly KubernetesKind[];
  namespaces?: readonly string[];
  pageSize?: number;
  /** Kinds listed at once. Default 4. */
  concurrency?: number;
  secretValues?: boolean;
  /** Overall limit of the read in seconds: what is complete by then is scanned, the rest is unreadable. */
  timeoutSeconds?: number;
  onProgress?: (progress: CollectProgress) => void;
}

/** A Kubernetes API server as a source: lists exactly the kinds given, with paging, limits and coverage. */
export class KubernetesSource implements Source {
  name = 'kubernetes';
  /** The raw read, for `aksguard snapshot`. */
  lastRead?: KubernetesRead;
  stats?: KubeClientStats & { pages: number; objects: number; elapsedMs: number };

  constructor(private readonly options: KubernetesSourceOptions) {}

  /** A client of the same API server with the same credentials (to write reports after a scan); close it after use. */
  async openClient(): Promise<KubeClient> {
    const target = await resolveKubeTarget(this.options);
    this.name = target.name;
    return new KubeClient(target, this.options);
  }

  /** `--preflight`: may the identity list each kind? Nothing is read. */
  async checkPermissions(
    kinds: readonly KubernetesKind[],
  ): Promise<{ source: string; checks: PermissionCheck[] }> {
    const target = await resolveKubeTarget(this.options);
    this.name = target.name;
    const client = new KubeClient(target, this.options);
    try {
      const checks = await preflight(
        client,
        kinds.map((name): KubernetesKindInfo => KUBERNETES_KINDS[name]),
        this.options.namespaces,
      );
      return { source: target.name, checks };
    } finally {
      client.close();
    }
  }

  async read(options?: SourceReadOptions): Promise<SourceOutput> {
    const started = performance.now();
    const kinds = this.options.kinds ?? options?.inputs?.kubernetes ?? KUBERNETES_KIND_NAMES;
    const target = await resolveKubeTarget(this.options);
    this.name = target.name;
    const client = new KubeClient(target, this.options);
    await probe(client);
    const timeout =
      this.options.timeoutSeconds !== undefined
        ? AbortSignal.timeout(this.options.timeoutSeconds * 1000)
        : undefined;
    try {
      const result = await collect(
        client,
        kinds.map((name): KubernetesKindInfo => KUBERNETES_KINDS[name]),
        {
          ...(this.options.namespaces ? { namespaces: this.options.namespaces } : {}),
          ...(this.options.pageSize !== undefined ? { pageSize: this.options.pageSize } : {}),
          ...(this.options.concurrency !== undefined ? { concurrency: this.options.concurrency } : {}),
          ...(this.options.secretValues ? { secretValues: true } : {}),
          ...(timeout ? { signal: timeout } : {}),
          ...(this.options.timeoutSeconds !== undefined
            ? { timeoutSeconds: this.options.timeoutSeconds }
            : {}),
          ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
        },
      );
      const read: KubernetesRead = {
        source: target.name,
        server: target.server,
        lists: result.lists,
        unreadable: result.unreadable,
        notServed: result.notServed.map((info) => info.kind),
      };
      if (this.options.namespaces) read.namespaces = [...this.options.namespaces];
      this.lastRead = read;
      this.stats = {
        ...client.stats,
        pages: result.pages,
        objects: result.objects,
        elapsedMs: performance.now() - started,
      };
      return outputOfKubernetesRead(read);
    } finally {
      client.close();
    }
  }
}

/**
 * `GET /version` (readable by every authenticated identity, `system:public-info-viewer`) before listing: an API
 * server that cannot be reached or refuses the credentials stops the read with one clear error instead of a
 * timed-out list per kind.
 */
async function probe(client: KubeClient): Promise<void> {
  let response: Awaited<ReturnType<KubeClient['send']>>;
  try {
    response = await client.send('/version', { maxRetries: 1 });
  } catch (error) {
    client.close();
    throw new LiveSourceError(
      `${client.target.name}: the API server ${client.target.server} cannot be reached: ${(error as Error).message}`,
    );
  }
  if (response.status === 401) {
    client.close();
    throw new LiveSourceError(
      `${client.target.name}: the API server refused the credentials (401 Unauthorized)`,
    );
  }
}

/**
 * The documents of a read: one per object, located at its API path. An object controlled by another object of
 * the read (a Pod of a ReplicaSet, a ReplicaSet of a Deployment, a Job of a CronJob) is left out: its controller's
 * pod template is judged once, as kubescape does, instead of once per replica and revision.
 */
export function outputOfKubernetesRead(read: KubernetesRead): SourceOutput {
  const output = emptyOutput();
  const uids = new Set<string>();
  for (const list of read.lists) {
    if (!makesPods(list.info)) continue;
    for (const item of list.items) {
      const uid = isJsonObject(item.metadata) ? item.metadata.uid : undefined;
      if (typeof uid === 'string') uids.add(uid);
    }
  }
  const documents: SourceDocument[] = [];
  let count = 0;
  for (const list of read.lists) {
    for (const item of list.items) {
      count++;
      if (makesPods(list.info) && controllerUid(item, uids) !== undefined) continue;
      const metadata = isJsonObject(item.metadata) ? item.metadata : {};
      const name = typeof metadata.name === 'string' ? metadata.name : '';
      const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
      documents.push(
        liveDocument(
          { source: read.source, api: 'kubernetes', path: objectPath(list.info, name, namespace) },
          item,
        ),
      );
    }
  }
  output.documents = documents;
  if (count > 0) output.coverage.read['kubernetes-api'] = count;
  output.coverage.unreadable = [...read.unreadable];
  return output;
}

/** The uid of the object's controller, when that controller is among the objects read. */
function controllerUid(item: Record<string, unknown>, uids: ReadonlySet<string>): string | undefined {
  const metadata = item.metadata;
  if (!isJsonObject(metadata) || !Array.isArray(metadata.ownerReferences)) return undefined;
  for (const ref of metadata.ownerReferences)
    if (isJsonObject(ref) && ref.controller === true && typeof ref.uid === 'string' && uids.has(ref.uid))
      return ref.uid;
  return undefined;
}

/** Pods and the kinds whose objects make pods (model/workloadKinds.ts): their controller-owned objects are skipped. */
function makesPods(info: KubernetesKindInfo): boolean {
  return workloadKindOf(info.kind, info.group) !== undefined;
}
