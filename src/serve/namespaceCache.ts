/**
 * The labels of every namespace, kept current the way a client-go informer does it: one list, then a watch from the
 * list's resourceVersion (with bookmarks), listed again when the watch ends or the version is too old (410 Gone).
 * The webhook reads a namespace's Pod Security labels from it without a request per review.
 */
import { isJsonObject } from '../model/json.js';
import { type KubeClient, RequestError } from '../sources/live/kubernetes/client.js';
import type { NamespaceLabels } from './engine.js';

export interface NamespaceCacheOptions {
  /** Wait before listing again after a failure (ms); doubles up to 30 s. Default 1,000. */
  retryMs?: number;
  /** The watch's server-side timeout (seconds): the API server ends it then and it is restarted. Default 300. */
  watchTimeoutSeconds?: number;
  onError?: (message: string) => void;
}

type Labels = Record<string, string>;

function labelsOf(object: unknown): { name: string; labels: Labels } | undefined {
  if (!isJsonObject(object) || !isJsonObject(object.metadata)) return undefined;
  const name = object.metadata.name;
  if (typeof name !== 'string') return undefined;
  const labels: Labels = {};
  if (isJsonObject(object.metadata.labels))
    for (const [key, value] of Object.entries(object.metadata.labels))
      if (typeof value === 'string') labels[key] = value;
  return { name, labels };
}

export class NamespaceCache implements NamespaceLabels {
  private readonly byName = new Map<string, Labels>();
  private resourceVersion = '';
  private synced = false;
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly options: NamespaceCacheOptions = {},
  ) {}

  labels(namespace: string): Labels | undefined {
    return this.byName.get(namespace);
  }

  /** Whether the first list has completed (the webhook is ready then). */
  get ready(): boolean {
    return this.synced;
  }

  get size(): number {
    return this.byName.size;
  }

  /** Starts listing and watching; resolves once the first list is in (or rejects if it fails). */
  async start(): Promise<void> {
    await this.list();
    this.running = this.loop();
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.running?.catch(() => {});
  }

  private async list(): Promise<void> {
    const fresh = new Map<string, Labels>();
    let next: string | undefined;
    let version = '';
    do {
      const page = (await this.client.getJson(
        `/api/v1/namespaces?limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`,
        { signal: this.stop.signal },
      )) as { items?: unknown[]; metadata?: { continue?: unknown; resourceVersion?: unknown } };
      for (const item of page.items ?? []) {
        const entry = labelsOf(item);
        if (entry) fresh.set(entry.name, entry.labels);
      }
      if (typeof page.metadata?.resourceVersion === 'string') version = page.metadata.resourceVersion;
      next =
        typeof page.metadata?.continue === 'string' && page.metadata.continue
          ? page.metadata.continue
          : undefined;
    } while (next);
    this.byName.clear();
    for (const [name, labels] of fresh) this.byName.set(name, labels);
    this.resourceVersion = version;
    this.synced = true;
  }

  private async loop(): Promise<void> {
    let wait = this.options.retryMs ?? 1000;
    while (!this.stop.signal.aborted) {
      try {
        const timeout = this.options.watchTimeoutSeconds ?? 300;
        await this.client.watch(
          `/api/v1/namespaces?watch=1&allowWatchBookmarks=true&timeoutSeconds=${timeout}&resourceVersion=${encodeURIComponent(this.resourceVersion)}`,
          (event) => this.apply(event),
          { signal: this.stop.signal },
        );
        wait = this.options.retryMs ?? 1000;
      } catch (error) {
        if (this.stop.signal.aborted) return;
        const gone = error instanceof RequestError && error.status === 410;
        if (!gone) this.options.onError?.(`namespace watch: ${(error as Error).message}`);
        try {
          if (!gone) await sleep(wait, this.stop.signal);
          wait = Math.min(wait * 2, 30_000);
          await this.list();
        } catch (listError) {
          if (this.stop.signal.aborted) return;
          this.options.onError?.(`namespace list: ${(listError as Error).message}`);
        }
      }
    }
  }

  private apply(event: { type?: unknown; object?: unknown }): void {
    if (isJsonObject(event.object) && isJsonObject(event.object.metadata)) {
      const version = event.object.metadata.resourceVersion;
      if (typeof version === 'string') this.resourceVersion = version;
    }
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'ERROR')
      throw new RequestError('the watch ended with an error', statusOf(event.object));
    const entry = labelsOf(event.object);
    if (!entry) return;
    if (event.type === 'DELETED') this.byName.delete(entry.name);
    else if (event.type === 'ADDED' || event.type === 'MODIFIED') this.byName.set(entry.name, entry.labels);
  }
}

function statusOf(object: unknown): number | undefined {
  return isJsonObject(object) && typeof object.code === 'number' ? object.code : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
