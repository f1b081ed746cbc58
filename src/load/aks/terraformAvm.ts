import {
  type AgentPool,
  type AksCluster,
  type FieldNode,
  isUnknown,
  objectNode,
} from '../../model/aksCluster.js';
import type { Location, PathSegment } from '../../model/source.js';
import type { BodySource } from './terraformBody.js';
import { nodeFromValue, setArm } from './terraformBody.js';
import type { TerraformScope } from './terraformValues.js';
import { newCluster, setEntry } from './tree.js';

type Json = Record<string, unknown>;

/** Module arguments that are not cluster properties. */
const META = new Set([
  'source',
  'version',
  'name',
  'parent_id',
  'location',
  'tags',
  'lock',
  'role_assignments',
  'enable_telemetry',
  'providers',
  'depends_on',
  'count',
  'for_each',
  'diagnostic_settings',
  'default_agent_pool',
  'agent_pools',
  'managed_identities',
]);

/** ARM add-on names for the module's `addon_profile_<name>` inputs (ARM keys are compared case-insensitively). */
const ADDONS: Record<string, string> = {
  oms_agent: 'omsagent',
  key_vault_secrets_provider: 'azureKeyvaultSecretsProvider',
  azure_policy: 'azurepolicy',
  ingress_application_gateway: 'ingressApplicationGateway',
  http_application_routing: 'httpApplicationRouting',
  aci_connector_linux: 'aciConnectorLinux',
  confcom: 'ACCSGXDevicePlugin',
};

/** Module input names that differ from the ARM property they set. */
const RENAMES: Record<string, string> = {
  nodeoschannelupgrade: 'nodeOSUpgradeChannel',
};

/**
 * The Azure Verified Module `Azure/avm-res-containerservice-managedcluster/azurerm` (0.6+, azapi based) takes
 * the ARM `properties` as snake_case inputs; they map onto the ARM body by name, except the add-on,
 * identity and pool inputs handled here. The module deploys a current API version, so current defaults apply.
 */
export function loadAvmModule(source: BodySource, label: string, scope: TerraformScope): AksCluster {
  const location = source.locate([]);
  const fields = objectNode(location);
  for (const [key, raw] of Object.entries(source.body)) {
    if (META.has(key)) continue;
    const path: PathSegment[] = [key];
    const addon = /^addon_profile_(.+)$/.exec(key);
    const node = convert(raw, path, source, scope);
    if (addon) setArm(fields, `addonProfiles.${ADDONS[addon[1]!] ?? addon[1]}`, node, location);
    else setEntry(fields, key, node);
  }
  const identities = source.body.managed_identities;
  if (identities !== undefined) {
    const value = scope.evaluate(identities);
    const identityLocation = source.locate(['managed_identities']);
    let type: unknown = value;
    if (!isUnknown(value) && typeof value === 'object' && value !== null) {
      const object = value as Json;
      const assigned =
        Array.isArray(object.user_assigned_resource_ids) && object.user_assigned_resource_ids.length > 0;
      type = object.system_assigned === true ? 'SystemAssigned' : assigned ? 'UserAssigned' : 'None';
    }
    setArm(fields, 'identity.type', nodeFromValue(type, identityLocation), identityLocation);
  }
  const name = scope.evaluate(source.body.name);
  const cluster = newCluster({
    name: typeof name === 'string' ? name : `module.${label}`,
    dialect: 'terraform',
    location,
    fields,
    apiVersion: '2025-05-01',
    materialized: false,
  });
  cluster.address = `module.${label}`;
  cluster.pools = avmPools(source, scope);
  cluster.surroundings = { diagnosticSettings: [] };
  const diagnostics = scope.evaluate(source.body.diagnostic_settings);
  if (typeof diagnostics === 'object' && diagnostics !== null && !isUnknown(diagnostics)) {
    for (const [key, setting] of Object.entries(diagnostics as Json)) {
      const s = setting as Json;
      const categories = [...asStrings(s.log_categories), ...asStrings(s.log_groups)];
      cluster.surroundings.diagnosticSettings!.push({
        name: key,
        location: source.locate(['diagnostic_settings', key]),
        categories,
      });
    }
  }
  return cluster;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Converts a module input into a field node, keeping the position of each written key of object literals. */
export function convert(
  raw: unknown,
  path: PathSegment[],
  source: BodySource,
  scope: TerraformScope,
): FieldNode {
  const location = source.locate(path);
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const node = objectNode(location);
    for (const [key, child] of Object.entries(raw as Json)) {
      const renamed = RENAMES[key.replace(/_/g, '')] ?? key;
      setEntry(node, renamed, convert(child, [...path, key], source, scope));
    }
    return node;
  }
  return nodeFromValue(scope.evaluate(raw), location);
}

function avmPools(source: BodySource, scope: TerraformScope): AgentPool[] {
  const pools: AgentPool[] = [];
  const add = (
    raw: unknown,
    path: PathSegment[],
    fallbackName: string,
    declaredAs: AgentPool['declaredAs'],
    system: boolean,
  ) => {
    const fields = convert(raw, path, source, scope);
    const location: Location = source.locate(path);
    const body = fields.kind === 'object' ? fields : objectNode(location);
    if (system && !body.entries.has('mode'))
      setEntry(body, 'mode', { kind: 'value', value: 'System', location });
    const nameNode = body.entries.get('name');
    const name =
      nameNode?.kind === 'value' && typeof nameNode.value === 'string' ? nameNode.value : fallbackName;
    pools.push({ name, location, declaredAs, fields: body, resource: { kind: 'AgentPool', name } });
  };
  if (source.body.default_agent_pool !== undefined)
    add(source.body.default_agent_pool, ['default_agent_pool'], 'agentpool', 'profile', true);
  const extra = source.body.agent_pools;
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) {
    for (const [key, raw] of Object.entries(extra as Json))
      add(raw, ['agent_pools', key], key, 'resource', false);
  }
  return pools;
}
