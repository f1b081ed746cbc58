// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Terraform expressions, not JavaScript templates
import type { AksCluster } from '../../model/aksCluster.js';
import type { LoadIssue } from '../../model/inventory.js';
import type { PathSegment } from '../../model/source.js';
import type { BodySource } from './terraformBody.js';
import { TerraformScope, type TerraformVariable, type VariableOrigin } from './terraformValues.js';

type Json = Record<string, unknown>;

/** `Azure/aks/azurerm` from the Terraform registry (github.com/Azure/terraform-azurerm-aks). */
export const REGISTRY_AKS_SOURCE = /^(registry\.terraform\.io\/)?Azure\/aks\/azurerm$/i;

/** The release whose inputs and defaults are modelled (tag 11.5.0, commit e29456ed, 2026-04-10; azurerm >= 4.48). */
export const AKS_MODULE_VERSION = '11.5.0';

/**
 * The inputs of `Azure/aks/azurerm` 11.5.0 that reach a security-relevant attribute, with their defaults
 * (`variables.tf`). `undefined` marks a variable with default null.
 */
const INPUTS: Record<string, unknown> = {
  automatic_channel_upgrade: null,
  azure_policy_enabled: false,
  disk_encryption_set_id: null,
  image_cleaner_enabled: false,
  kubernetes_version: null,
  local_account_disabled: null,
  node_os_channel_upgrade: null,
  oidc_issuer_enabled: false,
  private_cluster_enabled: false,
  private_cluster_public_fqdn_enabled: false,
  private_dns_zone_id: null,
  role_based_access_control_enabled: false,
  run_command_enabled: true,
  sku_tier: 'Free',
  support_plan: 'KubernetesOfficial',
  workload_identity_enabled: false,
  agents_pool_name: 'nodepool',
  agents_size: 'Standard_D2s_v3',
  agents_type: 'VirtualMachineScaleSets',
  agents_max_pods: null,
  default_node_pool_fips_enabled: null,
  host_encryption_enabled: false,
  node_public_ip_enabled: false,
  only_critical_addons_enabled: null,
  os_disk_type: 'Managed',
  os_sku: null,
  orchestrator_version: null,
  api_server_authorized_ip_ranges: null,
  api_server_vnet_integration_enabled: false,
  rbac_aad_admin_group_object_ids: null,
  rbac_aad_azure_rbac_enabled: null,
  rbac_aad_tenant_id: null,
  client_id: '',
  client_secret: '',
  identity_type: 'SystemAssigned',
  kms_enabled: false,
  kms_key_vault_key_id: null,
  kms_key_vault_network_access: 'Public',
  key_vault_secrets_provider_enabled: false,
  secret_rotation_enabled: false,
  microsoft_defender_enabled: false,
  log_analytics_workspace_enabled: true,
  oms_agent_enabled: true,
  network_plugin: 'kubenet',
  load_balancer_sku: 'standard',
  ebpf_data_plane: null,
  network_plugin_mode: null,
  network_policy: null,
  net_profile_outbound_type: 'loadBalancer',
  windows_profile: null,
  windows_profile_admin_password: null,
  web_app_routing: null,
  tags: {},
  node_pools: {},
};
const SENSITIVE = new Set(['client_secret', 'windows_profile_admin_password']);

/** Arguments of a module call that are not inputs (meta-arguments) or not read by this mapping. */
const META = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);

const dynamic = (forEach: string, content: Json) => [{ for_each: forEach, content: [content] }];

/**
 * The `azurerm_kubernetes_cluster.main` of the module as a function of its inputs (`main.tf` of 11.5.0): which
 * input feeds which attribute and which input decides whether a block exists. Only security-relevant
 * attributes are listed; names are azurerm 4 names, read by the same mappings as a written resource.
 */
const CLUSTER_BODY: Json = {
  automatic_upgrade_channel: '${var.automatic_channel_upgrade}',
  azure_policy_enabled: '${var.azure_policy_enabled}',
  disk_encryption_set_id: '${var.disk_encryption_set_id}',
  image_cleaner_enabled: '${var.image_cleaner_enabled}',
  kubernetes_version: '${var.kubernetes_version}',
  local_account_disabled: '${var.local_account_disabled}',
  node_os_upgrade_channel: '${var.node_os_channel_upgrade}',
  oidc_issuer_enabled: '${var.oidc_issuer_enabled}',
  private_cluster_enabled: '${var.private_cluster_enabled}',
  private_cluster_public_fqdn_enabled: '${var.private_cluster_public_fqdn_enabled}',
  private_dns_zone_id: '${var.private_dns_zone_id}',
  role_based_access_control_enabled: '${var.role_based_access_control_enabled}',
  run_command_enabled: '${var.run_command_enabled}',
  sku_tier: '${var.sku_tier}',
  support_plan: '${var.support_plan}',
  workload_identity_enabled: '${var.workload_identity_enabled}',
  tags: '${var.tags}',
  // Both dynamic default_node_pool variants (manually scaled, autoscaled) carry these attributes alike.
  default_node_pool: [
    {
      name: '${var.agents_pool_name}',
      vm_size: '${var.agents_size}',
      type: '${var.agents_type}',
      max_pods: '${var.agents_max_pods}',
      fips_enabled: '${var.default_node_pool_fips_enabled}',
      host_encryption_enabled: '${var.host_encryption_enabled}',
      node_public_ip_enabled: '${var.node_public_ip_enabled}',
      only_critical_addons_enabled: '${var.only_critical_addons_enabled}',
      orchestrator_version: '${var.orchestrator_version}',
      os_disk_type: '${var.os_disk_type}',
      os_sku: '${var.os_sku}',
    },
  ],
  network_profile: [
    {
      network_plugin: '${var.network_plugin}',
      load_balancer_sku: '${var.load_balancer_sku}',
      network_data_plane: '${var.ebpf_data_plane}',
      network_plugin_mode: '${var.network_plugin_mode}',
      network_policy: '${var.network_policy}',
      outbound_type: '${var.net_profile_outbound_type}',
    },
  ],
  dynamic: {
    api_server_access_profile: dynamic(
      '${(var.api_server_authorized_ip_ranges != null || var.api_server_vnet_integration_enabled) ? ["api_server_access_profile"] : []}',
      {
        authorized_ip_ranges: '${var.api_server_authorized_ip_ranges}',
        virtual_network_integration_enabled: '${var.api_server_vnet_integration_enabled}',
      },
    ),
    // The module adds the Entra ID block exactly when Kubernetes RBAC is enabled.
    azure_active_directory_role_based_access_control: dynamic(
      '${var.role_based_access_control_enabled ? ["rbac"] : []}',
      {
        admin_group_object_ids: '${var.rbac_aad_admin_group_object_ids}',
        azure_rbac_enabled: '${var.rbac_aad_azure_rbac_enabled}',
        tenant_id: '${var.rbac_aad_tenant_id}',
      },
    ),
    identity: dynamic('${var.client_id == "" || var.client_secret == "" ? ["identity"] : []}', {
      type: '${var.identity_type}',
    }),
    service_principal: dynamic(
      '${var.client_id != "" && var.client_secret != "" ? ["service_principal"] : []}',
      {
        client_id: '${var.client_id}',
        client_secret: '${var.client_secret}',
      },
    ),
    key_management_service: dynamic('${var.kms_enabled ? ["key_management_service"] : []}', {
      key_vault_key_id: '${var.kms_key_vault_key_id}',
      key_vault_network_access: '${var.kms_key_vault_network_access}',
    }),
    key_vault_secrets_provider: dynamic(
      '${var.key_vault_secrets_provider_enabled ? ["key_vault_secrets_provider"] : []}',
      { secret_rotation_enabled: '${var.secret_rotation_enabled}' },
    ),
    microsoft_defender: dynamic('${var.microsoft_defender_enabled ? ["microsoft_defender"] : []}', {}),
    oms_agent: dynamic(
      '${(var.log_analytics_workspace_enabled && var.oms_agent_enabled) ? ["oms_agent"] : []}',
      {},
    ),
    web_app_routing: dynamic('${var.web_app_routing == null ? [] : ["web_app_routing"]}', {}),
    windows_profile: dynamic('${var.windows_profile == null ? [] : ["windows_profile"]}', {
      admin_password: '${var.windows_profile_admin_password}',
    }),
  },
};

/** The module's variables with their defaults, for a scope that binds the call's arguments. */
function moduleVariables(): Map<string, TerraformVariable> {
  return new Map(
    Object.entries(INPUTS).map(([name, value]) => [
      name,
      { hasDefault: true, default: value, sensitive: SENSITIVE.has(name) },
    ]),
  );
}

/**
 * A call of `Azure/aks/azurerm`: the module's cluster resource evaluated with the call's arguments bound to its
 * inputs, so each finding points at the argument that decides it, or at the module block for a module default.
 * Arguments this mapping does not know are noted (another release's inputs, or ones with no security effect).
 */
export function registryAksModule(
  call: BodySource,
  label: string,
  caller: TerraformScope,
  notes: LoadIssue[],
): { body: BodySource; scope: TerraformScope; nodePools: [string, Json, PathSegment[]][] } {
  const variables = moduleVariables();
  const argumentsOf = new Map<string, unknown>();
  const origins = new Map<string, VariableOrigin>();
  const version = caller.evaluate(call.body.version);
  for (const [name, raw] of Object.entries(call.body)) {
    if (META.has(name)) continue;
    if (!variables.has(name)) continue;
    argumentsOf.set(name, raw);
    const inherited = caller.originOf(raw);
    origins.set(name, {
      location: inherited ?? call.locate([name]),
      description: `argument of module.${label}`,
      ...(inherited ? {} : { locateInside: (path) => call.locate([name, ...path]) }),
    });
  }
  if (typeof version === 'string' && !/(^|[^\d.])11(\.|$)/.test(version.replace(/\s/g, ' '))) {
    const at = call.locate(['version']);
    notes.push({
      level: 'note',
      file: at.file,
      line: at.line,
      message: `module.${label}: Azure/aks/azurerm is read with the inputs of release ${AKS_MODULE_VERSION}; version ${JSON.stringify(version)} may name or default them differently`,
    });
  }
  const scope = new TerraformScope(variables, argumentsOf, new Map(), {
    origins,
    outer: caller,
    nullDefaultIsValue: true,
  });
  const body: BodySource = {
    body: CLUSTER_BODY,
    // The module's own lines are not in the input: everything not set by an argument is at the module block.
    locate: () => call.locate([]),
    evaluate: (value) => scope.evaluate(value),
    origin: (value) => scope.originOf(value),
  };
  const pools = scope.evaluate('${var.node_pools}');
  const nodePools: [string, Json, PathSegment[]][] = [];
  if (typeof pools === 'object' && pools !== null && !Array.isArray(pools)) {
    for (const [key, pool] of Object.entries(pools as Json))
      if (typeof pool === 'object' && pool !== null) nodePools.push([key, pool as Json, ['node_pools', key]]);
  }
  return { body, scope, nodePools };
}

export type { AksCluster };
