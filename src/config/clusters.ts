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

const KEYS = ['definition', 'name', 'manifests'];

/** Validates `clusters:`; `fail` throws the configuration error, `lineOf(i)` locates entry `i`. */
export function parseClusterTies(
  value: unknown,
  fail: (message: string) => never,
  lineOf: (index: number) => number | undefined,
): ClusterTieConfig[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    fail('"clusters" must be a list of { definition, manifests } (which manifests run on which cluster)');
  return (value as unknown[]).map((item, index) => {
    const where = `clusters[${index}]${lineOf(index) ? ` (line ${lineOf(index)})` : ''}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(`${where} must be a map`);
    const entry = item as Record<string, unknown>;
    for (const key of Object.keys(entry))
      if (!KEYS.includes(key)) fail(`${where}: unknown key "${key}" (known: ${KEYS.join(', ')})`);
    if (typeof entry.definition !== 'string' || entry.definition.trim() === '')
      fail(`${where}.definition is required: the file (or folder) that defines the cluster`);
    if (entry.name !== undefined && typeof entry.name !== 'string') fail(`${where}.name must be a string`);
    const manifests = entry.manifests;
    if (
      !Array.isArray(manifests) ||
      manifests.length === 0 ||
      manifests.some((glob) => typeof glob !== 'string' || glob === '')
    )
      fail(`${where}.manifests must be a non-empty list of path globs (e.g. ["k8s/**"])`);
    const tie: ClusterTieConfig = {
      definition: (entry.definition as string).trim(),
      manifests: manifests as string[],
    };
    if (typeof entry.name === 'string') tie.name = entry.name;
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
