/**
 * A Kubernetes API server stand-in for tests and benchmarks: HTTPS with a self-signed CA, bearer-token
 * authentication, the list protocol of the real server (`limit`/`continue` pages over a consistent snapshot,
 * `resourceVersion`, `remainingItemCount`, metadata-only lists for `as=PartialObjectMetadataList`, the `type` field
 * selector of Secrets), API discovery for optional groups, SelfSubjectAccessReview / SelfSubjectRulesReview, and the
 * failures a real cluster produces on demand: 403 for chosen kinds, 410 on an expired continue token, 429 with
 * `Retry-After`, 5xx, slow responses. Every request is logged for assertions and benchmark figures.
 */
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { KUBERNETES_KINDS, type KubernetesKindInfo } from '../../src/model/inputs.js';
import type { FakeClusterState, Json, StoredObject } from './clusterState.js';
import { type TestTls, testTls } from './tls.js';

export interface KubeFaults {
  /** Kinds whose list (and access review) is forbidden: 403. */
  forbidden: Set<string>;
  /** Kinds answered 404 on list. */
  notFound: Set<string>;
  /** Per kind: how many more continue tokens to refuse with 410 Gone (a compacted etcd). */
  expireContinue: Map<string, number>;
  /** Per kind: how many more requests to answer 429 with this Retry-After (seconds). */
  throttle: Map<string, { times: number; retryAfter: number }>;
  /** Per kind: how many more requests to answer 503. */
  unavailable: Map<string, number>;
  /** Per kind: delay of every response (ms): a slow or hanging API server. */
  delayMs: Map<string, number>;
  /** Delay of every response (ms). */
  allDelayMs: number;
}

/** A CustomResourceDefinition the fake serves (apply, get, list by label, delete): the report CRDs. */
export interface FakeCustomResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** The errors of an object against the CRD's schema; an applied object with errors is refused (422). */
  validate?: (object: Json) => string[];
}

export interface FakeKubeApiOptions {
  /** Custom resources served, as installed CRDs. */
  customResources?: FakeCustomResource[];
  /** The bearer token clients must send. Default `fake-token`. */
  token?: string;
  /** Optional groups the server serves (`policy.networking.k8s.io`); others answer 404 on discovery. */
  servedOptionalGroups?: string[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
  contentType: string;
  status: number;
}

export interface FakeKubeApi {
  url: string;
  tls: TestTls;
  token: string;
  faults: KubeFaults;
  requests: LoggedRequest[];
  /** Custom objects stored, by `plural.group/namespace/name` (namespace empty for cluster-scoped ones). */
  customObjects: Map<string, Json>;
  /** Sends a watch event to every open watch of `kind` (`?watch=1` lists stay open until the client leaves). */
  emitWatch(kind: string, type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR', object: Json): void;
  /** Open watches of `kind`. */
  watchCount(kind: string): number;
  /** Ends every open watch (as the API server does at its timeout). */
  endWatches(): void;
  /** Writes a kubeconfig for this server; `exec` makes the user run a credential plugin instead of a token. */
  writeKubeconfig(
    path: string,
    options?: {
      context?: string;
      user?: string;
      exec?: { command: string; args?: string[]; env?: Record<string, string> };
      namespace?: string;
      token?: string;
    },
  ): string;
  close(): Promise<void>;
}

interface Snapshot {
  items: StoredObject[];
  resourceVersion: string;
}

export function noFaults(): KubeFaults {
  return {
    forbidden: new Set(),
    notFound: new Set(),
    expireContinue: new Map(),
    throttle: new Map(),
    unavailable: new Map(),
    delayMs: new Map(),
    allDelayMs: 0,
  };
}

const KINDS = Object.values(KUBERNETES_KINDS) as KubernetesKindInfo[];

export async function startFakeKubeApi(
  state: FakeClusterState,
  options: FakeKubeApiOptions = {},
): Promise<FakeKubeApi> {
  const tls = await testTls();
  const token = options.token ?? 'fake-token';
  const faults = noFaults();
  const requests: LoggedRequest[] = [];
  const served = new Set(options.servedOptionalGroups ?? []);
  const customResources = options.customResources ?? [];
  const customObjects = new Map<string, Json>();
  const watchers = new Map<string, Set<ServerResponse>>();
  // Consistent snapshots behind continue tokens, as etcd serves a list at one revision.
  const snapshots = new Map<string, Snapshot>();
  let snapshotId = 0;

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const query = Object.fromEntries(url.searchParams);
    const accept = String(req.headers.accept ?? '');
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      accept,
      contentType: String(req.headers['content-type'] ?? ''),
      status: 0,
    };
    requests.push(entry);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    };
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(401, status(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    if (url.pathname === '/version') {
      send(200, { major: '1', minor: '33', gitVersion: 'v1.33.2', platform: 'linux/amd64' });
      return;
    }
    const route = routeOf(url.pathname);
    const kind = route?.info.kind;
    const delay = faults.allDelayMs + (kind ? (faults.delayMs.get(kind) ?? 0) : 0);
    // A slow server; the wait ends early when the client gives up (closes the connection).
    if (delay > 0)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        res.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    if (res.destroyed) return;

    if (customResources.length > 0) {
      const handled = await serveCustom(req, url, query, send);
      if (handled) return;
    }

    if (req.method === 'POST') {
      const body = await readBody(req);
      if (url.pathname === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
        const attributes = (body.spec as Json | undefined)?.resourceAttributes as Json | undefined;
        const info = KINDS.find(
          (k) => k.resource === attributes?.resource && k.group === (attributes?.group ?? ''),
        );
        const allowed = info !== undefined && !faults.forbidden.has(info.kind);
        send(201, { ...body, status: { allowed, ...(allowed ? {} : { reason: '' }) } });
        return;
      }
      if (url.pathname === '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews') {
        const groups = new Map<string, string[]>();
        for (const info of KINDS)
          if (!faults.forbidden.has(info.kind))
            groups.set(info.group, [...(groups.get(info.group) ?? []), info.resource]);
        send(201, {
          ...body,
          status: {
            resourceRules: [...groups].map(([group, resources]) => ({
              verbs: ['get', 'list', 'watch'],
              apiGroups: [group],
              resources,
            })),
            nonResourceRules: [],
            incomplete: false,
          },
        });
        return;
      }
      send(
        405,
        status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
      );
      return;
    }

    const discovery =
      /^\/apis\/([^/]+)\/([^/]+)$/.exec(url.pathname) ??
      (url.pathname === '/api/v1' ? [url.pathname, '', 'v1'] : null);
    if (discovery) {
      const group = discovery[1]!;
      const version = discovery[2]!;
      const resources = KINDS.filter((k) => k.group === group && k.version === version);
      if (resources.length === 0 || (resources.some((k) => k.optional) && !served.has(group))) {
        send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
        return;
      }
      send(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group === '' ? version : `${group}/${version}`,
        resources: resources.map((k) => ({
          name: k.resource,
          singularName: k.kind.toLowerCase(),
          namespaced: k.namespaced,
          kind: k.kind,
          verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        })),
      });
      return;
    }
    if (!route || (route.info.optional && !served.has(route.info.group))) {
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    const info = route.info;
    if (faults.forbidden.has(info.kind)) {
      const scope = route.namespace ? `in the namespace "${route.namespace}"` : 'at the cluster scope';
      send(
        403,
        status(
          403,
          'Forbidden',
          `${info.resource}${info.group ? `.${info.group}` : ''} is forbidden: User "system:serviceaccount:aksguard:scanner" cannot list resource "${info.resource}" in API group "${info.group}" ${scope}`,
          { kind: info.resource },
        ),
      );
      return;
    }
    if (faults.notFound.has(info.kind)) {
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    const throttle = faults.throttle.get(info.kind);
    if (throttle && throttle.times > 0) {
      throttle.times--;
      send(
        429,
        status(429, 'TooManyRequests', 'Too many requests, please try again later.', {
          retryAfterSeconds: throttle.retryAfter,
        }),
        { 'Retry-After': String(throttle.retryAfter) },
      );
      return;
    }
    const unavailable = faults.unavailable.get(info.kind) ?? 0;
    if (unavailable > 0) {
      faults.unavailable.set(info.kind, unavailable - 1);
      send(503, status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));
      return;
    }
    if (route.name !== undefined) {
      const object = state.objects.find(
        (o) => o.info === info && o.name === route.name && o.namespace === route.namespace,
      );
      if (!object) send(404, status(404, 'NotFound', `${info.resource} "${route.name}" not found`));
      else send(200, { apiVersion: apiVersionOf(info), kind: info.kind, ...object.body });
      return;
    }

    if (query.watch === '1' || query.watch === 'true') {
      entry.status = 200;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      const set = watchers.get(info.kind) ?? new Set<ServerResponse>();
      watchers.set(info.kind, set);
      set.add(res);
      res.on('close', () => set.delete(res));
      return;
    }
    // A list: the first page takes a snapshot; continue tokens point into it.
    const limit = query.limit ? Number(query.limit) : 0;
    let snapshot: Snapshot;
    let start = 0;
    let snapshotKey: string;
    if (query.continue) {
      let decoded: { s: string; o: number } | undefined;
      try {
        decoded = JSON.parse(Buffer.from(query.continue, 'base64url').toString('utf8')) as {
          s: string;
          o: number;
        };
      } catch {
        decoded = undefined;
      }
      const known = decoded ? snapshots.get(decoded.s) : undefined;
      const expire = faults.expireContinue.get(info.kind) ?? 0;
      if (!decoded || !known || expire > 0) {
        if (expire > 0) faults.expireContinue.set(info.kind, expire - 1);
        send(
          410,
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
          ),
        );
        return;
      }
      snapshot = known;
      start = decoded.o;
      snapshotKey = decoded.s;
    } else {
      let items = state.objects.filter(
        (o) => o.info === info && (route.namespace === undefined || o.namespace === route.namespace),
      );
      const selector = query.fieldSelector;
      if (selector) {
        const match = /^type=(.+)$/.exec(selector);
        if (!match || info.kind !== 'Secret') {
          send(
            400,
            status(
              400,
              'BadRequest',
              `"${selector}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
            ),
          );
          return;
        }
        items = items.filter((o) => o.body.type === match[1]);
      }
      // etcd returns keys in order: namespace, then name.
      items.sort(
        (a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name),
      );
      snapshotKey = String(++snapshotId);
      snapshot = { items, resourceVersion: state.resourceVersion };
      snapshots.set(snapshotKey, snapshot);
    }
    const end = limit > 0 ? Math.min(snapshot.items.length, start + limit) : snapshot.items.length;
    const metadataOnly = accept.includes('as=PartialObjectMetadataList');
    const page = snapshot.items.slice(start, end);
    const listMeta: Json = { resourceVersion: snapshot.resourceVersion };
    if (end < snapshot.items.length) {
      listMeta.continue = Buffer.from(JSON.stringify({ s: snapshotKey, o: end })).toString('base64url');
      listMeta.remainingItemCount = snapshot.items.length - end;
    }
    if (metadataOnly)
      send(
        200,
        {
          kind: 'PartialObjectMetadataList',
          apiVersion: 'meta.k8s.io/v1',
          metadata: listMeta,
          items: page.map((o) => ({
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: o.body.metadata,
          })),
        },
        { 'Content-Type': 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' },
      );
    else
      send(200, {
        kind: `${info.kind}List`,
        apiVersion: apiVersionOf(info),
        metadata: listMeta,
        // Typed lists carry no apiVersion/kind on their items; CRD (unstructured) lists do.
        items: page.map((o) =>
          info.optional ? { apiVersion: apiVersionOf(info), kind: info.kind, ...o.body } : o.body,
        ),
      });
  };

  /** The custom resources: discovery, server-side apply, get, list (label selector `k=v`), delete. */
  async function serveCustom(
    req: IncomingMessage,
    url: URL,
    query: Record<string, string>,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): Promise<boolean> {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'apis') return false;
    const crds = customResources.filter((c) => c.group === parts[1] && c.version === parts[2]);
    if (crds.length === 0) return false;
    if (parts.length === 3) {
      send(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: `${parts[1]}/${parts[2]}`,
        resources: crds.map((c) => ({
          name: c.plural,
          singularName: c.kind.toLowerCase(),
          namespaced: c.namespaced,
          kind: c.kind,
          verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
        })),
      });
      return true;
    }
    let rest = parts.slice(3);
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const crd = crds.find((c) => c.plural === rest[0]);
    if (!crd || rest.length > 2 || (namespace !== undefined && !crd.namespaced)) {
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return true;
    }
    const name = rest[1];
    const keyOf = (ns: string | undefined, n: string) => `${crd.plural}.${crd.group}/${ns ?? ''}/${n}`;
    if (name === undefined) {
      if (req.method !== 'GET') {
        send(405, status(405, 'MethodNotAllowed', 'method not allowed'));
        return true;
      }
      const selector = query.labelSelector ? /^([^=]+)=(.*)$/.exec(query.labelSelector) : null;
      const prefix = `${crd.plural}.${crd.group}/`;
      const items = [...customObjects.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .map(([, object]) => object)
        .filter((object) => {
          const metadata = object.metadata as { namespace?: string; labels?: Record<string, string> };
          if (namespace !== undefined && metadata.namespace !== namespace) return false;
          return !selector || metadata.labels?.[selector[1]!] === selector[2];
        });
      send(200, {
        apiVersion: `${crd.group}/${crd.version}`,
        kind: `${crd.kind}List`,
        metadata: { resourceVersion: state.resourceVersion },
        items,
      });
      return true;
    }
    if (crd.namespaced && namespace === undefined) {
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return true;
    }
    const key = keyOf(namespace, name);
    if (req.method === 'GET') {
      const object = customObjects.get(key);
      if (object) send(200, object);
      else send(404, status(404, 'NotFound', `${crd.plural}.${crd.group} "${name}" not found`));
      return true;
    }
    if (req.method === 'DELETE') {
      if (!customObjects.delete(key)) {
        send(404, status(404, 'NotFound', `${crd.plural}.${crd.group} "${name}" not found`));
        return true;
      }
      send(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
      return true;
    }
    if (req.method === 'PATCH') {
      if (String(req.headers['content-type']) !== 'application/apply-patch+yaml' || !query.fieldManager) {
        send(
          400,
          status(
            400,
            'BadRequest',
            'only server-side apply is served here: application/apply-patch+yaml and fieldManager',
          ),
        );
        return true;
      }
      const body = await readBody(req);
      const metadata = (body.metadata ?? {}) as Json;
      if (
        body.apiVersion !== `${crd.group}/${crd.version}` ||
        body.kind !== crd.kind ||
        metadata.name !== name ||
        (metadata.namespace ?? undefined) !== namespace
      ) {
        send(400, status(400, 'BadRequest', 'the object does not match the path'));
        return true;
      }
      const problems = crd.validate?.(body) ?? [];
      if (problems.length > 0) {
        send(
          422,
          status(422, 'Invalid', `${crd.kind}.${crd.group} "${name}" is invalid: ${problems.join('; ')}`),
        );
        return true;
      }
      const previous = customObjects.get(key);
      const stored: Json = {
        ...body,
        metadata: {
          ...metadata,
          uid: ((previous?.metadata as Json | undefined)?.uid as string | undefined) ?? `uid-${key}`,
          resourceVersion: state.resourceVersion,
          creationTimestamp:
            ((previous?.metadata as Json | undefined)?.creationTimestamp as string | undefined) ??
            '2025-11-04T09:12:31Z',
          managedFields: [{ manager: query.fieldManager, operation: 'Apply', apiVersion: body.apiVersion }],
        },
      };
      customObjects.set(key, stored);
      send(previous ? 200 : 201, stored);
      return true;
    }
    send(405, status(405, 'MethodNotAllowed', 'method not allowed'));
    return true;
  }

  const server: Server = createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500);
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  return {
    url,
    tls,
    token,
    faults,
    requests,
    customObjects,
    emitWatch(kind, type, object) {
      for (const res of watchers.get(kind) ?? []) res.write(`${JSON.stringify({ type, object })}\n`);
    },
    watchCount: (kind) => watchers.get(kind)?.size ?? 0,
    endWatches() {
      for (const set of watchers.values()) for (const res of set) res.end();
    },
    writeKubeconfig(path, kubeconfig = {}) {
      const context = kubeconfig.context ?? 'fake';
      const user = kubeconfig.user ?? `user-${port}-${context}`;
      const userBody = kubeconfig.exec
        ? {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1beta1',
              command: kubeconfig.exec.command,
              args: kubeconfig.exec.args ?? [],
              env: Object.entries(kubeconfig.exec.env ?? {}).map(([name, value]) => ({ name, value })),
              interactiveMode: 'IfAvailable',
              provideClusterInfo: false,
            },
          }
        : { token: kubeconfig.token ?? token };
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: `cluster-${context}`,
            cluster: { server: url, 'certificate-authority-data': Buffer.from(tls.ca).toString('base64') },
          },
        ],
        users: [{ name: user, user: userBody }],
        contexts: [
          {
            name: context,
            context: {
              cluster: `cluster-${context}`,
              user,
              ...(kubeconfig.namespace ? { namespace: kubeconfig.namespace } : {}),
            },
          },
        ],
        'current-context': context,
      };
      writeFileSync(path, JSON.stringify(config, null, 2));
      return path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function apiVersionOf(info: KubernetesKindInfo): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

function status(code: number, reason: string, message: string, details?: Json): Json {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** `/api/v1/[namespaces/NS/]pods[/NAME]`, `/apis/G/V/[namespaces/NS/]RES[/NAME]`, `/api/v1/namespaces/NAME`. */
function routeOf(path: string): { info: KubernetesKindInfo; namespace?: string; name?: string } | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    group = '';
    version = parts[1] ?? '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const info = KINDS.find((k) => k.group === group && k.version === version && k.resource === rest[0]);
  if (!info || rest.length > 2) return undefined;
  const route: { info: KubernetesKindInfo; namespace?: string; name?: string } = { info };
  if (namespace !== undefined) route.namespace = namespace;
  if (rest[1] !== undefined) route.name = rest[1];
  return route;
}

async function readBody(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
  } catch {
    return {};
  }
}
