import { relative, resolve, sep } from 'node:path';
import type { AksCluster } from '../model/aksCluster.js';
import type { SkippedInput } from '../model/coverage.js';
import type { LoadIssue } from '../model/inventory.js';
import type { K8sObject } from '../model/k8s.js';
import { type ClusterScope, defaultScopes, type TieSource } from '../model/scope.js';
import { globToRegExp, matchesAny } from './glob.js';

/** A tie of manifests to a cluster definition, from `.aksguard.yaml` (`clusters:`) or `--cluster FILE`. */
export interface ClusterTie {
  /** Absolute path of the definition file, or of a folder holding it. */
  definition: string;
  /** The cluster's name (or Terraform address) when the definition holds several. */
  name?: string;
  /** Globs of the manifest paths, relative to `base`; undefined: every object of the input. */
  manifests?: readonly string[];
  /** Folder the globs are relative to (the configuration file's). */
  base: string;
  source: Exclude<TieSource, 'single-cluster'>;
  /** Where the tie is written, for messages (`.aksguard.yaml:12`, `--cluster infra/aks.tf`). */
  origin: string;
}

export interface ScopeResult {
  scopes: ClusterScope[];
  issues: LoadIssue[];
  /** Manifest files with objects tied to no cluster (coverage). */
  untied: SkippedInput[];
}

function within(file: string, definition: string): boolean {
  const path = relative(definition, file);
  return path === '' || (!path.startsWith('..') && !path.startsWith(sep) && !/^[A-Za-z]:/.test(path));
}

function clusterNames(cluster: AksCluster): string[] {
  return [cluster.name, ...(typeof cluster.address === 'string' ? [cluster.address] : [])];
}

/**
 * Pairs the clusters with the objects that run on them: by the ties when there are any, else one cluster takes
 * every object and several take none. Objects tied to no cluster, while clusters exist, are reported per file.
 */
export function resolveScopes(
  clusters: readonly AksCluster[],
  objects: readonly K8sObject[],
  ties: readonly ClusterTie[],
  cwd: string,
): ScopeResult {
  const issues: LoadIssue[] = [];
  const whole = clusters.filter((cluster) => !cluster.partial);
  let scopes: ClusterScope[];
  if (ties.length === 0) {
    scopes = defaultScopes(whole, objects);
  } else {
    const tied = new Map<AksCluster, { objects: Set<K8sObject>; source: ClusterTie['source'] }>();
    for (const tie of ties) {
      const matching = whole.filter(
        (cluster) =>
          within(resolve(cwd, cluster.location.file), tie.definition) &&
          (tie.name === undefined || clusterNames(cluster).includes(tie.name)),
      );
      if (matching.length === 0) {
        issues.push({
          level: 'note',
          file: tie.origin,
          message: `${relative(cwd, tie.definition) || '.'}${tie.name ? ` (${tie.name})` : ''} defines no AKS cluster among the inputs: no manifest is tied by this entry`,
        });
        continue;
      }
      const patterns = tie.manifests?.map(globToRegExp);
      const chosen = objects.filter((object) => {
        if (!patterns) return true;
        const path = relative(tie.base, resolve(cwd, object.location.file));
        return !path.startsWith('..') && matchesAny(path, patterns);
      });
      for (const cluster of matching) {
        const entry = tied.get(cluster) ?? { objects: new Set<K8sObject>(), source: tie.source };
        for (const object of chosen) entry.objects.add(object);
        tied.set(cluster, entry);
      }
    }
    scopes = whole.map((cluster) => {
      const entry = tied.get(cluster);
      if (!entry || entry.objects.size === 0) return { cluster, objects: [] };
      return {
        cluster,
        objects: objects.filter((object) => entry.objects.has(object)),
        tiedBy: entry.source,
      };
    });
  }
  return { scopes, issues, untied: untiedFiles(scopes, objects, whole, ties.length > 0) };
}

function untiedFiles(
  scopes: readonly ClusterScope[],
  objects: readonly K8sObject[],
  clusters: readonly AksCluster[],
  configured: boolean,
): SkippedInput[] {
  if (clusters.length === 0) return [];
  const tied = new Set<K8sObject>();
  for (const scope of scopes) for (const object of scope.objects) tied.add(object);
  const files = new Map<string, number>();
  for (const object of objects) {
    // kubescape ClusterDescribe documents are cluster data, not manifests.
    if (tied.has(object) || object.kind === 'ClusterDescribe') continue;
    files.set(object.location.file, (files.get(object.location.file) ?? 0) + 1);
  }
  const names = clusters.map((cluster) => cluster.name).join(', ');
  const why = configured
    ? 'no entry of `clusters:` in the configuration (or --cluster) ties it to a cluster'
    : `the input defines ${clusters.length} AKS clusters (${names}) and nothing says which one runs it`;
  return [...files].map(([path, count]) => ({
    path,
    category: 'not-tied' as const,
    reason: `${count} object(s) tied to no cluster: ${why}; cluster-specific checks (AKS-NET-10, AKS-NET-12, X-*, the network policy engine of the cluster) left them out. Tie them with \`clusters: [{ definition, manifests }]\` in .aksguard.yaml or --cluster FILE`,
    significant: true,
  }));
}

/**
 * The ties in force: `--cluster FILE` ties every manifest to the clusters of those files (the command line wins);
 * otherwise the configuration's `clusters:` entries.
 */
export function tiesOf(
  clusterFiles: readonly string[],
  configured: readonly ClusterTie[],
  cwd: string,
): readonly ClusterTie[] {
  if (clusterFiles.length === 0) return configured;
  return clusterFiles.map((path) => ({
    definition: resolve(cwd, path),
    base: cwd,
    source: 'command-line',
    origin: `--cluster ${path}`,
  }));
}
