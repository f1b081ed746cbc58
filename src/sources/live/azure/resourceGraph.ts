import { isJsonObject } from '../../../model/json.js';
import { LiveSourceError } from '../errors.js';
import { realTimer, type Timer } from '../http/rateLimit.js';
import { RawCapture } from './capture.js';
import { type AzureClientOptions, azureFailure, sdkOptions } from './read.js';

type Json = Record<string, unknown>;

/** Where a Resource Graph query runs: subscriptions, management groups, or (neither) every subscription visible. */
export interface GraphScope {
  subscriptions?: string[];
  managementGroups?: string[];
}

export interface GraphQueryResult {
  rows: Json[];
  pages: number;
  /** Time waited because the user's quota ran out (`x-ms-user-quota-remaining: 0`), in ms. */
  quotaWaitMs: number;
  /** Resource Graph cut the scope (first 10,000 subscriptions of a tenant or management group). */
  subscriptionLimitHit: boolean;
}

/** Rows per page: Resource Graph's maximum `$top` (learn.microsoft.com …/resource-graph/concepts/work-with-data). */
export const GRAPH_PAGE_SIZE = 1000;
/** The stable Resource Graph API version the queries use. */
const GRAPH_API_VERSION = '2021-03-01';

/** Every managed cluster of the scope, raw ARM shape (`properties.enableRBAC`), in id order for stable paging. */
export const CLUSTERS_QUERY =
  "resources | where type =~ 'microsoft.containerservice/managedclusters' | order by id asc";

/**
 * Runs a Resource Graph query to its last page through @azure/arm-resourcegraph: 1,000 rows per page chained by
 * `$skipToken`, waiting for the quota window when `x-ms-user-quota-remaining` reaches 0 (the header
 * `x-ms-user-quota-resets-after` says how long, hh:mm:ss); 429s are retried by the SDK after `Retry-After`.
 */
export async function queryResourceGraph(
  query: string,
  scope: GraphScope,
  options: AzureClientOptions & { timer?: Timer; onPage?: (rows: number) => void },
): Promise<GraphQueryResult> {
  const capture = new RawCapture();
  const { ResourceGraphClient } = await import('@azure/arm-resourcegraph');
  const client = new ResourceGraphClient(options.credential, {
    ...sdkOptions(capture, options),
    apiVersion: GRAPH_API_VERSION,
  });
  const timer = options.timer ?? realTimer;
  const result: GraphQueryResult = { rows: [], pages: 0, quotaWaitMs: 0, subscriptionLimitHit: false };
  let skipToken: string | undefined;
  do {
    const request = {
      query,
      ...(scope.subscriptions?.length ? { subscriptions: scope.subscriptions } : {}),
      ...(scope.managementGroups?.length ? { managementGroups: scope.managementGroups } : {}),
      options: {
        top: GRAPH_PAGE_SIZE,
        resultFormat: 'objectArray' as const,
        ...(skipToken ? { skipToken } : {}),
      },
    };
    let responses: Awaited<ReturnType<typeof capture.during>>['responses'];
    try {
      ({ responses } = await capture.during(() => client.resources(request)));
    } catch (error) {
      throw new LiveSourceError(`Azure Resource Graph query failed: ${azureFailure(error)}`);
    }
    const response = responses.at(-1);
    const body = response?.body;
    if (!isJsonObject(body) || !Array.isArray(body.data))
      throw new LiveSourceError('Azure Resource Graph answered without rows (resultFormat objectArray)');
    for (const row of body.data) if (isJsonObject(row)) result.rows.push(row);
    result.pages++;
    options.onPage?.(body.data.length);
    if (response?.headers['x-ms-tenant-subscription-limit-hit'] === 'true')
      result.subscriptionLimitHit = true;
    skipToken = typeof body.$skipToken === 'string' && body.$skipToken !== '' ? body.$skipToken : undefined;
    if (skipToken && response?.headers['x-ms-user-quota-remaining'] === '0') {
      const wait = resetsAfterMs(response.headers['x-ms-user-quota-resets-after']);
      result.quotaWaitMs += wait;
      await timer.sleep(wait);
    }
  } while (skipToken);
  return result;
}

/** `00:00:03` → 3,000 ms (the format of `x-ms-user-quota-resets-after`); 5 s when absent or unreadable. */
export function resetsAfterMs(value: string | undefined): number {
  const match = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value?.trim() ?? '');
  if (!match) return 5000;
  return Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000);
}

/**
 * The resource id of the managed cluster serving the API at `server` (`--azure-cluster auto`): its public FQDN
 * (`properties.fqdn`) or private one (`properties.privateFQDN`), found with Resource Graph.
 */
export async function findClusterByServer(server: string, options: AzureClientOptions): Promise<string> {
  const host = new URL(server).hostname.toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(host) || !host.endsWith('.azmk8s.io'))
    throw new LiveSourceError(
      `--azure-cluster auto: the API server ${host} is not an AKS endpoint (*.azmk8s.io); give the cluster resource id`,
    );
  const query = `resources | where type =~ 'microsoft.containerservice/managedclusters' | where tolower(tostring(properties.fqdn)) == '${host}' or tolower(tostring(properties.privateFQDN)) == '${host}' or tolower(tostring(properties.azurePortalFQDN)) == '${host}' | project id`;
  const result = await queryResourceGraph(query, {}, options);
  const ids = result.rows.map((row) => row.id).filter((id): id is string => typeof id === 'string');
  if (ids.length !== 1)
    throw new LiveSourceError(
      ids.length === 0
        ? `--azure-cluster auto: no managed cluster visible to this identity serves ${host}; give the cluster resource id`
        : `--azure-cluster auto: ${ids.length} clusters answer for ${host}; give the cluster resource id`,
    );
  return ids[0]!;
}
