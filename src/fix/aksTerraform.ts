import { type AgentPool, type AksCluster, normalizeKey } from '../model/aksCluster.js';
import { bicepSource, renderBicepEdit } from './aksBicep.js';
import type { ArmValue, TerraformEdit } from './aksRemedies.js';

/**
 * How the cluster is written, which decides how a remedy is rendered:
 * - `azurerm`: `azurerm_kubernetes_cluster` (also used for live clusters, ARM GET and `az aks show`, as a hint);
 * - `avm`: the Azure Verified Module `Azure/avm-res-containerservice-managedcluster/azurerm` (0.6+, azapi based),
 *   whose inputs are the ARM `properties` in snake_case with ARM semantics (`disable_run_command = true`);
 * - `azapi`: an `azapi_resource` whose `body` is the ARM body verbatim;
 * - `armTemplate`: an ARM template, changed at its ARM property;
 * - `bicep`: a Bicep `managedClusters` resource; `bicepAvm`: a call of the Bicep AKS Verified Module (`aksBicep.ts`).
 */
export type IacDialect = 'azurerm' | 'avm' | 'azapi' | 'armTemplate' | 'bicep' | 'bicepAvm';

export interface RenderedEdit {
  address: string;
  attribute: string;
  value: string;
  legacy?: string;
}

export function iacDialectOf(cluster: AksCluster): IacDialect {
  if (cluster.dialect === 'armTemplate') return 'armTemplate';
  if (cluster.dialect === 'bicep') return bicepSource(cluster)?.kind === 'avm' ? 'bicepAvm' : 'bicep';
  const address = typeof cluster.address === 'string' ? cluster.address : '';
  if (/(^|\.)azapi_resource\.[^.]+$/.test(address)) return 'azapi';
  if (cluster.dialect === 'terraform' && /^module\.[^.]+$/.test(address)) return 'avm';
  return 'azurerm';
}

export function clusterAddressOf(cluster: AksCluster, dialect: IacDialect, name: string): string {
  const bicep = bicepSource(cluster);
  if (bicep)
    return `${bicep.kind === 'avm' ? 'module' : 'resource'} ${bicep.symbol} (${cluster.location.file})`;
  if (typeof cluster.address === 'string') return cluster.address;
  return dialect === 'armTemplate'
    ? `Microsoft.ContainerService/managedClusters ${name}`
    : `azurerm_kubernetes_cluster.${name}`;
}

/**
 * One camelCase ARM property name in snake_case, the way the AVM names its inputs: acronyms stay one word,
 * a plural acronym too (`adminGroupObjectIDs` → `admin_group_object_ids`, `authorizedIPRanges` →
 * `authorized_ip_ranges`, `nodeOSUpgradeChannel` → `node_os_upgrade_channel`, `enableVTPM` → `enable_vtpm`).
 */
export function snakeCase(name: string): string {
  const words = name.match(/[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g);
  return words ? words.map((word) => word.toLowerCase()).join('_') : name;
}

/** AVM inputs of the add-ons it names (`locals.addon_profiles.tf`); other add-ons go in `addon_profiles_extra`. */
const AVM_ADDON_INPUTS: Record<string, string> = {
  omsagent: 'addon_profile_oms_agent',
  azurepolicy: 'addon_profile_azure_policy',
  ingressapplicationgateway: 'addon_profile_ingress_application_gateway',
  azurekeyvaultsecretsprovider: 'addon_profile_key_vault_secrets_provider',
  accsgxdeviceplugin: 'addon_profile_confidential_computing',
};

/** AVM inputs that are not the snake_case of their ARM property (`locals.network_profile.tf`). */
const AVM_RENAMES: Record<string, string> = {
  'networkProfile.networkDataplane': 'network_profile.network_data_plane',
};

/** ARM properties that sit beside `properties`, not inside it. */
const TOP_LEVEL = new Set(['identity', 'sku', 'tags', 'location', 'kind', 'extendedLocation']);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** An HCL literal; object keys renamed by `key`. */
export function hclLiteral(value: ArmValue, key: (name: string) => string = (name) => name): string {
  if (Array.isArray(value)) return `[${value.map((item) => hclLiteral(item, key)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([name, child]) => {
      const renamed = key(name);
      return `${IDENTIFIER.test(renamed) ? renamed : JSON.stringify(renamed)} = ${hclLiteral(child, key)}`;
    });
    return `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A JSON literal on one line, spaced for reading. */
export function jsonLiteral(value: ArmValue): string {
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(
      ([name, child]) => `${JSON.stringify(name)}: ${jsonLiteral(child)}`,
    );
    return `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

/**
 * An add-on object for a dedicated AVM input: snake_case keys, and the `config` strings `"true"`/`"false"` of the
 * ARM API as the booleans the module converts back with `tostring()`.
 */
function avmAddonValue(value: ArmValue): ArmValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, ArmValue> = {};
  for (const [name, child] of Object.entries(value)) {
    if (name === 'config' && typeof child === 'object' && child !== null && !Array.isArray(child)) {
      const config: Record<string, ArmValue> = {};
      for (const [key, item] of Object.entries(child))
        config[key] = item === 'true' ? true : item === 'false' ? false : item;
      out[name] = config;
    } else {
      out[name] = child;
    }
  }
  return out;
}

/** The AVM input path and value for an ARM property of the cluster (or, `pool`, of an agent pool). */
export function avmInput(path: string, value: ArmValue): { attribute: string; value: string } {
  const segments = path.split('.');
  if (segments[0] === 'addonProfiles' && segments[1]) {
    const [, addon, ...rest] = segments;
    const input = AVM_ADDON_INPUTS[normalizeKey(addon)];
    if (!input) {
      // `addon_profiles_extra` is a map(object) keyed by the ARM add-on name, with ARM keys.
      return { attribute: ['addon_profiles_extra', addon, ...rest].join('.'), value: hclLiteral(value) };
    }
    return {
      attribute: [input, ...rest.map(snakeCase)].join('.'),
      value: hclLiteral(rest.length === 0 ? avmAddonValue(value) : value, snakeCase),
    };
  }
  const renamed = AVM_RENAMES[path];
  return {
    attribute: renamed ?? segments.map(snakeCase).join('.'),
    value: hclLiteral(value, snakeCase),
  };
}

function poolIsDefault(cluster: AksCluster, pool: AgentPool): boolean {
  return pool.declaredAs === 'profile' && cluster.pools.find((p) => p.declaredAs === 'profile') === pool;
}

function armPath(path: string): string {
  if (path === '') return 'properties';
  return TOP_LEVEL.has(path.split('.')[0]!) ? path : `properties.${path}`;
}

function joinPath(prefix: string, path: string): string {
  return path === '' ? prefix : `${prefix}.${path}`;
}

export interface EditContext {
  cluster: AksCluster;
  dialect: IacDialect;
  clusterAddress: string;
  /** Shell-safe cluster name or placeholder (ARM names a pool resource `<cluster>/<pool>`). */
  clusterName: string;
  /** The pool at fault, for pool-scoped edits. */
  pool?: AgentPool;
}

/**
 * The change an edit makes in the cluster's own dialect, with that dialect's names and value semantics, or
 * `undefined` when the edit does not apply (a pool edit without a pool at fault).
 */
export function renderEdit(edit: TerraformEdit, context: EditContext): RenderedEdit | undefined {
  const { cluster, dialect, clusterAddress, pool } = context;
  if (dialect === 'bicep' || dialect === 'bicepAvm') return renderBicepEdit(edit, context);
  if (edit.scope === 'pool' && !pool) return undefined;
  const fill = (text: string) => text.replaceAll('{cluster}', clusterAddress);
  const remove = edit.remove === true;

  if (dialect === 'azurerm') {
    let address = clusterAddress;
    let { attribute, value } = edit;
    if (edit.scope === 'pool' && pool) {
      const isDefault = poolIsDefault(cluster, pool);
      address =
        pool.address ??
        (isDefault
          ? `${clusterAddress}.default_node_pool`
          : `azurerm_kubernetes_cluster_node_pool.${pool.name}`);
      if (!isDefault && edit.nodePoolResource) ({ attribute, value } = edit.nodePoolResource);
    }
    const rendered: RenderedEdit = { address, attribute: fill(attribute), value: fill(value) };
    if (edit.legacy) rendered.legacy = edit.legacy;
    return rendered;
  }

  const override = dialect === 'avm' ? edit.avm : dialect === 'azapi' ? edit.azapi : edit.armTemplate;
  const arm = edit.arm;
  const poolTarget = edit.scope === 'pool' ? pool : undefined;

  if (dialect === 'avm') {
    const address = poolTarget
      ? (poolTarget.address ??
        (poolTarget.declaredAs === 'profile'
          ? `${clusterAddress}.default_agent_pool`
          : `${clusterAddress}.agent_pools[${JSON.stringify(poolTarget.name)}]`))
      : clusterAddress;
    if (override) return { address, attribute: fill(override.attribute), value: fill(override.value) };
    if (!arm) return { address: clusterAddress, attribute: fill(edit.attribute), value: fill(edit.value) };
    if (edit.scope === 'newPool')
      return {
        address,
        attribute: `agent_pools[${JSON.stringify(edit.poolName ?? 'new')}]`,
        value: hclLiteral(arm.value, snakeCase),
      };
    const input = avmInput(arm.path, arm.value);
    return { address, attribute: input.attribute, value: remove ? '(remove)' : input.value };
  }

  // azapi body and ARM template: the ARM property itself.
  const body = dialect === 'azapi' ? 'body.' : '';
  const literal = (value: ArmValue) =>
    remove ? '(remove)' : dialect === 'azapi' ? hclLiteral(value) : jsonLiteral(value);
  if (override)
    return { address: clusterAddress, attribute: fill(override.attribute), value: fill(override.value) };
  if (!arm) {
    if (dialect === 'armTemplate') return undefined;
    return { address: clusterAddress, attribute: fill(edit.attribute), value: fill(edit.value) };
  }
  if (arm.child)
    return {
      address: clusterAddress,
      attribute: `${arm.child} ${body}${armPath(arm.path)}`,
      value: literal(arm.value),
    };
  if (edit.scope === 'newPool')
    return {
      address: clusterAddress,
      attribute: `${body}properties.agentPoolProfiles[name=${edit.poolName ?? 'new'}]`,
      value: literal(arm.value),
    };
  if (poolTarget) {
    if (poolTarget.declaredAs === 'profile')
      return {
        address: clusterAddress,
        attribute: joinPath(`${body}properties.agentPoolProfiles[name=${poolTarget.name}]`, arm.path),
        value: literal(arm.value),
      };
    const address =
      poolTarget.address ??
      `Microsoft.ContainerService/managedClusters/agentPools ${context.clusterName}/${poolTarget.name}`;
    return { address, attribute: joinPath(`${body}properties`, arm.path), value: literal(arm.value) };
  }
  const top = arm.path.split('.')[0]!;
  // azapi keeps `identity` and `tags` as resource arguments, outside `body`.
  const attribute =
    dialect === 'azapi' && (top === 'identity' || top === 'tags') ? arm.path : `${body}${armPath(arm.path)}`;
  return { address: clusterAddress, attribute, value: literal(arm.value) };
}
