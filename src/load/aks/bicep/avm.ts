import type { AgentPool, AksCluster, DiagnosticSetting } from '../../../model/aksCluster.js';
import type { Location } from '../../../model/source.js';
import { flattenProperties, newCluster } from '../tree.js';
import { addressOf, type BicepClusterSource, type ClusterEntry } from './clusters.js';
import type { ModuleInstance, RegistryModule } from './program.js';
import {
  arr,
  getProp,
  isTruthyKnown,
  lit,
  type Obj,
  obj,
  type ResourceHandle,
  toFieldNode,
  type Unk,
  unk,
  unknownFields,
  unlocated,
  type Val,
} from './values.js';

/**
 * The Azure Verified Module for AKS in the public Bicep registry, `br/public:avm/res/container-service/managed-cluster`
 * (how the AKS landing-zone accelerator declares its cluster), mapped from its parameters onto the ARM body it
 * deploys, with the module's own defaults. Modelled from Azure/bicep-registry-modules, tags
 * `avm/res/container-service/managed-cluster/0.6.0` to `/0.14.0` (`main.bicep`, `agent-pool/main.bicep`):
 *
 * - 0.6.0 – 0.11.x ("flat"): one parameter per property (`enablePrivateCluster`, `aadProfile.aadProfileManaged`...),
 *   checked line by line against 0.9.0, the version the landing-zone accelerator pins;
 * - 0.12.0 – 0.14.x ("typed"): the ARM objects themselves (`apiServerAccessProfile`, `securityProfile`, `aadProfile`...).
 *
 * Older releases (0.1 – 0.5: different parameter names) are reported as not analysed.
 */
export const AVM_MODULE =
  /^(br\/public:|br:mcr\.microsoft\.com\/bicep\/)avm\/res\/container-service\/managed-cluster:(\d+)\.(\d+)\.(\d+)$/i;

export interface AvmVersion {
  text: string;
  minor: number;
  patch: number;
  generation: 'flat' | 'typed';
}

/** The modelled release of a module path, `undefined` when it is not the AKS module, or a reason when unmodelled. */
export function avmVersion(path: string): AvmVersion | string | undefined {
  const match = AVM_MODULE.exec(path);
  if (!match) return undefined;
  const [major, minor, patch] = [Number(match[2]), Number(match[3]), Number(match[4])];
  const text = `${major}.${minor}.${patch}`;
  if (major !== 0 || minor < 6 || minor > 14)
    return `release ${text} of the AKS Verified Module is not modelled (0.6.0 to 0.14.x are)`;
  return { text, minor, patch, generation: minor >= 12 ? 'typed' : 'flat' };
}

/** The API version each release deploys its cluster with. */
function apiVersionOf(version: AvmVersion): string {
  if (version.minor >= 13) return '2025-10-01';
  if (version.minor === 12) return '2025-09-01';
  if (version.minor === 11) return '2025-05-02-preview';
  if (version.minor >= 7) return '2024-09-02-preview';
  return '2024-03-02-preview';
}

/** Parameters copied onto one ARM path, with the module's default when the caller gives none. */
type Simple = [param: string, armPath: string, moduleDefault?: string | number | boolean | string[]];

const COMMON: Simple[] = [
  ['kubernetesVersion', 'properties.kubernetesVersion'],
  ['diskEncryptionSetResourceId', 'properties.diskEncryptionSetID'],
  ['httpProxyConfig', 'properties.httpProxyConfig'],
  ['identityProfile', 'properties.identityProfile'],
  ['aksServicePrincipalProfile', 'properties.servicePrincipalProfile'],
  ['enableRBAC', 'properties.enableRBAC', true],
  ['disableLocalAccounts', 'properties.disableLocalAccounts', true],
  ['nodeResourceGroupProfile', 'properties.nodeResourceGroupProfile'],
  ['networkDataplane', 'properties.networkProfile.networkDataplane'],
  ['networkPlugin', 'properties.networkProfile.networkPlugin'],
  ['podCidr', 'properties.networkProfile.podCidr'],
  ['serviceCidr', 'properties.networkProfile.serviceCidr'],
  ['dnsServiceIP', 'properties.networkProfile.dnsServiceIP'],
  ['outboundType', 'properties.networkProfile.outboundType', 'loadBalancer'],
  ['loadBalancerSku', 'properties.networkProfile.loadBalancerSku', 'standard'],
  ['publicNetworkAccess', 'properties.publicNetworkAccess', 'Disabled'],
  ['supportPlan', 'properties.supportPlan', 'KubernetesOfficial'],
  ['webApplicationRoutingEnabled', 'properties.ingressProfile.webAppRouting.enabled', false],
  ['httpApplicationRoutingEnabled', 'properties.addonProfiles.httpApplicationRouting.enabled', false],
  ['aciConnectorLinuxEnabled', 'properties.addonProfiles.aciConnectorLinux.enabled', false],
  ['azurePolicyEnabled', 'properties.addonProfiles.azurepolicy.enabled', true],
  ['openServiceMeshEnabled', 'properties.addonProfiles.openServiceMesh.enabled', false],
  ['kubeDashboardEnabled', 'properties.addonProfiles.kubeDashboard.enabled', false],
  ['enableKeyvaultSecretsProvider', 'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled', false],
  ['skuName', 'sku.name', 'Base'],
  ['skuTier', 'sku.tier', 'Standard'],
  ['tags', 'tags'],
];

const FLAT: Simple[] = [
  ['autoUpgradeProfileUpgradeChannel', 'properties.autoUpgradeProfile.upgradeChannel', 'stable'],
  [
    'autoNodeOsUpgradeProfileUpgradeChannel',
    'properties.autoUpgradeProfile.nodeOSUpgradeChannel',
    'Unmanaged',
  ],
  ['authorizedIPRanges', 'properties.apiServerAccessProfile.authorizedIPRanges'],
  ['disableRunCommand', 'properties.apiServerAccessProfile.disableRunCommand', false],
  ['enablePrivateCluster', 'properties.apiServerAccessProfile.enablePrivateCluster', false],
  [
    'enablePrivateClusterPublicFQDN',
    'properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN',
    false,
  ],
  ['privateDNSZone', 'properties.apiServerAccessProfile.privateDNSZone'],
  ['podIdentityProfileEnable', 'properties.podIdentityProfile.enabled', false],
  [
    'podIdentityProfileAllowNetworkPluginKubenet',
    'properties.podIdentityProfile.allowNetworkPluginKubenet',
    false,
  ],
];

const TYPED: Simple[] = [
  ['linuxProfile', 'properties.linuxProfile'],
  ['aadProfile', 'properties.aadProfile'],
  ['apiServerAccessProfile', 'properties.apiServerAccessProfile'],
  ['autoUpgradeProfile', 'properties.autoUpgradeProfile'],
  ['securityProfile', 'properties.securityProfile'],
  ['azureMonitorProfile', 'properties.azureMonitorProfile'],
  ['podIdentityProfile', 'properties.podIdentityProfile'],
  ['nodeProvisioningProfile', 'properties.nodeProvisioningProfile'],
  ['workloadAutoScalerProfile', 'properties.workloadAutoScalerProfile'],
  ['serviceMeshProfile', 'properties.serviceMeshProfile'],
  ['upgradeSettings', 'properties.upgradeSettings'],
  ['windowsProfile', 'properties.windowsProfile'],
  ['advancedNetworking', 'properties.networkProfile.advancedNetworking'],
  ['ipFamilies', 'properties.networkProfile.ipFamilies', ['IPv4']],
  ['natGatewayProfile', 'properties.networkProfile.natGatewayProfile'],
  ['networkMode', 'properties.networkProfile.networkMode'],
  ['staticEgressGatewayProfile', 'properties.networkProfile.staticEgressGatewayProfile'],
  ['fqdnSubdomain', 'properties.fqdnSubdomain'],
];

/** Keys of an agent pool object that the module writes under another ARM name. */
const POOL_RENAMES: Record<string, string> = {
  nodepublicipprefixresourceid: 'nodePublicIPPrefixID',
  podsubnetresourceid: 'podSubnetID',
  vnetsubnetresourceid: 'vnetSubnetID',
  proximityplacementgroupresourceid: 'proximityPlacementGroupID',
  capacityreservationgroupresourceid: 'capacityReservationGroupID',
  hostgroupresourceid: 'hostGroupID',
};

/** Agent pool keys the module forwards (0.9.0 `agentPoolType`; the typed releases add objects of the ARM API). */
const POOL_KEYS_FLAT = [
  'name',
  'count',
  'availabilityZones',
  'enableAutoScaling',
  'enableEncryptionAtHost',
  'enableFIPS',
  'enableNodePublicIP',
  'enableUltraSSD',
  'gpuInstanceProfile',
  'kubeletDiskType',
  'maxCount',
  'maxPods',
  'minCount',
  'mode',
  'nodeLabels',
  'nodePublicIpPrefixResourceId',
  'nodeTaints',
  'orchestratorVersion',
  'osDiskSizeGB',
  'osDiskType',
  'osSKU',
  'osType',
  'podSubnetResourceId',
  'proximityPlacementGroupResourceId',
  'scaleDownMode',
  'scaleSetEvictionPolicy',
  'scaleSetPriority',
  'spotMaxPrice',
  'tags',
  'type',
  'vmSize',
  'vnetSubnetResourceId',
  'workloadRuntime',
];
const POOL_KEYS_TYPED = [
  ...POOL_KEYS_FLAT,
  'capacityReservationGroupResourceId',
  'gatewayProfile',
  'gpuProfile',
  'hostGroupResourceId',
  'kubeletConfig',
  'linuxOSConfig',
  'localDNSProfile',
  'messageOfTheDay',
  'networkProfile',
  'podIPAllocationMode',
  'powerState',
  'securityProfile',
  'upgradeSettings',
  'virtualMachinesProfile',
  'windowsProfile',
];

/** Pool defaults of the module (`profile.?x ?? default` in `main.bicep`, `param x = default` in `agent-pool`). */
const POOL_DEFAULTS: [string, string | number | boolean][] = [
  ['count', 1],
  ['enableAutoScaling', false],
  ['enableEncryptionAtHost', false],
  ['enableFIPS', false],
  ['enableNodePublicIP', false],
  ['enableUltraSSD', false],
  ['osType', 'Linux'],
  ['scaleDownMode', 'Delete'],
  ['scaleSetEvictionPolicy', 'Delete'],
  ['vmSize', 'Standard_D2s_v3'],
];

class Body {
  readonly root: Obj;
  constructor(readonly at: Location) {
    this.root = obj([], at);
  }

  set(path: string, value: Val | undefined): void {
    if (value === undefined || (value.k === 'lit' && value.v === null)) return;
    const segments = path.split('.');
    let node = this.root;
    for (const segment of segments.slice(0, -1)) {
      let next = getProp(node, segment);
      if (next?.k !== 'obj') {
        next = obj([], this.at);
        node.props.set(segment.toLowerCase(), { name: segment, val: next });
      }
      node = next;
    }
    const last = segments[segments.length - 1]!;
    node.props.set(last.toLowerCase(), { name: last, val: value });
  }
}

/** A parameter given by the caller; ARM treats a null value as not given. */
function given(params: Obj, name: string): Val | undefined {
  const value = getProp(params, name);
  return value && !(value.k === 'lit' && value.v === null) ? value : undefined;
}

function withDefault(params: Obj, name: string, fallback: Simple[2], at: Location): Val | undefined {
  const value = given(params, name);
  if (value) return value;
  if (fallback === undefined) return undefined;
  return Array.isArray(fallback)
    ? arr(
        fallback.map((item) => lit(item, at)),
        at,
      )
    : lit(fallback, at);
}

function isEmptyValue(value: Val | undefined): boolean | Unk {
  if (value === undefined) return true;
  if (value.k === 'unk') return value.nonEmpty ? false : value;
  if (value.k === 'lit') return value.v === null || value.v === '';
  if (value.k === 'arr') return value.items.length === 0;
  if (value.k === 'obj') return value.props.size === 0;
  return false;
}

/** `a && !empty(b)`, located at the operand that decides it. */
function enabledWith(flag: Val, required: Val | undefined, at: Location): Val {
  const on = isTruthyKnown(flag);
  if (on === false) return lit(false, flag.at ?? at);
  const empty = isEmptyValue(required);
  if (typeof on !== 'boolean') return unk(on.reason, flag.at ?? at);
  if (typeof empty !== 'boolean') return unk(empty.reason, required?.at ?? at);
  return lit(!empty, required?.at ?? flag.at ?? at);
}

function stringOf(value: Val | undefined): string | undefined {
  return value?.k === 'lit' && typeof value.v === 'string' ? value.v : undefined;
}

/** What the caller's `params` say about the cluster; `undefined` when the module is not the AKS module. */
export function avmCluster(
  module: ModuleInstance,
  version: AvmVersion,
  label: string,
): ClusterEntry & RegistryModule {
  const at = module.location;
  const params = module.params() as Obj;
  const body = new Body(at);
  const flat = version.generation === 'flat';
  const typed = !flat;
  const name = given(params, 'name');
  body.set('name', name);
  body.set('properties.dnsPrefix', given(params, 'dnsPrefix') ?? name);
  for (const [param, path, fallback] of [...COMMON, ...(flat ? FLAT : TYPED)])
    body.set(path, withDefault(params, param, fallback, at));
  if (flat && version.minor < 11)
    body.set('properties.enablePodSecurityPolicy', withDefault(params, 'enablePodSecurityPolicy', false, at));
  // Typed releases: `autoUpgradeProfile` defaults to `{ upgradeChannel: 'stable' }`.
  if (typed && !given(params, 'autoUpgradeProfile'))
    body.set('properties.autoUpgradeProfile', obj([['upgradeChannel', lit('stable', at)]], at));

  // Cilium as dataplane forces the overlay mode and the cilium policy engine.
  const dataplane = stringOf(given(params, 'networkDataplane'));
  const cilium = dataplane === 'cilium';
  body.set(
    'properties.networkProfile.networkPluginMode',
    cilium ? lit('overlay', given(params, 'networkDataplane')?.at ?? at) : given(params, 'networkPluginMode'),
  );
  body.set(
    'properties.networkProfile.networkPolicy',
    cilium ? lit('cilium', given(params, 'networkDataplane')?.at ?? at) : given(params, 'networkPolicy'),
  );

  identity(params, body, at);
  addons(params, body, at);
  const oidc = given(params, 'enableOidcIssuerProfile');
  if (oidc && isTruthyKnown(oidc) !== false) body.set('properties.oidcIssuerProfile.enabled', oidc);
  if (flat) flatProfiles(params, body, version, at);

  const fields = flattenProperties(toFieldNode(body.root, at), at);
  fields.location = at;
  const clusterName = stringOf(name);
  const cluster = newCluster({
    name: clusterName ?? module.symbol,
    dialect: 'bicep',
    location: at,
    fields,
    apiVersion: apiVersionOf(version),
    materialized: false,
  });
  cluster.address = addressOf(module.symbol, label);
  if (clusterName === undefined) cluster.nameUnknown = true;
  cluster.bicep = {
    kind: 'avm',
    symbol: module.symbol,
    version: version.text,
    generation: version.generation,
  } satisfies BicepClusterSource;
  cluster.pools = pools(params, version, cluster, label, module.symbol);
  cluster.surroundings = {
    diagnosticSettings: diagnosticSettings(params, version, at, clusterName ?? module.symbol),
  };
  const windows = maintenanceWindows(params);
  if (windows) cluster.surroundings.maintenanceConfigurations = windows;

  const handle: ResourceHandle = {
    symbol: module.symbol,
    type: 'Microsoft.ContainerService/managedClusters',
    existing: false,
    name: () => (name ? unlocated(name) : unk(`the name of module '${module.symbol}'`)),
  };
  const deployTime = (path: string[], output: string): Val => ({
    k: 'unk',
    reason: `depends on output '${output}' of module '${module.symbol}', known after deployment`,
    ref: { resource: handle, path },
  });
  return {
    cluster,
    handle,
    program: module.program,
    output(outputName: string): Val {
      switch (outputName.toLowerCase()) {
        case 'name':
          return name ? unlocated(name) : unk(`the name of module '${module.symbol}'`);
        case 'resourceid':
          return deployTime(['id'], outputName);
        case 'kubeletidentityobjectid':
          return deployTime(['properties', 'identityProfile', 'kubeletidentity', 'objectId'], outputName);
        case 'kubeletidentityclientid':
          return deployTime(['properties', 'identityProfile', 'kubeletidentity', 'clientId'], outputName);
        default:
          return deployTime([outputName], outputName);
      }
    },
  };
}

/** `managedIdentities: { systemAssigned, userAssignedResourceIds }` → `identity.type`. */
function identity(params: Obj, body: Body, at: Location): void {
  const identities = given(params, 'managedIdentities');
  if (!identities) return;
  const where = identities.at ?? at;
  if (identities.k === 'unk') {
    body.set('identity.type', unk(identities.reason, where));
    return;
  }
  if (identities.k !== 'obj' || identities.props.size === 0) return;
  const system = isTruthyKnown(getProp(identities, 'systemAssigned') ?? lit(false));
  const assigned = isEmptyValue(getProp(identities, 'userAssignedResourceIds'));
  if (typeof system !== 'boolean') body.set('identity.type', unk(system.reason, where));
  else if (system) body.set('identity.type', lit('SystemAssigned', where));
  else if (typeof assigned !== 'boolean') body.set('identity.type', unk(assigned.reason, where));
  else if (!assigned) body.set('identity.type', lit('UserAssigned', where));
}

function addons(params: Obj, body: Body, at: Location): void {
  const workspace = given(params, 'monitoringWorkspaceResourceId');
  const oms = enabledWith(withDefault(params, 'omsAgentEnabled', true, at)!, workspace, at);
  body.set('properties.addonProfiles.omsagent.enabled', oms);
  if (oms.k === 'lit' && oms.v === true)
    body.set('properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID', workspace);
  body.set(
    'properties.addonProfiles.ingressApplicationGateway.enabled',
    enabledWith(
      withDefault(params, 'ingressApplicationGatewayEnabled', false, at)!,
      given(params, 'appGatewayResourceId'),
      at,
    ),
  );
  const keyVault = withDefault(params, 'enableKeyvaultSecretsProvider', false, at)!;
  if (isTruthyKnown(keyVault) === true) {
    // `toLower(string(enableSecretRotation))`: the ARM add-on config takes the strings "true"/"false".
    const rotation = withDefault(params, 'enableSecretRotation', false, at)!;
    const truth = isTruthyKnown(rotation);
    body.set(
      'properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
      typeof truth === 'boolean'
        ? lit(String(truth), rotation.at ?? at)
        : unk(truth.reason, rotation.at ?? at),
    );
  }
}

/** The flat releases build the security, AAD, monitoring and provisioning objects from single parameters. */
function flatProfiles(params: Obj, body: Body, version: AvmVersion, at: Location): void {
  const aad = given(params, 'aadProfile');
  if (aad?.k === 'unk') body.set('properties.aadProfile', aad);
  else if (aad?.k === 'obj' && aad.props.size > 0) {
    const keys: [string, string][] = [
      ['aadProfileClientAppID', 'clientAppID'],
      ['aadProfileServerAppID', 'serverAppID'],
      ['aadProfileServerAppSecret', 'serverAppSecret'],
      ['aadProfileManaged', 'managed'],
      ['aadProfileEnableAzureRBAC', 'enableAzureRBAC'],
      ['aadProfileAdminGroupObjectIDs', 'adminGroupObjectIDs'],
      ['aadProfileTenantId', 'tenantID'],
    ];
    body.set('properties.aadProfile', obj([], aad.at ?? at));
    for (const [from, to] of keys) body.set(`properties.aadProfile.${to}`, given(aad, from));
  }
  const key = given(params, 'sshPublicKey');
  if (key && isEmptyValue(key) !== true) {
    body.set('properties.linuxProfile.adminUsername', withDefault(params, 'adminUsername', 'azureuser', at));
    body.set(
      'properties.linuxProfile.ssh.publicKeys',
      arr([obj([['keyData', key]], key.at ?? at)], key.at ?? at),
    );
  }
  const when = (flag: string, path: string, value: (flagValue: Val) => Val | undefined) => {
    const flagValue = given(params, flag);
    if (!flagValue) return;
    const truth = isTruthyKnown(flagValue);
    if (typeof truth !== 'boolean') body.set(path, unk(truth.reason, flagValue.at ?? at));
    else if (truth) body.set(path, value(flagValue));
  };
  when('enableAzureDefender', 'properties.securityProfile.defender', (flag) =>
    obj(
      [
        ['securityMonitoring', obj([['enabled', flag]], flag.at)],
        ['logAnalyticsWorkspaceResourceId', given(params, 'monitoringWorkspaceResourceId') ?? lit(null)],
      ],
      flag.at,
    ),
  );
  when('enableWorkloadIdentity', 'properties.securityProfile.workloadIdentity', (flag) =>
    obj([['enabled', flag]], flag.at),
  );
  when('enableImageCleaner', 'properties.securityProfile.imageCleaner', (flag) =>
    obj(
      [
        ['enabled', flag],
        ['intervalHours', withDefault(params, 'imageCleanerIntervalHours', 24, at)!],
      ],
      flag.at,
    ),
  );
  when('enableContainerInsights', 'properties.azureMonitorProfile.containerInsights', (flag) =>
    obj([['enabled', flag]], flag.at),
  );
  if (version.minor >= 11) {
    when('enableImageIntegrity', 'properties.securityProfile.imageIntegrity', (flag) =>
      obj([['enabled', flag]], flag.at),
    );
    when('enableNodeRestriction', 'properties.securityProfile.nodeRestriction', (flag) =>
      obj([['enabled', flag]], flag.at),
    );
  }
  when('istioServiceMeshEnabled', 'properties.serviceMeshProfile.mode', (flag) => lit('Istio', flag.at));
  const provisioning = given(params, 'nodeProvisioningProfileMode');
  if (provisioning) body.set('properties.nodeProvisioningProfile.mode', provisioning);
}

/** `primaryAgentPoolProfiles` (inside the cluster) and `agentPools` (the `agent-pool` child module). */
function pools(
  params: Obj,
  version: AvmVersion,
  cluster: AksCluster,
  label: string,
  symbol: string,
): AgentPool[] {
  const out: AgentPool[] = [];
  const allowed = new Set(
    (version.generation === 'typed' ? POOL_KEYS_TYPED : POOL_KEYS_FLAT).map((key) => key.toLowerCase()),
  );
  const skuName = stringOf(given(params, 'skuName')) ?? 'Base';
  for (const [param, declaredAs] of [
    ['primaryAgentPoolProfiles', 'profile'],
    ['agentPools', 'resource'],
  ] as const) {
    const list = given(params, param);
    if (!list) continue;
    if (list.k !== 'arr') {
      // The pools cannot be listed: one pool stands for them, every property unknown.
      const reason = list.k === 'unk' ? list.reason : `${param} is not a list`;
      out.push(
        unknownPool(
          `${param}[*]`,
          reason,
          list.at ?? cluster.location,
          declaredAs,
          addressOf(`${symbol}.${param}[*]`, label),
        ),
      );
      continue;
    }
    list.items.forEach((item, index) => {
      const at = item.at ?? list.at ?? cluster.location;
      const address = addressOf(`${symbol}.${param}[${index}]`, label);
      if (item.k !== 'obj') {
        const reason = item.k === 'unk' ? item.reason : `${param}[${index}] is not an object`;
        out.push(unknownPool(`${param}[${index}]`, reason, at, declaredAs, address));
        return;
      }
      const body = new Body(at);
      {
        for (const entry of item.props.values()) {
          const key = entry.name.toLowerCase();
          if (!allowed.has(key)) continue;
          if (key === 'maxsurge') continue;
          body.set(`properties.${POOL_RENAMES[key] ?? entry.name}`, entry.val);
        }
        body.set('properties.creationData.sourceResourceId', given(item, 'sourceResourceId'));
        if (version.generation === 'flat')
          body.set('properties.upgradeSettings.maxSurge', given(item, 'maxSurge'));
        for (const [key, fallback] of POOL_DEFAULTS)
          if (!given(item, key)) body.set(`properties.${key}`, lit(fallback, at));
        const zones = given(item, 'availabilityZones');
        if (!zones && declaredAs === 'profile')
          body.set(
            'properties.availabilityZones',
            arr(
              ['1', '2', '3'].map((z) => lit(z, at)),
              at,
            ),
          );
        if (
          version.generation === 'flat' &&
          (version.minor > 8 || (version.minor === 8 && version.patch >= 2))
        ) {
          body.set(
            'properties.securityProfile.enableSecureBoot',
            given(item, 'enableSecureBoot') ?? lit(false, at),
          );
          body.set('properties.securityProfile.enableVTPM', given(item, 'enableVTPM') ?? lit(false, at));
          if (declaredAs === 'profile')
            body.set(
              'properties.securityProfile.sshAccess',
              lit(skuName === 'Automatic' ? 'Disabled' : 'LocalUser', at),
            );
        }
        if (declaredAs === 'resource' && !given(item, 'orchestratorVersion'))
          body.set('properties.orchestratorVersion', given(params, 'kubernetesVersion'));
      }
      const name = stringOf(given(item, 'name')) ?? `${param}[${index}]`;
      const fields = flattenProperties(toFieldNode(body.root, at), at);
      fields.location = at;
      out.push({
        name,
        location: at,
        declaredAs,
        fields,
        resource: { kind: 'AgentPool', name },
        address,
      });
    });
  }
  return out;
}

function unknownPool(
  name: string,
  reason: string,
  at: Location,
  declaredAs: AgentPool['declaredAs'],
  address: string,
): AgentPool {
  return {
    name,
    location: at,
    declaredAs,
    fields: unknownFields(reason, at),
    resource: { kind: 'AgentPool', name },
    address,
  };
}

/** `diagnosticSettings[]`: each is a setting on the cluster; logs default to the `allLogs` category group. */
function diagnosticSettings(
  params: Obj,
  version: AvmVersion,
  at: Location,
  clusterName: string,
): DiagnosticSetting[] {
  const list = given(params, 'diagnosticSettings');
  if (!list) return [];
  if (list.k !== 'arr') {
    return [
      {
        name: 'diagnosticSettings',
        location: list.at ?? at,
        categories: [],
        unknownReason: list.k === 'unk' ? list.reason : 'diagnosticSettings is not a list',
      },
    ];
  }
  return list.items.map((item) => {
    const where = item.at ?? list.at ?? at;
    if (item.k !== 'obj')
      return {
        name: 'diagnosticSettings',
        location: where,
        categories: [],
        unknownReason: item.k === 'unk' ? item.reason : 'not an object',
      };
    const setting: DiagnosticSetting = {
      name: stringOf(given(item, 'name')) ?? `${clusterName}-diagnosticSettings`,
      location: where,
      categories: [],
    };
    const logs = given(item, 'logCategoriesAndGroups');
    const metrics = given(item, 'metricCategories');
    let groups: Val;
    if (logs) groups = logs;
    else if (version.minor >= 14 && metrics && isEmptyValue(metrics) !== true) groups = arr([]);
    else groups = arr([obj([['categoryGroup', lit('allLogs')]])]);
    if (groups.k === 'unk') setting.unknownReason = groups.reason;
    else if (groups.k === 'arr') {
      for (const group of groups.items) {
        if (group.k !== 'obj') {
          if (group.k === 'unk') setting.unknownReason = group.reason;
          continue;
        }
        const enabled = isTruthyKnown(given(group, 'enabled') ?? lit(true));
        const category = given(group, 'category') ?? given(group, 'categoryGroup');
        if (typeof enabled !== 'boolean') setting.unknownReason = enabled.reason;
        else if (category?.k === 'unk') setting.unknownReason = category.reason;
        else if (enabled && stringOf(category)) setting.categories.push(stringOf(category)!);
      }
    }
    return setting;
  });
}

/** `maintenanceConfigurations[]`: each names a planned-maintenance configuration the module creates. */
function maintenanceWindows(params: Obj): string[] | undefined {
  const list = given(params, 'maintenanceConfigurations');
  if (!list) return [];
  if (list.k !== 'arr') return undefined;
  const names: string[] = [];
  for (const item of list.items) {
    const name = item.k === 'obj' ? stringOf(given(item, 'name')) : undefined;
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}
