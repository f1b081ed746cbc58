import {
  type AgentPool,
  type AksCluster,
  type DiagnosticSetting,
  type ObjectNode,
  type Unknown,
  unknown,
} from '../../../model/aksCluster.js';
import type { Location } from '../../../model/source.js';
import { flattenProperties, newCluster, resourcePool } from '../tree.js';
import { roleDefinitionGuid } from './evaluate.js';
import { type ModuleInstance, type Program, ResourceInstance } from './program.js';
import { getProp, isTruthyKnown, toFieldNode, type Unk, unknownFields, type Val } from './values.js';

const POOLS = 'microsoft.containerservice/managedclusters/agentpools';
const MAINTENANCE = 'microsoft.containerservice/managedclusters/maintenanceconfigurations';
const DIAGNOSTICS = /(^microsoft\.insights|\/providers)\/diagnosticsettings$/;
const ROLE_ASSIGNMENTS = 'microsoft.authorization/roleassignments';

/**
 * Built-in roles a kubelet identity is given on a registry, by role definition GUID (Azure built-in roles,
 * "Containers" and "Privileged" sections), named as AKS-IAM-09 reads them.
 */
const REGISTRY_ROLES = new Map([
  ['7f951dda-4ed3-4680-a7ca-43fe172d538d', 'AcrPull'],
  ['8311e382-0749-4cb8-b61a-304f252e45ec', 'AcrPush'],
  ['c2f4ef07-c644-48eb-af81-4b1b4947fb11', 'AcrDelete'],
  ['6cef56e8-d556-48e5-a04f-b8e64114680f', 'AcrImageSigner'],
  ['acdd72a7-3385-48ef-bd42-f606fba81ae7', 'Reader'],
  ['b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor'],
  ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner'],
  ['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'User Access Administrator'],
]);

/** A cluster being built, and the resource (or module call) that declares it. */
export interface ClusterEntry {
  cluster: AksCluster;
  /** Deploy-time references to the cluster (`aks.properties...`) point at this handle. */
  handle: object;
  program: Program;
}

/** Clusters declared by registry modules (the AKS Verified Module), built by the caller. */
export type RegistryClusters = (module: ModuleInstance) => ClusterEntry[];

/**
 * The AKS clusters a program deploys (its own resources and those of the local modules it calls), with their node
 * pools, maintenance configurations, diagnostic settings and the role assignments of their kubelet identity.
 */
export function clustersOfProgram(root: Program, registry: RegistryClusters, label: string): AksCluster[] {
  const resources: ResourceInstance[] = [];
  const modules: ModuleInstance[] = [];
  const visit = (program: Program) => {
    resources.push(...program.allResources());
    for (const module of program.allModules()) {
      modules.push(module);
      const child = module.childProgram();
      if (child) visit(child);
    }
  };
  visit(root);

  const entries: ClusterEntry[] = [];
  for (const resource of resources)
    if (resource.isCluster && !resource.existing) entries.push(clusterOfResource(resource, label));
  for (const module of modules) if (module.remote) entries.push(...registry(module));
  const byHandle = new Map<object, AksCluster>(entries.map((entry) => [entry.handle, entry.cluster]));
  const partials = new Map<object, AksCluster>();
  /** Clusters with a maintenance configuration deployed only under a condition that cannot be read. */
  const uncertainWindows = new Set<AksCluster>();

  /**
   * The cluster a resource reference means: one this deployment declares, or an `existing` reference to it by name
   * (a module that adds a node pool to `resource aks '...' existing = { name: clusterName }`).
   */
  const clusterOf = (handle: object): AksCluster | undefined => {
    const declared = byHandle.get(handle);
    if (declared || !(handle instanceof ResourceInstance) || !handle.isCluster || !handle.existing)
      return declared;
    const nameValue = handle.name();
    if (nameValue.k === 'unk' && nameValue.ref?.path.join('.') === 'name')
      return clusterOf(nameValue.ref.resource);
    const name = literal(nameValue)?.toLowerCase();
    const matches = entries.filter(
      (entry) => name !== undefined && entry.cluster.name.toLowerCase() === name,
    );
    return matches.length === 1 ? matches[0]!.cluster : undefined;
  };
  const owner = (
    resource: ResourceInstance,
    parent: ResourceInstance | undefined,
  ): AksCluster | undefined => {
    if (parent) {
      const cluster = clusterOf(parent);
      if (cluster) return cluster;
      if (parent.isCluster && parent.existing) return partialFor(parent);
    }
    const name = resource.name();
    if (name.k === 'lit' && typeof name.v === 'string' && name.v.includes('/')) {
      const clusterName = name.v.split('/')[0]!.toLowerCase();
      const match = entries.find((entry) => entry.cluster.name.toLowerCase() === clusterName);
      if (match) return match.cluster;
    }
    const sameProgram = entries.filter((entry) => entry.program === resource.program);
    return sameProgram.length === 1 ? sameProgram[0]!.cluster : undefined;
  };
  const partialFor = (existing: ResourceInstance): AksCluster => {
    let cluster = partials.get(existing);
    if (!cluster) {
      const name = existing.name();
      cluster = newCluster({
        name: name.k === 'lit' && typeof name.v === 'string' ? name.v : existing.symbol,
        dialect: 'bicep',
        location: existing.location,
        fields: { kind: 'object', entries: new Map(), names: new Map(), location: existing.location },
        materialized: false,
      });
      cluster.partial = true;
      cluster.address = addressOf(existing.symbol, label);
      partials.set(existing, cluster);
    }
    return cluster;
  };

  for (const resource of resources) {
    if (resource.existing) continue;
    const type = resource.type.toLowerCase();
    if (type === POOLS) {
      const cluster = owner(resource, resource.parentInstance());
      if (cluster) cluster.pools.push(poolOfResource(resource, label));
    } else if (type === MAINTENANCE) {
      const cluster = owner(resource, resource.parentInstance());
      if (cluster && resource.condition === true)
        cluster.surroundings.maintenanceConfigurations?.push(
          lastSegment(literal(resource.name()) ?? resource.symbol),
        );
      else if (cluster) uncertainWindows.add(cluster);
    } else if (DIAGNOSTICS.test(type)) {
      const scope = resource.scopeInstance();
      const cluster = scope ? clusterOf(scope) : owner(resource, resource.parentInstance());
      if (cluster && (scope || type.startsWith('microsoft.containerservice')))
        cluster.surroundings.diagnosticSettings?.push(diagnosticSetting(resource));
    } else if (type === ROLE_ASSIGNMENTS) {
      linkRoleAssignment(resourceRoleAssignment(resource), clusterOf);
    }
  }
  for (const module of modules)
    if (ROLE_ASSIGNMENT_MODULE.test(module.path)) linkRoleAssignment(moduleRoleAssignment(module), clusterOf);
  for (const cluster of uncertainWindows)
    if (cluster.surroundings.maintenanceConfigurations?.length === 0)
      delete cluster.surroundings.maintenanceConfigurations;
  return [...entries.map((entry) => entry.cluster), ...partials.values()];
}

export function addressOf(symbol: string, label: string): string {
  return label ? `${symbol} (${label})` : symbol;
}

function literal(value: Val | undefined): string | undefined {
  return value?.k === 'lit' && typeof value.v === 'string' ? value.v : undefined;
}

function lastSegment(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1]!;
}

function clusterOfResource(resource: ResourceInstance, label: string): ClusterEntry {
  const location = resource.location;
  const fields = bodyFields(resource.body(), location);
  const name = literal(resource.name());
  const cluster = newCluster({
    name: name ?? resource.symbol,
    dialect: 'bicep',
    location,
    fields,
    apiVersion: resource.apiVersion,
    materialized: false,
  });
  cluster.address = addressOf(resource.symbol, label);
  cluster.bicep = { kind: 'resource', symbol: resource.symbol } satisfies BicepClusterSource;
  if (name === undefined) cluster.nameUnknown = true;
  cluster.surroundings = { diagnosticSettings: [], maintenanceConfigurations: [] };
  return { cluster, handle: resource, program: resource.program };
}

/** How a Bicep cluster is written, for the fixes: a resource, or a call of the AKS Verified Module. */
export type BicepClusterSource =
  | { kind: 'resource'; symbol: string }
  | { kind: 'avm'; symbol: string; version: string; generation: 'flat' | 'typed' };

function poolOfResource(resource: ResourceInstance, label: string): AgentPool {
  const location = resource.location;
  const name = lastSegment(literal(resource.name()) ?? resource.symbol);
  const pool = resourcePool(name, toFieldNode(resource.body(), location), location);
  pool.fields = bodyFields(resource.body(), location);
  pool.address = addressOf(resource.symbol, label);
  return pool;
}

/**
 * The ARM body with `properties` flattened, located at the declaration (the line of every absent field, as for ARM
 * templates). A body or `properties` that cannot be read makes every field unknown, never absent.
 */
function bodyFields(body: Val, location: Location): ObjectNode {
  if (body.k !== 'obj')
    return unknownFields(body.k === 'unk' ? body.reason : 'the body is not an object', location);
  const properties = getProp(body, 'properties');
  const flat = flattenProperties(toFieldNode(body, location), location);
  flat.location = location;
  if (properties?.k !== 'unk') return flat;
  const fields = unknownFields(properties.reason, location);
  for (const [key, child] of flat.entries) fields.entries.set(key, child);
  return fields;
}

function diagnosticSetting(resource: ResourceInstance): DiagnosticSetting {
  const setting: DiagnosticSetting = {
    name: lastSegment(literal(resource.name()) ?? resource.symbol),
    location: resource.location,
    categories: [],
  };
  if (resource.condition !== true) {
    setting.unknownReason = `the diagnostic setting is deployed only if ${resource.condition.reason}`;
    return setting;
  }
  const properties = resource.property('properties');
  const logs = properties?.k === 'obj' ? getProp(properties, 'logs') : undefined;
  if (logs?.k === 'unk') setting.unknownReason = logs.reason;
  else if (logs?.k === 'arr') {
    for (const entry of logs.items) {
      if (entry.k === 'unk') {
        setting.unknownReason = entry.reason;
        continue;
      }
      if (entry.k !== 'obj') continue;
      const enabled = isTruthyKnown(getProp(entry, 'enabled') ?? { k: 'lit', v: false });
      const category = getProp(entry, 'category');
      const group = getProp(entry, 'categoryGroup');
      const name = literal(category) ?? literal(group);
      const unknownPart = [category, group].find((value) => value?.k === 'unk');
      if (typeof enabled !== 'boolean' || (name === undefined && unknownPart)) {
        setting.unknownReason =
          typeof enabled !== 'boolean' ? enabled.reason : (unknownPart as { reason: string }).reason;
        continue;
      }
      if (enabled && name !== undefined) setting.categories.push(name);
    }
  }
  return setting;
}

/** What a role assignment says, whether declared as a resource or through the role-assignment Verified Module. */
interface RoleAssignmentFacts {
  principal: Val | undefined;
  definition: Val | undefined;
  /** Where it applies: a registry, another resource, or a resource group / subscription / unknown scope. */
  scope: 'registry' | 'other' | 'container';
  condition: true | Unk;
  location: Location;
}

/**
 * `br/public:avm/ptn/authorization/resource-role-assignment:0.1.x`: one role assignment on the resource `resourceId`
 * (Azure/bicep-registry-modules, `avm/ptn/authorization/resource-role-assignment/0.1.2`): `principalId`,
 * `roleDefinitionId` (a GUID or a role definition id), `resourceId`.
 */
export const ROLE_ASSIGNMENT_MODULE =
  /^(br\/public:|br:mcr\.microsoft\.com\/bicep\/)avm\/ptn\/authorization\/resource-role-assignment:0\.1\.\d+$/i;

function resourceRoleAssignment(resource: ResourceInstance): RoleAssignmentFacts | undefined {
  const properties = resource.property('properties');
  if (properties?.k !== 'obj') return undefined;
  const scope = resource.scopeInstance();
  return {
    principal: getProp(properties, 'principalId'),
    definition: getProp(properties, 'roleDefinitionId'),
    scope: !scope ? 'container' : isRegistry(scope.type) ? 'registry' : 'other',
    condition: resource.condition,
    location: resource.location,
  };
}

function moduleRoleAssignment(module: ModuleInstance): RoleAssignmentFacts | undefined {
  const params = module.params();
  if (params.k !== 'obj') return undefined;
  const target = getProp(params, 'resourceId');
  let scope: RoleAssignmentFacts['scope'] = 'container';
  if (target?.k === 'lit' && typeof target.v === 'string')
    scope = /\/providers\/Microsoft\.ContainerRegistry\/registries\/[^/]+$/i.test(target.v)
      ? 'registry'
      : 'other';
  else if (target?.k === 'unk' && target.ref?.path.join('.').toLowerCase() === 'id')
    scope = isRegistry(target.ref.resource.type) ? 'registry' : 'other';
  return {
    principal: getProp(params, 'principalId'),
    definition: getProp(params, 'roleDefinitionId'),
    scope,
    condition: module.condition,
    location: module.location,
  };
}

function isRegistry(type: string): boolean {
  return type.toLowerCase() === 'microsoft.containerregistry/registries';
}

/**
 * A role assignment whose principal is a cluster's kubelet identity (`aks.properties.identityProfile.kubeletidentity.objectId`,
 * or the Verified Module's `kubeletIdentityObjectId` output), when it can reach a registry: scoped to a registry, or a
 * registry role (or a broad one) on a resource group or subscription. Assignments on other resources (the node
 * resource group's scale sets, a key vault) are not about images.
 */
function linkRoleAssignment(
  facts: RoleAssignmentFacts | undefined,
  clusterOf: (handle: object) => AksCluster | undefined,
): void {
  const principal = facts?.principal;
  if (!facts || principal?.k !== 'unk' || !principal.ref) return;
  const path = principal.ref.path.map((segment) => segment.toLowerCase()).join('.');
  if (path !== 'properties.identityprofile.kubeletidentity.objectid') return;
  const cluster = clusterOf(principal.ref.resource);
  if (!cluster) return;
  const guid = facts.definition ? roleDefinitionGuid(facts.definition) : undefined;
  if (facts.scope === 'other') return;
  if (facts.scope === 'container' && !(guid && REGISTRY_ROLES.has(guid))) return;
  let role: string | Unknown;
  if (facts.condition !== true)
    role = unknown(`the role assignment is deployed only if ${facts.condition.reason}`);
  else if (guid) role = REGISTRY_ROLES.get(guid) ?? guid;
  else
    role = unknown(
      facts.definition?.k === 'unk' ? facts.definition.reason : 'the role definition is not readable',
    );
  cluster.surroundings.kubeletRoleAssignments ??= [];
  cluster.surroundings.kubeletRoleAssignments.push({ role, location: facts.location });
}
