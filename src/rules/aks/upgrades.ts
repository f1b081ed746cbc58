import {
  type AksCluster,
  apiAtLeast,
  asString,
  clusterField,
  isUnknown,
  type Sourced,
  unknown,
} from '../../model/aksCluster.js';

/**
 * The effective node OS upgrade channel. When unset: `NodeImage` on API 2023-06-01 and later (the field's
 * default since it exists) and in azurerm 4 (`node_os_upgrade_channel` default); a cluster whose upgrade
 * channel is `node-image` also upgrades node images. Otherwise it cannot be known statically.
 */
export function nodeOsChannel(cluster: AksCluster): Sourced<string> {
  const field = asString(clusterField(cluster, 'autoUpgradeProfile.nodeOSUpgradeChannel'));
  if (field.value !== undefined) return field;
  const clusterChannel = asString(clusterField(cluster, 'autoUpgradeProfile.upgradeChannel'));
  if (typeof clusterChannel.value === 'string' && clusterChannel.value.toLowerCase() === 'node-image') {
    return { ...clusterChannel, value: 'NodeImage', defaulted: true };
  }
  const current =
    apiAtLeast(cluster, '2023-06-01') === true ||
    (cluster.dialect === 'terraform' && (cluster.providerMajor ?? 4) >= 4) ||
    (cluster.dialect === 'terraformPlan' && !cluster.materialized);
  if (current) return { ...field, value: 'NodeImage', defaulted: true };
  if (cluster.apiVersion && !cluster.materialized) {
    return {
      ...field,
      value: unknown(
        `the node OS upgrade channel cannot be set with API ${cluster.apiVersion} (it exists from 2023-06-01); the channel the cluster gets is not in the input`,
      ),
    };
  }
  if (cluster.dialect === 'terraform' || cluster.dialect === 'armTemplate') {
    return {
      ...field,
      value: unknown('node OS upgrade channel not set; its default depends on the API version deployed'),
    };
  }
  return {
    ...field,
    value: unknown('node OS upgrade channel not in the cluster document (API older than 2023-06-01)'),
  };
}

export function isKnownString(field: Sourced<string>): field is Sourced<string> & { value: string } {
  return typeof field.value === 'string' && !isUnknown(field.value);
}
