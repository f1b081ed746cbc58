import type { ClusterLoadInput, ClusterLoadResult } from './aks/index.js';

/**
 * `loadClusters`, its modules (ARM, Bicep, Terraform, `az` scripts: a third of the CLI's code) imported only when
 * some input can hold a cluster definition. With none, the result is what `loadClusters` returns for no input.
 */
export async function loadClustersOfInputs(input: ClusterLoadInput): Promise<ClusterLoadResult> {
  const none =
    input.documents.length === 0 &&
    input.terraformFiles.length === 0 &&
    (input.bicepFiles?.length ?? 0) === 0 &&
    (input.scripts?.length ?? 0) === 0;
  if (none) return { clusters: [], consumed: new Set(), issues: [], skipped: [] };
  const { loadClusters } = await import('./aks/index.js');
  return loadClusters(input);
}
