import {
  type AgentPool,
  type AksCluster,
  type FieldNode,
  isUnknown,
  type ObjectNode,
  objectNode,
  type Unknown,
} from '../../model/aksCluster.js';
import type { LoadIssue } from '../../model/inventory.js';
import type { Location } from '../../model/source.js';
import type { CommandLine, Word } from './azScript.js';
import { setArm } from './terraformBody.js';
import { newCluster } from './tree.js';

/**
 * The az CLI whose defaults are modelled: the `az aks create` reference of Azure/azure-cli
 * (`src/azure-cli/azure/cli/command_modules/acs/_help.py` at commit 0103a1f4, the 2.7x releases): network plugin
 * `kubenet`, network policy `none`, dataplane `azure`, load balancer `standard`, outbound type `loadBalancer`, a
 * system-assigned managed identity unless `--service-principal`, Kubernetes RBAC on unless `--disable-rbac`, no
 * Entra ID, local accounts on, public API server without authorized ranges, tier `free`, first pool `nodepool1`
 * (mode System, 3 nodes). Absent flags the CLI does not send are left to the resource provider's defaults for
 * the API version the CLI uses (2025-05-01 here), as for an ARM template.
 */
export const AZ_CLI_MODEL = 'az CLI 2.7x (az aks create reference, Azure/azure-cli acs/_help.py @0103a1f4)';
const API_VERSION = '2025-05-01';

type Setter = (value: Value, at: Location) => [string, FieldNode][];
/** A flag's value: a string, `true` for a bare switch, or unknown. */
type Value = string | true | Unknown;

const node = (
  value: Value,
  at: Location,
  as: 'string' | 'bool' | 'list' | 'number' = 'string',
): FieldNode => {
  if (isUnknown(value)) return { kind: 'unknown', reason: value.reason, location: at };
  if (as === 'bool')
    return { kind: 'value', value: value === true || String(value).toLowerCase() === 'true', location: at };
  if (value === true) return { kind: 'value', value: true, location: at };
  if (as === 'list')
    return {
      kind: 'array',
      items: value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => ({ kind: 'value', value: item, location: at })),
      location: at,
    };
  if (as === 'number' && /^\d+$/.test(value)) return { kind: 'value', value: Number(value), location: at };
  return { kind: 'value', value, location: at };
};
const fixed = (armValue: string | boolean | number, at: Location): FieldNode => ({
  kind: 'value',
  value: armValue,
  location: at,
});

/** A flag that sets ARM paths of the cluster. */
const to =
  (path: string, as: 'string' | 'bool' | 'list' | 'number' = 'string'): Setter =>
  (value, at) => [[path, node(value, at, as)]];
const on =
  (path: string, armValue: string | boolean = true): Setter =>
  (_value, at) => [[path, fixed(armValue, at)]];

/** Add-on names of `--enable-addons` / `az aks enable-addons` → ARM `addonProfiles` keys. */
const ADDONS = new Map<string, string>([
  ['monitoring', 'omsagent'],
  ['azure-policy', 'azurepolicy'],
  ['http_application_routing', 'httpApplicationRouting'],
  ['azure-keyvault-secrets-provider', 'azureKeyvaultSecretsProvider'],
  ['virtual-node', 'aciConnectorLinux'],
  ['confcom', 'ACCSGXDevicePlugin'],
  ['open-service-mesh', 'openServiceMesh'],
  ['ingress-appgw', 'ingressApplicationGateway'],
  ['kube-dashboard', 'kubeDashboard'],
]);

const addons =
  (enabled: boolean): Setter =>
  (value, at) => {
    if (isUnknown(value)) return [['addonProfiles', node(value, at)]];
    if (value === true) return [];
    return value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .map((name): [string, FieldNode] => [
        `addonProfiles.${ADDONS.get(name) ?? name}.enabled`,
        fixed(enabled, at),
      ]);
  };

const capitalized =
  (path: string): Setter =>
  (value, at) => {
    if (typeof value !== 'string') return [[path, node(value, at)]];
    return [[path, fixed(value.charAt(0).toUpperCase() + value.slice(1), at)]];
  };

/** Cluster-level flags of `az aks create` and `az aks update` (a switch that only one of them has is harmless). */
const CLUSTER_FLAGS = new Map<string, Setter>([
  ['--enable-aad', (_v, at) => [['aadProfile.managed', fixed(true, at)]]],
  ['--aad-admin-group-object-ids', to('aadProfile.adminGroupObjectIDs', 'list')],
  ['--aad-tenant-id', to('aadProfile.tenantID')],
  ['--enable-azure-rbac', on('aadProfile.enableAzureRBAC')],
  ['--disable-azure-rbac', on('aadProfile.enableAzureRBAC', false)],
  ['--disable-rbac', on('enableRBAC', false)],
  ['--enable-rbac', on('enableRBAC')],
  ['--disable-local-accounts', on('disableLocalAccounts')],
  ['--enable-local-accounts', on('disableLocalAccounts', false)],
  ['--enable-private-cluster', on('apiServerAccessProfile.enablePrivateCluster')],
  ['--disable-public-fqdn', on('apiServerAccessProfile.enablePrivateClusterPublicFQDN', false)],
  ['--enable-public-fqdn', on('apiServerAccessProfile.enablePrivateClusterPublicFQDN')],
  ['--private-dns-zone', to('apiServerAccessProfile.privateDNSZone')],
  ['--api-server-authorized-ip-ranges', to('apiServerAccessProfile.authorizedIPRanges', 'list')],
  ['--enable-apiserver-vnet-integration', on('apiServerAccessProfile.enableVnetIntegration')],
  ['--network-plugin', to('networkProfile.networkPlugin')],
  ['--network-plugin-mode', to('networkProfile.networkPluginMode')],
  ['--network-policy', to('networkProfile.networkPolicy')],
  ['--network-dataplane', to('networkProfile.networkDataplane')],
  ['--outbound-type', to('networkProfile.outboundType')],
  ['--load-balancer-sku', to('networkProfile.loadBalancerSku')],
  ['--enable-addons', addons(true)],
  ['-a', addons(true)],
  ['--addons', addons(true)],
  [
    '--enable-secret-rotation',
    on('addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation', 'true'),
  ],
  [
    '--disable-secret-rotation',
    on('addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation', 'false'),
  ],
  ['--enable-defender', on('securityProfile.defender.securityMonitoring.enabled')],
  ['--disable-defender', on('securityProfile.defender.securityMonitoring.enabled', false)],
  ['--enable-workload-identity', on('securityProfile.workloadIdentity.enabled')],
  ['--disable-workload-identity', on('securityProfile.workloadIdentity.enabled', false)],
  ['--enable-oidc-issuer', on('oidcIssuerProfile.enabled')],
  ['--enable-image-cleaner', on('securityProfile.imageCleaner.enabled')],
  ['--disable-image-cleaner', on('securityProfile.imageCleaner.enabled', false)],
  ['--enable-azure-keyvault-kms', on('securityProfile.azureKeyVaultKms.enabled')],
  ['--disable-azure-keyvault-kms', on('securityProfile.azureKeyVaultKms.enabled', false)],
  ['--azure-keyvault-kms-key-id', to('securityProfile.azureKeyVaultKms.keyId')],
  [
    '--azure-keyvault-kms-key-vault-network-access',
    to('securityProfile.azureKeyVaultKms.keyVaultNetworkAccess'),
  ],
  ['--auto-upgrade-channel', to('autoUpgradeProfile.upgradeChannel')],
  ['--node-os-upgrade-channel', to('autoUpgradeProfile.nodeOSUpgradeChannel')],
  ['--tier', capitalized('sku.tier')],
  ['--kubernetes-version', to('kubernetesVersion')],
  ['-k', to('kubernetesVersion')],
  ['--k8s-support-plan', to('supportPlan')],
  ['--enable-app-routing', on('ingressProfile.webAppRouting.enabled')],
  ['--enable-azure-monitor-metrics', on('azureMonitorProfile.metrics.enabled')],
  ['--nrg-lockdown-restriction-level', to('nodeResourceGroupProfile.restrictionLevel')],
  ['--node-osdisk-diskencryptionset-id', to('diskEncryptionSetID')],
  ['-d', to('diskEncryptionSetID')],
  ['--windows-admin-username', to('windowsProfile.adminUsername')],
  ['--windows-admin-password', to('windowsProfile.adminPassword')],
  ['--client-secret', to('servicePrincipalProfile.secret')],
  ['--service-principal', to('servicePrincipalProfile.clientId')],
  [
    '--assign-identity',
    (value, at) => [
      ['identity.type', fixed('UserAssigned', at)],
      ['identity.userAssignedIdentities', node(value, at)],
    ],
  ],
]);

/** Pool flags of `az aks create` (its first pool) and of `az aks nodepool add|update`. */
const POOL_FLAGS = new Map<string, Setter>([
  ['--node-vm-size', to('vmSize')],
  ['-s', to('vmSize')],
  ['--node-count', to('count', 'number')],
  ['-c', to('count', 'number')],
  ['--enable-node-public-ip', on('enableNodePublicIP')],
  ['--node-public-ip-prefix-id', to('nodePublicIPPrefixID')],
  ['--enable-encryption-at-host', on('enableEncryptionAtHost')],
  ['--node-osdisk-type', to('osDiskType')],
  ['--os-sku', to('osSKU')],
  ['--os-type', to('osType')],
  ['--mode', to('mode')],
  ['--enable-fips-image', on('enableFIPS')],
  ['--disable-fips-image', on('enableFIPS', false)],
  ['--max-pods', to('maxPods', 'number')],
  ['-m', to('maxPods', 'number')],
  ['--priority', to('scaleSetPriority')],
  ['--node-taints', to('nodeTaints', 'list')],
  ['--nodepool-taints', to('nodeTaints', 'list')],
  ['--ssh-access', to('securityProfile.sshAccess')],
  ['--workload-runtime', to('workloadRuntime')],
  ['--enable-secure-boot', on('securityProfile.enableSecureBoot')],
  ['--disable-secure-boot', on('securityProfile.enableSecureBoot', false)],
  ['--enable-vtpm', on('securityProfile.enableVTPM')],
  ['--disable-vtpm', on('securityProfile.enableVTPM', false)],
  ['--kubernetes-version', to('orchestratorVersion')],
  ['-k', to('orchestratorVersion')],
  ['--vm-set-type', to('type')],
]);

/** Switches that take no value (every other flag takes the next word). */
const SWITCHES = new Set([
  ...[...CLUSTER_FLAGS.keys(), ...POOL_FLAGS.keys()].filter((flag) => /^--(enable|disable)-/.test(flag)),
  '--generate-ssh-keys',
  '--no-ssh-key',
  '-x',
  '--no-wait',
  '--yes',
  '-y',
  '--enable-managed-identity',
  '--enable-cluster-autoscaler',
  '--disable-cluster-autoscaler',
  '--update-cluster-autoscaler',
  '--skip-subnet-role-assignment',
  '--enable-ahub',
  '--disable-ahub',
  '--enable-ultra-ssd',
  '--enable-msi-auth-for-monitoring',
  '--only-show-errors',
  '--debug',
  '--verbose',
  '--aks-custom-headers-only',
]);
/** Switches that look like `--enable-*` but take a value. */
const VALUED = new Set(['--enable-addons', '--enable-private-cluster-public-fqdn']);

export interface AzCommand {
  /** `create`, `update`, `nodepool add`, `nodepool update`, `enable-addons`, `disable-addons`. */
  verb: string;
  flags: Map<string, { value: Value; at: Location }>;
  /** Each flag's value as written (`$CLUSTER`), to tell which cluster a later command changes. */
  raw: Map<string, string>;
  at: Location;
}

/** Reads `az aks ...` commands among command lines (anything else is not an AKS definition). */
export function azAksCommands(lines: CommandLine[], file: string): AzCommand[] {
  const out: AzCommand[] = [];
  for (const line of lines) {
    // Leading assignments (`X=1 az ...`) and wrappers do not matter; `az` must be a command word.
    const start = line.words.findIndex((word) => word.text === 'az' || word.text === 'az.cmd');
    if (start < 0 || line.words[start + 1]?.text !== 'aks') continue;
    if (
      line.words
        .slice(0, start)
        .some(
          (word) =>
            typeof word.text === 'string' && !/^[\w.-]+=|^(sudo|exec|time|command|\.|@)$/.test(word.text),
        )
    )
      continue;
    const rest = line.words.slice(start + 2);
    const first = rest[0]?.text;
    const second = rest[1]?.text;
    let verb: string | undefined;
    let args: Word[];
    if (first === 'nodepool' && (second === 'add' || second === 'update')) {
      verb = `nodepool ${second}`;
      args = rest.slice(2);
    } else if (
      first === 'create' ||
      first === 'update' ||
      first === 'enable-addons' ||
      first === 'disable-addons'
    ) {
      verb = first;
      args = rest.slice(1);
    } else continue;
    const head = line.words[start]!;
    const { flags, raw } = parseFlags(args, file);
    out.push({ verb, flags, raw, at: { file, line: head.line, column: head.column } });
  }
  return out;
}

function parseFlags(
  words: Word[],
  file: string,
): { flags: Map<string, { value: Value; at: Location }>; raw: Map<string, string> } {
  const flags = new Map<string, { value: Value; at: Location }>();
  const raw = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (typeof word.text !== 'string' || !word.text.startsWith('-')) continue;
    const at = { file, line: word.line, column: word.column };
    const equals = word.text.indexOf('=');
    if (word.text.startsWith('--') && equals > 0) {
      flags.set(word.text.slice(0, equals), { value: word.text.slice(equals + 1), at });
      raw.set(word.text.slice(0, equals), word.raw.slice(word.raw.indexOf('=') + 1));
      continue;
    }
    const flag = word.text;
    const next = words[i + 1];
    const takesValue = VALUED.has(flag) || !SWITCHES.has(flag);
    if (takesValue && next && !(typeof next.text === 'string' && /^--?[A-Za-z]/.test(next.text))) {
      flags.set(flag, { value: next.text, at });
      raw.set(flag, next.raw);
      i++;
    } else {
      flags.set(flag, { value: true, at });
    }
  }
  return { flags, raw };
}

const text = (value: Value | undefined): string | undefined =>
  value === undefined || value === true ? undefined : isUnknown(value) ? undefined : value;

/** How a command names its cluster: `-g/--resource-group` and `-n/--name` (`--cluster-name` for node pools), as written. */
function clusterKey(command: AzCommand, raw: Map<string, string>): string {
  const group = raw.get('--resource-group') ?? raw.get('-g') ?? '';
  const name = command.verb.startsWith('nodepool')
    ? (raw.get('--cluster-name') ?? '')
    : (raw.get('--name') ?? raw.get('-n') ?? '');
  return `${group}/${name}`;
}

export interface ScriptClusters {
  clusters: AksCluster[];
  issues: LoadIssue[];
}

/**
 * The clusters a script creates: `az aks create` with the az CLI defaults for every absent flag, then each
 * later `az aks update`, `enable-addons`/`disable-addons` and `az aks nodepool add|update` on the same cluster
 * (the same `-g` and `-n` as written). Pools added to a cluster the script does not create are judged alone.
 */
export function clustersOfCommands(commands: AzCommand[], file: string): ScriptClusters {
  const clusters: AksCluster[] = [];
  const issues: LoadIssue[] = [];
  const byKey = new Map<string, AksCluster>();
  commands.forEach((command) => {
    const raw = command.raw;
    const key = clusterKey(command, raw);
    const flagValue = (name: string) => command.flags.get(name)?.value;
    if (command.verb === 'create') {
      const cluster = createCluster(command, raw);
      byKey.set(key, cluster);
      clusters.push(cluster);
      return;
    }
    const cluster = byKey.get(key);
    if (command.verb === 'nodepool add' || command.verb === 'nodepool update') {
      const name =
        text(flagValue('--name')) ??
        text(flagValue('-n')) ??
        raw.get('--name') ??
        raw.get('-n') ??
        'nodepool';
      if (command.verb === 'nodepool update') {
        const pool = cluster?.pools.find((candidate) => candidate.name === name);
        if (pool) {
          applyFlags(pool.fields, command, POOL_FLAGS, pool.location);
          return;
        }
      }
      const pool = newPool(name, command, 'resource');
      if (command.verb === 'nodepool add' && !command.flags.has('--mode'))
        setArm(pool.fields, 'mode', fixed('User', command.at), command.at);
      if (cluster) {
        cluster.pools.push(pool);
        return;
      }
      const partial = newCluster({
        name: raw.get('--cluster-name') ?? 'cluster',
        dialect: 'azScript',
        location: command.at,
        fields: objectNode(command.at),
        materialized: false,
      });
      partial.partial = true;
      partial.pools = [pool];
      clusters.push(partial);
      return;
    }
    if (!cluster) {
      issues.push({
        level: 'note',
        file,
        line: command.at.line,
        column: command.at.column,
        message: `az aks ${command.verb} changes a cluster this input does not create (${key}); only a created cluster is judged`,
      });
      return;
    }
    if (command.verb === 'disable-addons') {
      const setter = addons(false);
      const value = flagValue('--addons') ?? flagValue('-a');
      if (value !== undefined)
        for (const [path, n] of setter(value, command.flags.get('--addons')?.at ?? command.at))
          setArm(cluster.fields, path, n, command.at);
      return;
    }
    applyFlags(cluster.fields, command, CLUSTER_FLAGS, cluster.location);
    if (command.flags.has('--enable-aad') || command.flags.has('--enable-azure-rbac'))
      ensureAad(cluster.fields, command);
  });
  return { clusters, issues };
}

function applyFlags(
  target: ObjectNode,
  command: AzCommand,
  table: Map<string, Setter>,
  parent: Location,
): void {
  for (const [flag, { value, at }] of command.flags) {
    const setter = table.get(flag);
    if (!setter) continue;
    for (const [path, n] of setter(value, at)) setArm(target, path, n, parent);
  }
}

function ensureAad(fields: ObjectNode, command: AzCommand): void {
  const at = command.flags.get('--enable-aad')?.at ?? command.at;
  const aad = fields.entries.get('aadprofile');
  if (aad?.kind === 'object' && !aad.entries.has('managed'))
    setArm(fields, 'aadProfile.managed', fixed(true, at), at);
}

function newPool(name: string, command: AzCommand, declaredAs: AgentPool['declaredAs']): AgentPool {
  const fields = objectNode(command.at);
  setArm(fields, 'name', fixed(name, command.at), command.at);
  applyFlags(fields, command, POOL_FLAGS, command.at);
  return { name, location: command.at, declaredAs, fields, resource: { kind: 'AgentPool', name } };
}

/** `az aks create`: the flags given, and what the az CLI sends when they are absent. */
function createCluster(command: AzCommand, raw: Map<string, string>): AksCluster {
  const at = command.at;
  const fields = objectNode(at);
  const name = raw.get('--name') ?? raw.get('-n') ?? 'cluster';
  // Client-side defaults (the CLI writes these into the request whatever the flags).
  setArm(fields, 'enableRBAC', fixed(true, at), at);
  setArm(fields, 'networkProfile.networkPlugin', fixed('kubenet', at), at);
  setArm(fields, 'networkProfile.loadBalancerSku', fixed('standard', at), at);
  setArm(fields, 'networkProfile.outboundType', fixed('loadBalancer', at), at);
  setArm(fields, 'sku.name', fixed('Base', at), at);
  setArm(fields, 'sku.tier', fixed('Free', at), at);
  if (!command.flags.has('--service-principal'))
    setArm(fields, 'identity.type', fixed('SystemAssigned', at), at);
  applyFlags(fields, command, CLUSTER_FLAGS, at);
  if (command.flags.has('--enable-aad')) ensureAad(fields, command);
  // `--enable-azure-rbac` requires `--enable-aad` (the CLI refuses it alone).
  const pool = newPool(text(command.flags.get('--nodepool-name')?.value) ?? 'nodepool1', command, 'profile');
  setArm(pool.fields, 'mode', fixed('System', at), at);
  if (!pool.fields.entries.has('count')) setArm(pool.fields, 'count', fixed(3, at), at);
  const cluster = newCluster({
    name,
    dialect: 'azScript',
    location: at,
    fields,
    apiVersion: API_VERSION,
    materialized: false,
  });
  setArm(fields, 'agentPoolProfiles', { kind: 'array', items: [pool.fields], location: at }, at);
  cluster.pools = [pool];
  return cluster;
}
