import { dirname, resolve } from 'node:path';
import type { ClusterTie } from '../load/scopes.js';

/**
 * `clusters:` of `.aksguard.yaml`: which manifests run on which cluster when the input defines several.
 *
 * ```yaml
 * clusters:
 *   - definition: infra/prod/aks.tf     # file, or folder holding it; relative to this file
 *     name: aks-prod                    # optional: the cluster (name or Terraform address) when it holds several
 *     manifests: ["k8s/prod/**"]        # globs relative to this file
 * ```
 */
export interface ClusterTieConfig {
  definition: string;
  name?: string;
  manifests: string[];
  /** Line of the entry in the configuration file. */
  line?: number;
}

/** The `clusters:` entries (checked by the configuration schema, `config/schema.ts`) with their lines. */
export function clusterTiesOfConfig(
  entries: readonly ClusterTieConfig[],
  lineOf: (index: number) => number | undefined,
): ClusterTieConfig[] {
  return entries.map((entry, index) => {
    const tie: ClusterTieConfig = { definition: entry.definition.trim(), manifests: [...entry.manifests] };
    if (entry.name !== undefined) tie.name = entry.name;
    const line = lineOf(index);
    if (line !== undefined) tie.line = line;
    return tie;
  });
}

/** The ties of a configuration file, paths resolved against the file's folder (`cwd` when it has none). */
export function clusterTiesOf(
  ties: readonly ClusterTieConfig[] | undefined,
  configFile: string | undefined,
  cwd: string,
): ClusterTie[] {
  const base = configFile ? dirname(resolve(cwd, configFile)) : cwd;
  return (ties ?? []).map((tie) => ({
    definition: resolve(base, tie.definition),
    ...(tie.name !== undefined ? { name: tie.name } : {}),
    manifests: tie.manifests,
    base,
    source: 'configuration',
    origin: `${configFile ?? '.aksguard.yaml'}${tie.line ? `:${tie.line}` : ''}`,
  }));
}
