/**
 * Azure Resource Manager and Azure Resource Graph stand-ins for tests and benchmarks: an `HttpClient` the real SDK
 * clients (@azure/arm-containerservice, -monitor, -authorization, -resourcegraph) are given instead of the network,
 * serving recorded ARM bodies with the real paging (`nextLink`, Resource Graph `$skipToken` and 1,000-row pages),
 * throttling headers (`x-ms-user-quota-remaining`, `x-ms-user-quota-resets-after`, 429 with `Retry-After`) and
 * 403s on chosen resources; and a fake TokenCredential.
 */

type Json = Record<string, unknown>;

/** The response headers interface of @azure/core-rest-pipeline, case-insensitive. */
class Headers {
  private readonly map = new Map<string, string>();
  constructor(values: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(values)) this.set(name, value);
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase());
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string | number | boolean): void {
    this.map.set(name.toLowerCase(), String(value));
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  toJSON(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.map[Symbol.iterator]();
  }
}

interface PipelineRequest {
  url: string;
  method: string;
  body?: unknown;
  headers: { get(name: string): string | undefined };
}

export interface AzureRequestLog {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  body?: Json;
}

export interface FakeAzureFaults {
  /** Paths (regular expressions over the path, case-insensitive) answered 403 AuthorizationFailed. */
  forbidden: RegExp[];
  /** How many Resource Graph queries to answer 429 (with `Retry-After: 0`). */
  graphThrottle: number;
  /** Resource Graph quota: after this many queries `x-ms-user-quota-remaining` is 0 (resets after `quotaResetsAfter`). */
  graphQuota: number;
  quotaResetsAfter: string;
}

export interface FakeAzure {
  httpClient: { sendRequest(request: PipelineRequest): Promise<unknown> };
  credential: { getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number }> };
  /** Resources by id (lower-case): GET returns them; lists are built from them. */
  resources: Map<string, Json>;
  /** The rows Resource Graph serves (managed clusters). */
  graphRows: Json[];
  /** kubeconfig (YAML/JSON text) returned by listClusterUserCredential, per cluster id (lower-case). */
  kubeconfigs: Map<string, string>;
  faults: FakeAzureFaults;
  requests: AzureRequestLog[];
  tokenScopes: string[];
  /** Items per page of ARM lists (nextLink paging). */
  armPageSize: number;
  /** Rows Resource Graph returns at most per page whatever `$top` asks (it cuts pages by size too). */
  graphPageLimit: number;
}

export function fakeAzure(): FakeAzure {
  const resources = new Map<string, Json>();
  const requests: AzureRequestLog[] = [];
  const tokenScopes: string[] = [];
  let graphQueries = 0;
  const azure: FakeAzure = {
    resources,
    graphRows: [],
    kubeconfigs: new Map(),
    faults: {
      forbidden: [],
      graphThrottle: 0,
      graphQuota: Number.POSITIVE_INFINITY,
      quotaResetsAfter: '00:00:00.05',
    },
    requests,
    tokenScopes,
    armPageSize: 2,
    graphPageLimit: 1000,
    credential: {
      async getToken(scopes) {
        tokenScopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
        return { token: 'fake-arm-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    },
    httpClient: {
      async sendRequest(request: PipelineRequest) {
        const url = new URL(request.url);
        const query = Object.fromEntries(url.searchParams);
        // ARM folds repeated slashes, as in `//subscriptions/...`.
        const path = decodeURIComponent(url.pathname).replace(/\/{2,}/g, '/');
        const body =
          typeof request.body === 'string' && request.body !== ''
            ? (JSON.parse(request.body) as Json)
            : undefined;
        const entry: AzureRequestLog = {
          method: request.method,
          path,
          query,
          status: 0,
          ...(body ? { body } : {}),
        };
        requests.push(entry);
        const respond = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
          entry.status = status;
          return {
            request,
            status,
            headers: new Headers({
              'content-type': 'application/json; charset=utf-8',
              'x-ms-request-id': `req-${requests.length}`,
              ...headers,
            }),
            bodyAsText: payload === undefined ? '' : JSON.stringify(payload),
          };
        };
        if (!String(request.headers.get('authorization') ?? '').startsWith('Bearer '))
          return respond(401, { error: { code: 'AuthenticationFailed', message: 'Authentication failed.' } });
        if (azure.faults.forbidden.some((pattern) => pattern.test(path)))
          return respond(403, {
            error: {
              code: 'AuthorizationFailed',
              message: `The client 'aksguard-scanner' with object id '11111111-2222-3333-4444-555555555555' does not have authorization to perform action over scope '${path}' or the scope is invalid.`,
            },
          });

        if (request.method === 'POST' && /^\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(path)) {
          graphQueries++;
          if (azure.faults.graphThrottle > 0) {
            azure.faults.graphThrottle--;
            return respond(
              429,
              {
                error: { code: 'RateLimiting', message: 'Please provide below info when asking for support' },
              },
              {
                'retry-after': '0',
                'x-ms-user-quota-remaining': '0',
                'x-ms-user-quota-resets-after': '00:00:00',
              },
            );
          }
          const options = (body?.options ?? {}) as Json;
          const top = Math.min(Number(options.$top ?? 1000), 1000, azure.graphPageLimit);
          const start =
            typeof options.$skipToken === 'string'
              ? Number(Buffer.from(options.$skipToken, 'base64').toString('utf8'))
              : 0;
          const rows = graphRowsFor(String(body?.query ?? ''), azure.graphRows);
          const page = rows.slice(start, start + top);
          const next =
            start + top < rows.length ? Buffer.from(String(start + top)).toString('base64') : undefined;
          const remaining = Math.max(0, azure.faults.graphQuota - graphQueries);
          return respond(
            200,
            {
              totalRecords: rows.length,
              count: page.length,
              resultTruncated: 'false',
              ...(next ? { $skipToken: next } : {}),
              data: page,
              facets: [],
            },
            {
              'x-ms-user-quota-remaining': String(Number.isFinite(remaining) ? remaining : 14),
              'x-ms-user-quota-resets-after': azure.faults.quotaResetsAfter,
            },
          );
        }

        if (request.method === 'POST' && /\/listClusterUserCredential$/i.test(path)) {
          const id = path.replace(/\/listClusterUserCredential$/i, '').toLowerCase();
          const kubeconfig = azure.kubeconfigs.get(id);
          if (!kubeconfig) return respond(404, { error: { code: 'ResourceNotFound', message: 'not found' } });
          return respond(200, {
            kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(kubeconfig).toString('base64') }],
          });
        }

        if (request.method !== 'GET')
          return respond(405, { error: { code: 'MethodNotAllowed', message: request.method } });
        const exact = resources.get(path.toLowerCase());
        if (exact) return respond(200, exact);
        // Lists: every resource whose id is directly below the path, filtered as ARM would, in pages with nextLink.
        let items = [...resources.entries()]
          .filter(
            ([id]) =>
              parentOf(id) === path.toLowerCase() ||
              (isRoleAssignmentsPath(path) &&
                id.includes('/providers/microsoft.authorization/roleassignments/')),
          )
          .map(([, value]) => value);
        if (isRoleAssignmentsPath(path))
          items = roleAssignmentsFor(path, query.$filter, [...resources.values()]);
        if (
          items.length === 0 &&
          !/\/(agentPools|maintenanceConfigurations|diagnosticSettings|roleAssignments)$/i.test(path)
        )
          return respond(404, {
            error: { code: 'ResourceNotFound', message: `The Resource '${path}' was not found.` },
          });
        const skip = Number(query.$skiptoken ?? 0);
        const page = items.slice(skip, skip + azure.armPageSize);
        const nextUrl = new URL(request.url);
        nextUrl.searchParams.set('$skiptoken', String(skip + azure.armPageSize));
        // diagnosticSettings lists are one page without nextLink (Microsoft.Insights).
        const paged = !/diagnosticSettings$/i.test(path);
        return respond(200, {
          value: paged ? page : items,
          ...(paged && skip + azure.armPageSize < items.length ? { nextLink: nextUrl.toString() } : {}),
        });
      },
    },
  };
  return azure;
}

function parentOf(id: string): string {
  return id.slice(0, id.lastIndexOf('/'));
}

function isRoleAssignmentsPath(path: string): boolean {
  return /\/providers\/Microsoft\.Authorization\/roleAssignments$/i.test(path);
}

/** `atScope()`: assignments at the scope and above; `principalId eq 'X'`: that principal's, below the scope too. */
function roleAssignmentsFor(path: string, filter: string | undefined, all: Json[]): Json[] {
  const scope = path.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments$/i, '').toLowerCase();
  const assignments = all.filter(
    (item) => String(item.type ?? '').toLowerCase() === 'microsoft.authorization/roleassignments',
  );
  const principal = /principalId eq '([^']+)'/i.exec(filter ?? '')?.[1];
  return assignments.filter((item) => {
    const properties = (item.properties ?? {}) as Json;
    const at = String(properties.scope ?? '').toLowerCase();
    if (principal)
      return String(properties.principalId).toLowerCase() === principal.toLowerCase() && at.startsWith(scope);
    return scope === at || scope.startsWith(`${at}/`) || at === '/';
  });
}

/** The rows of the queries aksguard sends: all clusters, or the cluster serving an FQDN. */
function graphRowsFor(query: string, rows: Json[]): Json[] {
  const fqdn = /== '([^']+)'/.exec(query)?.[1];
  if (!fqdn) return rows;
  return rows
    .filter((row) => {
      const properties = (row.properties ?? {}) as Json;
      return [properties.fqdn, properties.privateFQDN, properties.azurePortalFQDN].some(
        (value) => String(value ?? '').toLowerCase() === fqdn,
      );
    })
    .map((row) => ({ id: row.id }));
}

/** Adds a resource (by its `id`). */
export function addResource(azure: FakeAzure, resource: Json): void {
  azure.resources.set(String(resource.id).toLowerCase(), resource);
}
