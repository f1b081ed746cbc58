import type { TokenCredential } from '@azure/identity';
import { findArmResources } from '../../../load/aks/armResource.js';
import { liveDocument } from '../../../load/document.js';
import { type DiagnosticSetting, unknown as unknownValue } from '../../../model/aksCluster.js';
import type { UnreadableInput } from '../../../model/coverage.js';
import { AZURE_INPUTS, type AzureInput } from '../../../model/inputs.js';
import { isJsonObject } from '../../../model/json.js';
import { type LiveOrigin, liveLocation } from '../../../model/source.js';
import { emptyOutput, type SourceOutput } from '../../source.js';
import { LiveSourceError } from '../errors.js';
import { drain, RawCapture, rawItems } from './capture.js';

type Json = Record<string, unknown>;

// The Insights and Authorization clients put `/{resourceUri}` in front of their paths: the id goes without its
// leading slash, or the request path would start with `//`.

/** The managed-cluster API version the SDK (@azure/arm-containerservice 25.3.0) reads with. */
export const CLUSTER_API_VERSION = '2026-04-01';

/** What one read of a cluster's Azure resources returned, raw ARM JSON: the input of a scan and of a snapshot. */
export interface AzureRead {
  /** Shown in coverage: `azure`. */
  source: string;
  clusterId: string;
  apiVersion?: string;
  /** The managed cluster as ARM GET returns it, its agent pools (listed separately) in `agentPoolProfiles`. */
  managedCluster?: Json;
  diagnosticSettings?: Json[];
  maintenanceConfigurations?: Json[];
  /** Role assignments that apply at the cluster (at its scope and inherited from above). */
  roleAssignments?: Json[];
  /** Role assignments of the kubelet identity in the cluster's subscription (registry access). */
  kubeletRoleAssignments?: Json[];
  unreadable: UnreadableInput[];
}

export interface ClusterId {
  id: string;
  subscription: string;
  resourceGroup: string;
  name: string;
}

const CLUSTER_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)\/?$/i;

export function parseClusterId(id: string): ClusterId {
  const match = CLUSTER_ID.exec(id.trim());
  if (!match)
    throw new LiveSourceError(
      `--azure-cluster must be a managed cluster resource id, /subscriptions/SUB/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/NAME (got "${id}")`,
    );
  return {
    id: id.trim().replace(/\/$/, ''),
    subscription: match[1]!,
    resourceGroup: match[2]!,
    name: match[3]!,
  };
}

/** How the SDK clients reach Azure; tests inject an `httpClient` serving recorded responses. */
export interface AzureClientOptions {
  credential: TokenCredential;
  /** A `@azure/core-rest-pipeline` HttpClient, for tests. */
  httpClient?: unknown;
  /** Resource Manager endpoint (sovereign clouds); default https://management.azure.com. */
  endpoint?: string;
}

/**
 * @azure/arm-monitor 7 lists diagnostic settings with api-version 2017-05-01-preview, which predates category
 * groups (`audit`, `allLogs`, added in 2021-05-01-preview): a setting made with a group would read as no category.
 * The list is asked with the newer version; the response shape is otherwise the same.
 */
const diagnosticSettingsVersion = {
  name: 'aksguardDiagnosticSettingsApiVersion',
  sendRequest: <R>(request: { url: string }, next: (request: { url: string }) => Promise<R>): Promise<R> => {
    const url = new URL(request.url);
    if (/\/providers\/Microsoft\.Insights\/diagnosticSettings$/i.test(url.pathname)) {
      url.searchParams.set('api-version', '2021-05-01-preview');
      request.url = url.toString();
    }
    return next(request);
  },
};

/** SDK client options: the raw-capture policy, the injected HTTP client, the endpoint. */
export function sdkOptions(capture: RawCapture, options: AzureClientOptions): Record<string, unknown> {
  return {
    additionalPolicies: [
      { policy: capture.policy, position: 'perCall' },
      { policy: diagnosticSettingsVersion, position: 'perCall' },
    ],
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint, $host: options.endpoint } : {}),
  };
}

/** The HTTP status of an SDK error (RestError), if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function azureFailure(error: unknown): string {
  const status = statusOf(error);
  const code = (error as { code?: unknown }).code;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
  if (status === 403) return `forbidden (${typeof code === 'string' ? `${code}: ` : ''}${message})`;
  if (status === 404) return `not found (${message})`;
  return status !== undefined ? `HTTP ${status}: ${message}` : message;
}

/**
 * Reads the managed cluster and what surrounds it through the Azure SDK clients (@azure/arm-containerservice,
 * @azure/arm-monitor, @azure/arm-authorization): the cluster, its agent pools, diagnostic settings, planned
 * maintenance configurations, the role assignments at its scope and those of its kubelet identity. Raw ARM JSON is
 * kept. A resource that cannot be read is an unreadable entry, never a crash.
 */
export async function readAzureCluster(clusterId: string, options: AzureClientOptions): Promise<AzureRead> {
  const id = parseClusterId(clusterId);
  const capture = new RawCapture();
  const clientOptions = sdkOptions(capture, options);
  // The SDKs are loaded with the first live read: a scan of files never pays for them.
  const [{ AuthorizationManagementClient }, { ContainerServiceClient }, { MonitorClient }] =
    await Promise.all([
      import('@azure/arm-authorization'),
      import('@azure/arm-containerservice'),
      import('@azure/arm-monitor'),
    ]);
  const containers = new ContainerServiceClient(options.credential, id.subscription, clientOptions);
  const monitor = new MonitorClient(options.credential, id.subscription, clientOptions);
  const authorization = new AuthorizationManagementClient(options.credential, id.subscription, clientOptions);
  const read: AzureRead = {
    source: 'azure',
    clusterId: id.id,
    apiVersion: CLUSTER_API_VERSION,
    unreadable: [],
  };
  const unreadable = (input: AzureInput, reason: string) =>
    read.unreadable.push({ source: read.source, kind: AZURE_INPUTS[input], reason });

  try {
    const { responses } = await capture.during(() =>
      containers.managedClusters.get(id.resourceGroup, id.name),
    );
    const body = responses.at(-1)?.body;
    if (isJsonObject(body)) read.managedCluster = body;
    else unreadable('ManagedCluster', 'the response has no cluster body');
  } catch (error) {
    unreadable('ManagedCluster', azureFailure(error));
    if (statusOf(error) === 404)
      throw new LiveSourceError(
        `--azure-cluster ${id.id}: no such managed cluster (404 from Azure Resource Manager)`,
      );
  }
  if (read.managedCluster) {
    // The agent pools, listed: their bodies are the pools' own resources, newer than the cluster's profiles.
    try {
      const { responses } = await capture.during(() =>
        drain(containers.agentPools.list(id.resourceGroup, id.name)),
      );
      const pools = rawItems(responses);
      const properties = isJsonObject(read.managedCluster.properties)
        ? read.managedCluster.properties
        : undefined;
      if (properties && pools.length > 0)
        properties.agentPoolProfiles = pools.map((pool) => ({
          name: pool.name,
          ...(isJsonObject(pool.properties) ? pool.properties : {}),
        }));
    } catch (error) {
      // The cluster body carries every pool's profile already; a refused list loses nothing.
      if (statusOf(error) !== 403) unreadable('ManagedCluster', `agent pools: ${azureFailure(error)}`);
    }
  }
  try {
    const { responses } = await capture.during(() => monitor.diagnosticSettings.list(id.id.slice(1)));
    read.diagnosticSettings = rawItems(responses);
  } catch (error) {
    unreadable('DiagnosticSettings', azureFailure(error));
  }
  try {
    const { responses } = await capture.during(() =>
      drain(containers.maintenanceConfigurations.listByManagedCluster(id.resourceGroup, id.name)),
    );
    read.maintenanceConfigurations = rawItems(responses);
  } catch (error) {
    unreadable('MaintenanceConfigurations', azureFailure(error));
  }
  try {
    const { responses } = await capture.during(() =>
      drain(authorization.roleAssignments.listForScope(id.id.slice(1), { filter: 'atScope()' })),
    );
    read.roleAssignments = rawItems(responses);
    const kubelet = kubeletObjectId(read.managedCluster);
    if (kubelet) {
      const own = await capture.during(() =>
        drain(authorization.roleAssignments.listForSubscription({ filter: `principalId eq '${kubelet}'` })),
      );
      read.kubeletRoleAssignments = rawItems(own.responses);
    }
  } catch (error) {
    unreadable('RoleAssignments', azureFailure(error));
  }
  return read;
}

function kubeletObjectId(cluster: Json | undefined): string | undefined {
  const properties = isJsonObject(cluster?.properties) ? cluster.properties : undefined;
  const profile = isJsonObject(properties?.identityProfile) ? properties.identityProfile : undefined;
  const kubelet = isJsonObject(profile?.kubeletidentity) ? profile.kubeletidentity : undefined;
  const objectId = kubelet?.objectId;
  return typeof objectId === 'string' && /^[0-9a-f-]{36}$/i.test(objectId) ? objectId : undefined;
}

/** Built-in roles that matter for registry access (Azure built-in roles, by role definition GUID). */
const REGISTRY_ROLES = new Map([
  ['7f951dda-4ed3-4680-a7ca-43fe172d538d', 'AcrPull'],
  ['8311e382-0749-4cb8-b61a-304f252e45ec', 'AcrPush'],
  ['c2f4ef07-c644-48eb-af81-4b1b4947fb11', 'AcrDelete'],
  ['6cef56e8-d556-48e5-a04f-b8e64114680f', 'AcrImageSigner'],
  ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner'],
  ['b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor'],
  ['acdd72a7-3385-48ef-bd42-f606fba81ae7', 'Reader'],
  ['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'User Access Administrator'],
]);

/** A role assignment in the `az role assignment list` shape (`properties` lifted), which the RBAC rules read. */
function flatAssignment(item: Json): Json {
  const { properties, ...rest } = item;
  return { ...rest, ...(isJsonObject(properties) ? properties : {}) };
}

/** The scan input of an Azure read: the cluster normalised from its raw body, with its surroundings. */
export function outputOfAzureRead(read: AzureRead): SourceOutput {
  const output = emptyOutput();
  output.coverage.unreadable = [...(read.unreadable ?? [])];
  const origin = (path: string): LiveOrigin => ({ source: read.source, api: 'azure', path });
  let count = 0;
  if (isJsonObject(read.managedCluster)) {
    const found = findArmResources(liveDocument(origin(read.clusterId), read.managedCluster));
    const cluster = found?.clusters[0];
    if (cluster) {
      count++;
      if (read.apiVersion) cluster.apiVersion = read.apiVersion;
      if (read.diagnosticSettings) {
        count += read.diagnosticSettings.length;
        cluster.surroundings.diagnosticSettings = read.diagnosticSettings.map(diagnosticSetting);
      }
      if (read.maintenanceConfigurations) {
        count += read.maintenanceConfigurations.length;
        cluster.surroundings.maintenanceConfigurations = read.maintenanceConfigurations
          .map((item) => item.name)
          .filter((name): name is string => typeof name === 'string');
      }
      const kubelet = (read.kubeletRoleAssignments ?? [])
        .map(flatAssignment)
        .filter((item) =>
          /\/providers\/Microsoft\.ContainerRegistry\/registries\//i.test(String(item.scope ?? '')),
        );
      if (kubelet.length > 0)
        cluster.surroundings.kubeletRoleAssignments = kubelet.map((item) => {
          const guid = String(item.roleDefinitionId ?? '')
            .split('/')
            .pop()!
            .toLowerCase();
          return {
            role:
              REGISTRY_ROLES.get(guid) ??
              unknownValue(`role definition ${guid} is not a built-in role aksguard knows`),
            location: liveLocation(origin(String(item.id ?? read.clusterId))),
          };
        });
      output.clusters = [cluster];
    } else {
      output.issues.push({
        level: 'error',
        file: read.clusterId,
        message: 'Azure Resource Manager returned a body that is not a managed cluster',
      });
    }
  }
  if (read.roleAssignments) {
    count += read.roleAssignments.length;
    output.roleAssignments = {
      source: `role assignments of ${read.clusterId}`,
      assignments: read.roleAssignments.map(flatAssignment),
    };
  }
  if (count > 0) output.coverage.read['azure-api'] = count;
  return output;

  function diagnosticSetting(item: Json): DiagnosticSetting {
    const properties = isJsonObject(item.properties) ? item.properties : {};
    const categories: string[] = [];
    for (const entry of Array.isArray(properties.logs) ? properties.logs : []) {
      if (!isJsonObject(entry) || entry.enabled !== true) continue;
      const category = entry.category ?? entry.categoryGroup;
      if (typeof category === 'string') categories.push(category);
    }
    return {
      name: typeof item.name === 'string' ? item.name : 'diagnostic setting',
      location: liveLocation(origin(typeof item.id === 'string' ? item.id : read.clusterId)),
      categories,
    };
  }
}
