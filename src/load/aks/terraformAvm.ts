import {
  type AgentPool,
  type AksCluster,
  type FieldNode,
  isUnknown,
  normalizeKey,
  type ObjectNode,
  objectNode,
} from '../../model/aksCluster.js';
import type { LoadIssue } from '../../model/inventory.js';
import type { Location, PathSegment } from '../../model/source.js';
import type { BodySource } from './terraformBody.js';
import { nodeFromValue, setArm } from './terraformBody.js';
import type { TerraformScope } from './terraformValues.js';
import { newCluster, setEntry } from './tree.js';

type Json = Record<string, unknown>;

/** The planned-maintenance configuration each window input creates. */
const MAINTENANCE_WINDOWS: Record<string, string> = {
  // Only the azurerm-based releases (blocks of their azurerm_kubernetes_cluster) have the legacy and node OS windows;
  // all releases have the auto-upgrade one (the azapi-based ones create it with modules/maintenanceconfiguration).
  maintenance_window: 'default',
  maintenance_window_auto_upgrade: 'aksManagedAutoUpgradeSchedule',
  maintenance_window_node_os: 'aksManagedNodeOSUpgradeSchedule',
};

/** Module arguments that are not cluster properties, or that are read apart below. */
const META = new Set([
  'source',
  'version',
  'name',
  'parent_id',
  'location',
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
  'addon_profiles_extra',
  'auto_upgrade_profile',
  'node_os_channel_upgrade',
  'maintenanceconfiguration',
  ...Object.keys(MAINTENANCE_WINDOWS),
]);

/**
 * ARM add-on names of the module's `addon_profile_<name>` inputs (`locals.addon_profiles.tf`). No release has
 * other `addon_profile_*` inputs (Terraform rejects an undeclared module argument): HTTP application routing
 * and the ACI connector were only `http_application_routing_enabled` / `aci_connector_linux_subnet_name` of the
 * azurerm-based releases, whose other inputs this reader does not model either.
 */
const ADDONS: Record<string, string> = {
  oms_agent: 'omsagent',
  key_vault_secrets_provider: 'azureKeyvaultSecretsProvider',
  azure_policy: 'azurepolicy',
  ingress_application_gateway: 'ingressApplicationGateway',
  confidential_computing: 'ACCSGXDevicePlugin',
};

/**
 * The Azure Verified Module `Azure/avm-res-containerservice-managedcluster/azurerm` (0.6+, azapi based) takes
 * the ARM `properties` as snake_case inputs; they map onto the ARM body by name, except the add-on,
 * identity, upgrade, maintenance and pool inputs handled here. The module deploys a current API version, so
 * current defaults apply.
 */
export function loadAvmModule(
  source: BodySource,
  label: string,
  scope: TerraformScope,
  notes: LoadIssue[] = [],
): AksCluster {
  const location = source.locate([]);
  const fields = objectNode(location);
  for (const [key, raw] of Object.entries(source.body)) {
    if (META.has(key)) continue;
    const addon = /^addon_profile_(.+)$/.exec(key);
    if (addon) {
      const armName = ADDONS[addon[1]!];
      if (armName)
        setArm(fields, `addonProfiles.${armName}`, addonNode(armName, raw, [key], source, scope), location);
      continue;
    }
    setEntry(fields, key, convert(raw, [key], source, scope));
  }
  extraAddons(fields, source, scope);
  autoUpgradeProfile(fields, source, scope, notes);
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
  cluster.pools = avmPools(source, scope, label);
  cluster.surroundings = { diagnosticSettings: [] };
  const windows = maintenanceWindows(source, scope);
  if (windows) cluster.surroundings.maintenanceConfigurations = windows;
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

/** A dedicated add-on input. The module enables the Key Vault provider whenever its input is set, whatever `enabled` says. */
function addonNode(
  armName: string,
  raw: unknown,
  path: PathSegment[],
  source: BodySource,
  scope: TerraformScope,
): FieldNode {
  const node = convert(raw, path, source, scope);
  if (armName === 'azureKeyvaultSecretsProvider' && node.kind === 'object') {
    const location = node.entries.get('enabled')?.location ?? source.locate(path);
    setEntry(node, 'enabled', { kind: 'value', value: true, location });
  }
  return node;
}

/**
 * `addon_profiles_extra`: other add-ons keyed by their ARM name, ARM `enabled`/`config` inside. The module merges
 * it last, so an entry replaces a dedicated input's add-on of the same key; an unreadable map hides them all.
 */
function extraAddons(fields: ObjectNode, source: BodySource, scope: TerraformScope): void {
  const raw = source.body.addon_profiles_extra;
  if (raw === undefined) return;
  const node = convert(raw, ['addon_profiles_extra'], source, scope);
  const location = source.locate([]);
  if (node.kind === 'unknown') {
    setArm(fields, 'addonProfiles', node, location);
    return;
  }
  if (node.kind !== 'object') return;
  for (const [key, child] of node.entries)
    setArm(fields, `addonProfiles.${node.names.get(key) ?? key}`, child, location);
}

/**
 * `auto_upgrade_profile` is an object-typed input whose node OS field is `node_os_upgrade_channel` in every
 * release. Terraform converts the argument to that type and drops attributes the type lacks (go-cty
 * `conversionObjectToObject`), so `node_os_channel_upgrade` inside it is never read by the module. The
 * azurerm-based releases took the channel as the top-level argument `node_os_channel_upgrade`.
 */
function autoUpgradeProfile(
  fields: ObjectNode,
  source: BodySource,
  scope: TerraformScope,
  notes: LoadIssue[],
): void {
  const location = source.locate([]);
  const raw = source.body.auto_upgrade_profile;
  if (raw !== undefined) {
    const node = convert(raw, ['auto_upgrade_profile'], source, scope);
    const ignored = normalizeKey('node_os_channel_upgrade');
    if (node.kind === 'object') {
      if (node.entries.has(ignored)) {
        // A real misconfiguration worth telling: the channel the author chose is silently not applied.
        const at = source.locate(['auto_upgrade_profile', 'node_os_channel_upgrade']);
        notes.push({
          level: 'note',
          file: at.file,
          line: at.line,
          column: at.column,
          message:
            'auto_upgrade_profile.node_os_channel_upgrade is not an input of the AKS Verified Module (the attribute is node_os_upgrade_channel): Terraform drops it, and the module default channel applies',
        });
      }
      node.entries.delete(ignored);
      node.names.delete(ignored);
    }
    setArm(fields, 'autoUpgradeProfile', node, location);
  }
  const legacy = source.body.node_os_channel_upgrade;
  if (legacy !== undefined) {
    setArm(
      fields,
      'autoUpgradeProfile.nodeOSUpgradeChannel',
      convert(legacy, ['node_os_channel_upgrade'], source, scope),
      location,
    );
  }
}

/** Planned-maintenance configurations the module creates; undefined when an input cannot be read. */
function maintenanceWindows(source: BodySource, scope: TerraformScope): string[] | undefined {
  const names: string[] = [];
  let unreadable = false;
  for (const [input, configuration] of Object.entries(MAINTENANCE_WINDOWS)) {
    if (!Object.hasOwn(source.body, input)) continue;
    const value = scope.evaluate(source.body[input]);
    if (isUnknown(value)) unreadable = true;
    else if (value !== null && value !== undefined) names.push(configuration);
  }
  // The azapi-based releases take `maintenanceconfiguration`, a map whose entries each create one
  // `Microsoft.ContainerService/managedClusters/maintenanceConfigurations` named `name`
  // (main.maintenanceconfiguration.tf: `for_each = var.maintenanceconfiguration`, `name = each.value.name`).
  if (Object.hasOwn(source.body, 'maintenanceconfiguration')) {
    const value = scope.evaluate(source.body.maintenanceconfiguration);
    if (isUnknown(value)) unreadable = true;
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, entry] of Object.entries(value as Json)) {
        const name = typeof entry === 'object' && entry !== null ? (entry as Json).name : undefined;
        if (isUnknown(name)) unreadable = true;
        else names.push(typeof name === 'string' ? name : key);
      }
    }
  }
  return unreadable && names.length === 0 ? undefined : names;
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
    for (const [key, child] of Object.entries(raw as Json))
      setEntry(node, key, convert(child, [...path, key], source, scope));
    return node;
  }
  return nodeFromValue(scope.evaluate(raw), location);
}

/**
 * `default_agent_pool` (name `systempool` unless set) and the `agent_pools` map. A map entry's address is its
 * key, which need not be the pool's `name`.
 */
function avmPools(source: BodySource, scope: TerraformScope, label: string): AgentPool[] {
  const pools: AgentPool[] = [];
  const add = (node: FieldNode, path: PathSegment[], fallbackName: string, system: boolean): AgentPool => {
    const location: Location = source.locate(path);
    const body = node.kind === 'object' ? node : objectNode(location);
    if (system && !body.entries.has('mode'))
      setEntry(body, 'mode', { kind: 'value', value: 'System', location });
    const nameNode = body.entries.get('name');
    const name =
      nameNode?.kind === 'value' && typeof nameNode.value === 'string' ? nameNode.value : fallbackName;
    const pool: AgentPool = {
      name,
      location,
      declaredAs: system ? 'profile' : 'resource',
      fields: body,
      resource: { kind: 'AgentPool', name },
    };
    pools.push(pool);
    return pool;
  };
  const defaultPool = source.body.default_agent_pool;
  if (defaultPool !== undefined)
    add(
      convert(defaultPool, ['default_agent_pool'], source, scope),
      ['default_agent_pool'],
      'systempool',
      true,
    );
  const map = source.body.agent_pools;
  if (map !== undefined) {
    const node = convert(map, ['agent_pools'], source, scope);
    if (node.kind === 'object') {
      for (const [normalized, child] of node.entries) {
        const key = node.names.get(normalized) ?? normalized;
        const pool = add(child, ['agent_pools', key], key, false);
        pool.address = `module.${label}.agent_pools[${JSON.stringify(key)}]`;
      }
    }
  }
  return pools;
}
