import { type AksCluster, clusterField, isUnknown } from '../../model/aksCluster.js';
import { describeJsonError } from '../../model/jsonError.js';
import { isBuiltinType } from './query.js';
import type { AccessRequest, UserInfo } from './types.js';

// Azure RBAC for Kubernetes authorization (the AKS "guard" webhook, kubeguard/guard authz/providers/azure):
// each request becomes a data action checked against Azure role assignments at the cluster or namespace scope.
// Effective access is Kubernetes RBAC ∪ Azure RBAC; `system:` users are left to Kubernetes RBAC.

const PREFIX = 'Microsoft.ContainerService/managedClusters/';

interface RoleDefinition {
  name: string;
  dataActions: readonly string[];
  notDataActions: readonly string[];
}

const READER_RESOURCES = [
  'apps/controllerrevisions',
  'apps/daemonsets',
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'autoscaling/horizontalpodautoscalers',
  'batch/cronjobs',
  'batch/jobs',
  'configmaps',
  'discovery.k8s.io/endpointslices',
  'endpoints',
  'events.k8s.io/events',
  'events',
  'extensions/daemonsets',
  'extensions/deployments',
  'extensions/ingresses',
  'extensions/networkpolicies',
  'extensions/replicasets',
  'limitranges',
  'metrics.k8s.io/pods',
  'metrics.k8s.io/nodes',
  'namespaces',
  'networking.k8s.io/ingresses',
  'networking.k8s.io/networkpolicies',
  'persistentvolumeclaims',
  'pods',
  'policy/poddisruptionbudgets',
  'replicationcontrollers',
  'resourcequotas',
  'serviceaccounts',
  'services',
];
const WRITER_READ_ONLY = new Set([
  'apps/controllerrevisions',
  'discovery.k8s.io/endpointslices',
  'events.k8s.io/events',
  'limitranges',
  'metrics.k8s.io/pods',
  'metrics.k8s.io/nodes',
  'namespaces',
  'resourcequotas',
]);

/** Built-in role definitions (MicrosoftDocs/azure-docs built-in-roles/containers.md), by role definition GUID. */
export const AKS_BUILTIN_ROLES: ReadonlyMap<string, RoleDefinition> = new Map([
  [
    '7f6c6a51-bcf8-42ba-9220-52d62157d7db',
    {
      name: 'Azure Kubernetes Service RBAC Reader',
      dataActions: READER_RESOURCES.map((r) => `${PREFIX}${r}/read`),
      notDataActions: [],
    },
  ],
  [
    'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb',
    {
      name: 'Azure Kubernetes Service RBAC Writer',
      dataActions: [
        ...READER_RESOURCES.map((r) => (WRITER_READ_ONLY.has(r) ? `${PREFIX}${r}/read` : `${PREFIX}${r}/*`)),
        `${PREFIX}coordination.k8s.io/leases/read`,
        `${PREFIX}coordination.k8s.io/leases/write`,
        `${PREFIX}coordination.k8s.io/leases/delete`,
        `${PREFIX}secrets/*`,
      ],
      notDataActions: [],
    },
  ],
  [
    '3498e952-d568-435e-9b2c-8d77e338d7f7',
    {
      name: 'Azure Kubernetes Service RBAC Admin',
      dataActions: [`${PREFIX}*`],
      notDataActions: [
        `${PREFIX}resourcequotas/write`,
        `${PREFIX}resourcequotas/delete`,
        `${PREFIX}namespaces/write`,
        `${PREFIX}namespaces/delete`,
      ],
    },
  ],
  [
    'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
    { name: 'Azure Kubernetes Service RBAC Cluster Admin', dataActions: [`${PREFIX}*`], notDataActions: [] },
  ],
]);

const BY_NAME = new Map([...AKS_BUILTIN_ROLES].map(([id, role]) => [role.name.toLowerCase(), id]));

/** Control-plane roles that hand out cluster credentials (rbac.md §4.2). */
export const CREDENTIAL_ROLES: ReadonlyMap<string, string> = new Map([
  ['0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8', 'Azure Kubernetes Service Cluster Admin Role'],
  ['4abbcc35-e782-43d8-92c5-2d3f1bd2253f', 'Azure Kubernetes Service Cluster User Role'],
  ['ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8', 'Azure Kubernetes Service Contributor Role'],
  ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner'],
  ['b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor'],
]);

/**
 * The data action guard checks for a request: `<group>/<resource>/<read|write|delete>` (core group without prefix),
 * `pods/exec/action` for exec (the only subresource in the id; other subresources use the parent's action),
 * `<verb>/action` for bind/escalate/impersonate/use, `customresources/...` for types that are not built in.
 */
export function dataActionFor(request: AccessRequest): string {
  const action = actionOf(request.verb);
  if (request.path !== undefined) return `${PREFIX}${request.path.replace(/^\/+/, '')}/${action}`;
  const group = request.apiGroup ?? '';
  const resource = request.resource ?? '';
  if (group === '' && resource === 'pods' && request.subresource === 'exec')
    return `${PREFIX}pods/exec/action`;
  if (!isBuiltinType(group, resource) && !isAzureKnown(group, resource))
    return `${PREFIX}customresources/${action}`;
  return `${PREFIX}${group ? `${group}/` : ''}${resource}/${action}`;
}

function isAzureKnown(group: string, resource: string): boolean {
  return ['extensions', 'metrics.k8s.io', 'events.k8s.io'].includes(group) && resource !== '';
}

function actionOf(verb: string): string {
  switch (verb) {
    case 'get':
    case 'list':
    case 'watch':
      return 'read';
    case 'create':
    case 'update':
    case 'patch':
      return 'write';
    case 'delete':
    case 'deletecollection':
      return 'delete';
    default:
      return `${verb}/action`;
  }
}

/** Azure action patterns: case-insensitive, `*` matches any run of characters. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 'i');
  return re.test(action);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface AzureAssignment {
  /** Position in the file's list (0-based), to point back at it. */
  index?: number;
  /** The assignment's `name` (a GUID), else the last segment of its `id`. */
  name?: string;
  principalId: string;
  principalName?: string;
  principalType: string;
  roleDefinitionId: string;
  roleName: string;
  scope: string;
}

export interface AzureDecision {
  allowed: boolean;
  reason: string;
  assignment?: AzureAssignment;
}

export interface AzureWhoCan {
  principalType: string;
  principalId: string;
  principalName?: string;
  role: string;
  scope: string;
}

function guid(roleDefinitionId: string): string {
  return roleDefinitionId.split('/').pop()!.toLowerCase();
}

/** Azure role assignments that can reach a cluster, with the cluster's identity and whether Azure RBAC is on. */
export class AzureRbac {
  constructor(
    readonly assignments: readonly AzureAssignment[],
    /** Cluster resource ID (lower-case comparisons); without it only cluster-named scopes are matched. */
    readonly clusterId: string | undefined,
    readonly clusterName: string | undefined,
    /** Custom roles and roles unknown here: not evaluated. */
    readonly unevaluated: readonly AzureAssignment[],
  ) {}

  private role(a: AzureAssignment): RoleDefinition | undefined {
    return (
      AKS_BUILTIN_ROLES.get(guid(a.roleDefinitionId)) ??
      AKS_BUILTIN_ROLES.get(BY_NAME.get(a.roleName.toLowerCase()) ?? '')
    );
  }

  /** Whether an assignment's scope contains the request's scope (cluster, or cluster/namespaces/<ns>). */
  appliesAt(a: AzureAssignment, namespace: string): boolean {
    const scope = a.scope.toLowerCase().replace(/\/+$/, '');
    const target = this.clusterId?.toLowerCase();
    if (target) {
      const requestScope = namespace ? `${target}/namespaces/${namespace.toLowerCase()}` : target;
      return scope === '/' || requestScope === scope || requestScope.startsWith(`${scope}/`);
    }
    if (!this.clusterName) return false;
    const m =
      /\/providers\/microsoft\.containerservice\/managedclusters\/([^/]+)(\/namespaces\/([^/]+))?$/.exec(
        scope,
      );
    if (!m || m[1] !== this.clusterName.toLowerCase()) return false;
    return m[3] === undefined || m[3] === namespace.toLowerCase();
  }

  private principalMatches(a: AzureAssignment, user: UserInfo): boolean {
    const name = user.name.toLowerCase();
    if (a.principalType === 'Group')
      return (user.groups ?? []).some((g) => g.toLowerCase() === a.principalId.toLowerCase());
    return a.principalId.toLowerCase() === name || (a.principalName ?? '').toLowerCase() === name;
  }

  private grants(a: AzureAssignment, action: string): boolean {
    const role = this.role(a);
    if (!role) return false;
    return (
      role.dataActions.some((p) => actionMatches(p, action)) &&
      !role.notDataActions.some((p) => actionMatches(p, action))
    );
  }

  authorize(user: UserInfo, request: AccessRequest): AzureDecision {
    if (user.name.startsWith('system:')) return { allowed: false, reason: '' };
    const action = dataActionFor(request);
    const namespace = request.path === undefined ? (request.namespace ?? '') : '';
    for (const a of this.assignments) {
      if (!this.principalMatches(a, user) || !this.appliesAt(a, namespace) || !this.grants(a, action))
        continue;
      return {
        allowed: true,
        reason: `Azure RBAC: allowed by role assignment "${a.roleName}" at ${a.scope} to ${a.principalType} "${a.principalName ?? a.principalId}" (${action})`,
        assignment: a,
      };
    }
    return { allowed: false, reason: '' };
  }

  whoCan(request: AccessRequest): AzureWhoCan[] {
    const action = dataActionFor(request);
    const namespace = request.path === undefined ? (request.namespace ?? '') : '';
    return this.assignments
      .filter((a) => this.appliesAt(a, namespace) && this.grants(a, action))
      .map((a) => {
        const out: AzureWhoCan = {
          principalType: a.principalType,
          principalId: a.principalId,
          role: a.roleName,
          scope: a.scope,
        };
        if (a.principalName) out.principalName = a.principalName;
        return out;
      });
  }
}

/** Bad role-assignment input; `index` names the offending item of the list when there is one. */
export class AzureInputError extends Error {
  constructor(
    message: string,
    readonly index?: number,
  ) {
    super(message);
  }
}

/** Reads `az role assignment list --all -o json`; keeps assignments of the AKS RBAC built-in roles. */
export function azureRbacFromFile(
  text: string,
  file: string,
  cluster?: AksCluster,
  clusterId?: string,
): AzureRbac {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AzureInputError(`${file}: not JSON (${describeJsonError(error, text)})`);
  }
  return azureRbacFromList(data, file, cluster, clusterId);
}

/** The parsed list of `az role assignment list`; throws AzureInputError naming the file (and item) when it is not one. */
export function azureRbacFromList(
  data: unknown,
  file: string,
  cluster?: AksCluster,
  clusterId?: string,
): AzureRbac {
  if (!Array.isArray(data))
    throw new AzureInputError(`${file}: expected the JSON list printed by \`az role assignment list\``);
  const assignments: AzureAssignment[] = [];
  const unevaluated: AzureAssignment[] = [];
  data.forEach((item, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const principalId = str('principalId');
    const scope = str('scope');
    const roleDefinitionId = str('roleDefinitionId') ?? '';
    const roleName = str('roleDefinitionName') ?? '';
    if (!principalId || !scope)
      throw new AzureInputError(`${file}: item ${i} has no principalId or scope`, i);
    const a: AzureAssignment = {
      index: i,
      principalId,
      principalType: str('principalType') ?? 'User',
      roleDefinitionId,
      roleName,
      scope,
    };
    const name = str('name') ?? str('id')?.split('/').pop();
    if (name) a.name = name;
    const principalName = str('principalName');
    if (principalName) a.principalName = principalName;
    const known = AKS_BUILTIN_ROLES.has(guid(roleDefinitionId)) || BY_NAME.has(roleName.toLowerCase());
    (known ? assignments : unevaluated).push(a);
  });
  const id = clusterId ?? cluster?.id ?? onlyClusterIn([...assignments, ...unevaluated], cluster?.name);
  return new AzureRbac(assignments, id, cluster?.name, unevaluated);
}

/**
 * Without a cluster resource ID: the one cluster the assignments name, if they name exactly one (and, when the
 * cluster model gives a name, only if it is that cluster).
 */
function onlyClusterIn(assignments: readonly AzureAssignment[], name?: string): string | undefined {
  const ids = new Set<string>();
  for (const a of assignments) {
    const m = /^(.*\/providers\/microsoft\.containerservice\/managedclusters\/([^/]+))/i.exec(a.scope);
    if (m && (name === undefined || m[2]!.toLowerCase() === name.toLowerCase())) ids.add(m[1]!.toLowerCase());
  }
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** Whether Azure RBAC for Kubernetes authorization is on: true/false from the cluster model, undefined if unknown. */
export function azureRbacEnabled(cluster: AksCluster | undefined): boolean | undefined {
  if (!cluster) return undefined;
  const value = clusterField(cluster, 'aadProfile.enableAzureRbac').value;
  if (isUnknown(value) || value === undefined) return undefined;
  return value === true;
}
