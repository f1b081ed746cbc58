import {
  type AksCluster,
  clusterField,
  type FieldNode,
  isUnknown,
  normalizeKey,
  type ObjectNode,
  objectNode,
} from '../../model/aksCluster.js';
import type { Location } from '../../model/source.js';
import { setEntry } from './tree.js';

/** The platform that sets the values below, as findings and evidence name it. */
export const AKS_AUTOMATIC = 'AKS Automatic';

/**
 * What an AKS Automatic cluster (`sku.name: Automatic`) has whatever its definition says: the features the AKS
 * docs list as **Preconfigured** ("always enabled and you can't disable or change their settings") and the
 * **Default** ones a definition may change (MicrosoftDocs/azure-aks-docs articles/aks/intro-aks-automatic.md,
 * "AKS Automatic and Standard feature comparison"). Written values win; absent ones take these.
 */
const AUTOMATIC_SETTINGS: readonly { path: string; value: string | boolean; why: string }[] = [
  // Security and policies: "Azure RBAC for Kubernetes authorization" (which is AKS-managed Entra ID).
  { path: 'aadProfile.managed', value: true, why: 'Azure RBAC for Kubernetes authorization' },
  { path: 'aadProfile.enableAzureRBAC', value: true, why: 'Azure RBAC for Kubernetes authorization' },
  { path: 'enableRBAC', value: true, why: 'Azure RBAC for Kubernetes authorization' },
  // No certificate (local) accounts: Standard's "Default: Local accounts" is replaced by Azure RBAC; the AKS
  // Verified Module never requests the admin kubeconfig of an Automatic cluster (main.tf, this_admin_kubeconfig).
  { path: 'disableLocalAccounts', value: true, why: 'Azure RBAC replaces local accounts' },
  { path: 'securityProfile.workloadIdentity.enabled', value: true, why: 'workload identity' },
  { path: 'oidcIssuerProfile.enabled', value: true, why: 'OIDC cluster issuer' },
  { path: 'securityProfile.imageCleaner.enabled', value: true, why: 'image cleaner' },
  { path: 'apiServerAccessProfile.enableVnetIntegration', value: true, why: 'API server VNet integration' },
  // Deployment safeguards are Azure Policy in enforcement mode ("AKS Automatic enables Azure Policy").
  { path: 'addonProfiles.azurepolicy.enabled', value: true, why: 'deployment safeguards (Azure Policy)' },
  // "When in automatic mode, the RP configures the recommended addons" (AKS Verified Module
  // locals.addon_profiles.tf, which therefore never sends azurepolicy or azureKeyvaultSecretsProvider for Automatic).
  {
    path: 'addonProfiles.azureKeyvaultSecretsProvider.enabled',
    value: true,
    why: 'Key Vault integration of application routing',
  },
  // Networking: Azure CNI Overlay powered by Cilium, which enforces NetworkPolicy.
  { path: 'networkProfile.networkPlugin', value: 'azure', why: 'Azure CNI Overlay powered by Cilium' },
  { path: 'networkProfile.networkPluginMode', value: 'overlay', why: 'Azure CNI Overlay powered by Cilium' },
  { path: 'networkProfile.networkDataplane', value: 'cilium', why: 'Azure CNI Overlay powered by Cilium' },
  { path: 'networkProfile.networkPolicy', value: 'cilium', why: 'Azure CNI Overlay powered by Cilium' },
  { path: 'networkProfile.loadBalancerSku', value: 'standard', why: 'Standard load balancer' },
  // Node management: stable cluster channel, NodeImage node OS channel, fully managed node resource group.
  { path: 'autoUpgradeProfile.upgradeChannel', value: 'stable', why: 'automatic cluster upgrades' },
  { path: 'autoUpgradeProfile.nodeOSUpgradeChannel', value: 'NodeImage', why: 'node OS image upgrades' },
  {
    path: 'nodeResourceGroupProfile.restrictionLevel',
    value: 'ReadOnly',
    why: 'fully managed node resource group',
  },
  { path: 'sku.tier', value: 'Standard', why: 'Standard tier' },
  // Ingress: managed NGINX through the application routing add-on.
  { path: 'ingressProfile.webAppRouting.enabled', value: true, why: 'application routing add-on' },
];

/**
 * Egress: "AKS managed NAT gateway ... when used with managed virtual network"; with a custom virtual network
 * (a pool in a subnet) the definition chooses the outbound type.
 */
const MANAGED_VNET_EGRESS = { path: 'networkProfile.outboundType', value: 'managedNATGateway' };

/**
 * Fills in what the platform sets on the cluster and its definition does not say. AKS Automatic only, for now;
 * a cluster whose SKU is unknown gets unknown values for those fields, so its controls are "not evaluated"
 * rather than failed or passed.
 */
export function applyPlatformDefaults(cluster: AksCluster): void {
  if (cluster.partial) return;
  const sku = clusterField(cluster, 'sku.name');
  const where = sku.location ?? cluster.location;
  if (isUnknown(sku.value)) {
    const reason = `${sku.value.reason} (an AKS Automatic SKU would enforce it)`;
    for (const setting of AUTOMATIC_SETTINGS)
      fillAbsent(cluster.fields, setting.path, { kind: 'unknown', reason, location: where });
    return;
  }
  if (typeof sku.value !== 'string' || sku.value.toLowerCase() !== 'automatic') return;
  const settings = managedVnet(cluster) ? [...AUTOMATIC_SETTINGS, MANAGED_VNET_EGRESS] : AUTOMATIC_SETTINGS;
  for (const setting of settings)
    fillAbsent(cluster.fields, setting.path, {
      kind: 'value',
      value: setting.value,
      location: where,
      defaultedBy: AKS_AUTOMATIC,
    });
  // What the platform configures without saying how: judged "not evaluated", never passed or failed.
  fillAbsent(cluster.fields, 'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation', {
    kind: 'unknown',
    reason:
      'AKS Automatic configures the Key Vault secrets provider; its rotation setting is not in the definition',
    location: where,
  });
}

/** No pool names a subnet: AKS creates and manages the virtual network. */
function managedVnet(cluster: AksCluster): boolean {
  return cluster.pools.every((pool) => !pool.fields.entries.has(normalizeKey('vnetSubnetID')));
}

/** Sets `path` to `node` unless some value is written there already (or an unknown covers it). */
function fillAbsent(root: ObjectNode, path: string, node: FieldNode): void {
  const keys = path.split('.');
  let parent = root;
  for (const key of keys.slice(0, -1)) {
    const child = parent.entries.get(normalizeKey(key));
    if (child === undefined) {
      // Under a body that cannot be read (`properties` from a parameter) an absent field already reads as unknown
      // with that reason; a created object would make the rest of it read as absent.
      if (parent.rest) return;
      const created = objectNode(node.location as Location);
      setEntry(parent, key, created);
      parent = created;
      continue;
    }
    if (child.kind !== 'object') return;
    parent = child;
  }
  const last = keys[keys.length - 1]!;
  if (parent.rest) return;
  const existing = parent.entries.get(normalizeKey(last));
  if (existing !== undefined && !(existing.kind === 'value' && existing.value === null)) return;
  setEntry(parent, last, node);
}
