import type { AgentPool, AksCluster } from '../model/aksCluster.js';
import type { ArmValue, TerraformEdit } from './aksRemedies.js';
import type { EditContext, RenderedEdit } from './aksTerraform.js';

/**
 * Cluster changes for Bicep input, in Bicep syntax: for a `Microsoft.ContainerService/managedClusters` resource, the
 * property path and a Bicep literal (`properties.apiServerAccessProfile.enablePrivateCluster: true`); for a call of
 * the AKS Verified Module (`br/public:avm/res/container-service/managed-cluster`), the module parameter of the release
 * it calls (`params.enablePrivateCluster: true` for 0.6 – 0.11, `params.apiServerAccessProfile.enablePrivateCluster`
 * for 0.12 – 0.14).
 */

/** How a Bicep cluster is written (set by the Bicep reader in `cluster.bicep`). */
type Source =
  | { kind: 'resource'; symbol: string }
  | { kind: 'avm'; symbol: string; version: string; generation: 'flat' | 'typed' };

export function bicepSource(cluster: AksCluster): Source | undefined {
  const source = cluster.bicep as Source | undefined;
  return source && typeof source === 'object' && typeof source.symbol === 'string' ? source : undefined;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A Bicep literal on one line: single-quoted strings, `{ key: value, ... }` objects, `[a, b]` arrays. */
export function bicepLiteral(value: ArmValue): string {
  if (Array.isArray(value)) return `[${value.map(bicepLiteral).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(
      ([name, child]) => `${IDENTIFIER.test(name) ? name : bicepString(name)}: ${bicepLiteral(child)}`,
    );
    return `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'string' ? bicepString(value) : String(value);
}

function bicepString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n')}'`;
}

const TOP_LEVEL = new Set(['identity', 'sku', 'tags', 'location', 'kind', 'extendedLocation']);

function armPath(path: string): string {
  if (path === '') return 'properties';
  return TOP_LEVEL.has(path.split('.')[0]!) ? path : `properties.${path}`;
}

function join(prefix: string, path: string): string {
  return path === '' ? prefix : `${prefix}.${path}`;
}

/** The change an edit makes in a Bicep cluster, or `undefined` when it does not apply. */
export function renderBicepEdit(edit: TerraformEdit, context: EditContext): RenderedEdit | undefined {
  const { cluster, pool } = context;
  if (edit.scope === 'pool' && !pool) return undefined;
  const source = bicepSource(cluster);
  if (!source) return undefined;
  const fill = (text: string) => text.replaceAll('{cluster}', source.symbol);
  const address = `${source.kind === 'avm' ? 'module' : 'resource'} ${source.symbol} (${cluster.location.file})`;
  const override = source.kind === 'avm' ? edit.bicepAvm : edit.bicep;
  if (override) return { address, attribute: fill(override.attribute), value: fill(override.value) };
  const arm = edit.arm;
  if (!arm) return undefined;
  const value = edit.remove ? '(remove)' : bicepLiteral(arm.value);
  if (source.kind === 'avm') return avmEdit(edit, arm, source, address, pool, value);

  if (arm.child)
    return { address, attribute: childResource(arm.child, source.symbol, cluster, arm.path), value };
  if (edit.scope === 'newPool')
    return { address, attribute: `properties.agentPoolProfiles[name=${edit.poolName ?? 'new'}]`, value };
  const target = edit.scope === 'pool' ? pool : undefined;
  if (target) {
    if (target.declaredAs === 'profile')
      return {
        address,
        attribute: join(`properties.agentPoolProfiles[name=${target.name}]`, arm.path),
        value,
      };
    const poolAddress = `resource ${String(target.address ?? target.name).replace(/ \(.*\)$/, '')} (${target.location.file})`;
    return { address: poolAddress, attribute: join('properties', arm.path), value };
  }
  return { address, attribute: armPath(arm.path), value };
}

/**
 * A resource beside the cluster: an extension resource scoped to it (`providers/Microsoft.Insights/diagnosticSettings/x`)
 * or a child resource whose parent it is (`maintenanceConfigurations/x`).
 */
function childResource(child: string, symbol: string, cluster: AksCluster, path: string): string {
  const parts = child.split('/');
  const name = parts[parts.length - 1]!;
  if (parts[0] === 'providers') {
    const type = parts.slice(1, -1).join('/');
    const version =
      type.toLowerCase() === 'microsoft.insights/diagnosticsettings' ? '2021-05-01-preview' : '<API_VERSION>';
    return `resource '${type}@${version}' { scope: ${symbol}, name: '${name}' } ${armPath(path)}`;
  }
  const type = `Microsoft.ContainerService/managedClusters/${parts.slice(0, -1).join('/')}`;
  return `resource '${type}@${cluster.apiVersion ?? '<API_VERSION>'}' { parent: ${symbol}, name: '${name}' } ${armPath(path)}`;
}

/** ARM property → the module parameter that sets it on its own, in every modelled release. */
const COMMON_PARAMETERS: Record<string, string> = {
  enableRBAC: 'enableRBAC',
  disableLocalAccounts: 'disableLocalAccounts',
  kubernetesVersion: 'kubernetesVersion',
  diskEncryptionSetID: 'diskEncryptionSetResourceId',
  'networkProfile.networkPlugin': 'networkPlugin',
  'networkProfile.networkPolicy': 'networkPolicy',
  'networkProfile.networkDataplane': 'networkDataplane',
  'networkProfile.outboundType': 'outboundType',
  'networkProfile.loadBalancerSku': 'loadBalancerSku',
  publicNetworkAccess: 'publicNetworkAccess',
  supportPlan: 'supportPlan',
  'sku.tier': 'skuTier',
  'sku.name': 'skuName',
  'addonProfiles.azurepolicy.enabled': 'azurePolicyEnabled',
  'addonProfiles.httpApplicationRouting.enabled': 'httpApplicationRoutingEnabled',
  'addonProfiles.kubeDashboard.enabled': 'kubeDashboardEnabled',
  'oidcIssuerProfile.enabled': 'enableOidcIssuerProfile',
  nodeResourceGroupProfile: 'nodeResourceGroupProfile',
  'nodeResourceGroupProfile.restrictionLevel': 'nodeResourceGroupProfile.restrictionLevel',
};

/** ARM property → parameter of the flat releases (0.6 – 0.11) only. */
const FLAT_PARAMETERS: Record<string, string> = {
  'autoUpgradeProfile.upgradeChannel': 'autoUpgradeProfileUpgradeChannel',
  'autoUpgradeProfile.nodeOSUpgradeChannel': 'autoNodeOsUpgradeProfileUpgradeChannel',
  'apiServerAccessProfile.authorizedIPRanges': 'authorizedIPRanges',
  'apiServerAccessProfile.disableRunCommand': 'disableRunCommand',
  'apiServerAccessProfile.enablePrivateCluster': 'enablePrivateCluster',
  'apiServerAccessProfile.enablePrivateClusterPublicFQDN': 'enablePrivateClusterPublicFQDN',
  'securityProfile.workloadIdentity.enabled': 'enableWorkloadIdentity',
  'securityProfile.imageCleaner.enabled': 'enableImageCleaner',
  'podIdentityProfile.enabled': 'podIdentityProfileEnable',
  enablePodSecurityPolicy: 'enablePodSecurityPolicy',
  'azureMonitorProfile.metrics.enabled': 'enableAzureMonitorProfileMetrics',
};

/** The typed releases (0.12 – 0.14) take these ARM objects whole, as parameters of the same name. */
const TYPED_OBJECTS = [
  'aadProfile',
  'apiServerAccessProfile',
  'autoUpgradeProfile',
  'securityProfile',
  'azureMonitorProfile',
  'podIdentityProfile',
  'nodeProvisioningProfile',
  'nodeResourceGroupProfile',
  'serviceMeshProfile',
  'windowsProfile',
  'linuxProfile',
];

const FLAT_AAD: Record<string, string> = {
  managed: 'aadProfileManaged',
  enableAzureRBAC: 'aadProfileEnableAzureRBAC',
  adminGroupObjectIDs: 'aadProfileAdminGroupObjectIDs',
  tenantID: 'aadProfileTenantId',
};

/** Agent pool keys the module names differently from the ARM property. */
const POOL_PARAMETERS: Record<string, string> = {
  nodePublicIPPrefixID: 'nodePublicIpPrefixResourceId',
  podSubnetID: 'podSubnetResourceId',
  vnetSubnetID: 'vnetSubnetResourceId',
};

function avmEdit(
  edit: TerraformEdit,
  arm: NonNullable<TerraformEdit['arm']>,
  source: Extract<Source, { kind: 'avm' }>,
  address: string,
  pool: AgentPool | undefined,
  value: string,
): RenderedEdit {
  const flat = source.generation === 'flat';
  const params = (path: string, literal = value): RenderedEdit => ({
    address,
    attribute: `params.${path}`,
    value: literal,
  });
  if (arm.child?.includes('diagnosticSettings')) {
    const logs = (arm.value as { logs?: { category: string }[] }).logs ?? [];
    return params(
      'diagnosticSettings[+]',
      bicepLiteral({
        workspaceResourceId: '<WORKSPACE_ID>',
        logCategoriesAndGroups: logs.map((log) => ({ category: log.category })),
      }),
    );
  }
  if (arm.child?.startsWith('maintenanceConfigurations/'))
    return params(
      'maintenanceConfigurations[+]',
      bicepLiteral({ name: arm.child.split('/')[1]!, maintenanceWindow: arm.value }),
    );
  if (edit.scope === 'newPool') return params('agentPools[+]', value);
  if (edit.scope === 'pool' && pool) {
    const list = pool.declaredAs === 'profile' ? 'primaryAgentPoolProfiles' : 'agentPools';
    const [first, ...rest] = arm.path.split('.');
    const key = POOL_PARAMETERS[first!] ?? first!;
    // The flat releases take Trusted Launch as two pool keys.
    if (flat && first === 'securityProfile') {
      const entries =
        rest.length > 0 ? { [rest.join('.')]: arm.value } : (arm.value as Record<string, ArmValue>);
      return params(`${list}[name=${pool.name}]`, bicepLiteral(entries));
    }
    return params([`${list}[name=${pool.name}]`, key, ...rest].join('.'));
  }
  const path = arm.path;
  if (path.startsWith('addonProfiles.omsagent'))
    return params('omsAgentEnabled / monitoringWorkspaceResourceId', "true / '<WORKSPACE_ID>'");
  if (path.startsWith('addonProfiles.azureKeyvaultSecretsProvider'))
    return params('enableKeyvaultSecretsProvider / enableSecretRotation', 'true / true');
  if (flat) {
    if (path.startsWith('securityProfile.defender'))
      return params('enableAzureDefender / monitoringWorkspaceResourceId', "true / '<WORKSPACE_ID>'");
    if (path === 'aadProfile' || path.startsWith('aadProfile.')) {
      const inner = path.slice('aadProfile.'.length);
      if (
        path === 'aadProfile' &&
        typeof arm.value === 'object' &&
        arm.value !== null &&
        !Array.isArray(arm.value)
      ) {
        const renamed = Object.fromEntries(
          Object.entries(arm.value).map(([key, child]) => [FLAT_AAD[key] ?? key, child]),
        ) as Record<string, ArmValue>;
        return params('aadProfile', bicepLiteral(renamed));
      }
      return params(`aadProfile.${FLAT_AAD[inner] ?? inner}`);
    }
    const name = COMMON_PARAMETERS[path] ?? FLAT_PARAMETERS[path];
    if (name) return params(name);
  } else {
    if (TYPED_OBJECTS.includes(path.split('.')[0]!)) return params(path);
    const name = COMMON_PARAMETERS[path];
    if (name) return params(name);
  }
  return {
    address,
    attribute: `(no parameter of avm/res/container-service/managed-cluster:${source.version} sets ${armPath(path)})`,
    value,
  };
}
