import type { AksCluster } from '../../model/aksCluster.js';
import { clusterField, type Sourced } from '../../model/aksCluster.js';

/**
 * The API server authorized IP ranges: `apiServerAccessProfile.authorizedIPRanges` (API 2019-08-01 on), or the
 * preview top-level `apiServerAuthorizedIPRanges` (API 2019-02-01 to 2019-06-01, Terraform azurerm < 3.39).
 */
export function authorizedRanges(cluster: AksCluster): Sourced<unknown> {
  const current = clusterField(cluster, 'apiServerAccessProfile.authorizedIPRanges');
  if (current.present) return current;
  const legacy = clusterField(cluster, 'apiServerAuthorizedIPRanges');
  return legacy.present ? legacy : current;
}
