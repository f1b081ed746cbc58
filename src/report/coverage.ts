import type { Coverage, SkipCategory } from '../model/coverage.js';

const CATEGORY_NOUNS: Record<SkipCategory, [string, string]> = {
  'unrendered-template': ['unrendered template', 'unrendered templates'],
  'not-rendered': ['chart or overlay not rendered', 'charts or overlays not rendered'],
  'remote-source': ['remote module or source', 'remote modules or sources'],
  'unsupported-format': ['file in a format not read', 'files in formats not read'],
  'not-kubernetes': ['file that is not Kubernetes or AKS', 'files that are not Kubernetes or AKS'],
  'tool-config': ['tool configuration file', 'tool configuration files'],
  limit: ['input cut at a limit', 'inputs cut at a limit'],
  'not-tied': ['manifest file tied to no cluster', 'manifest files tied to no cluster'],
};

/**
 * One line on what was not analysed and may hide findings, e.g.
 * `3 inputs not analysed: 2 files in formats not read (.bicep), 1 unrendered template (see -o json)`;
 * undefined when everything that matters was read.
 */
export function describeGaps(coverage: Coverage): string | undefined {
  const counts = new Map<SkipCategory, number>();
  const extensions = new Set<string>();
  const causes = new Map<SkipCategory, Set<string>>();
  for (const entry of coverage.skipped) {
    if (!entry.significant) continue;
    counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
    if (entry.cause !== undefined) {
      const set = causes.get(entry.category) ?? new Set<string>();
      set.add(entry.cause);
      causes.set(entry.category, set);
    }
    if (entry.category === 'unsupported-format') {
      const extension = /\.[^./\\]+$/.exec(entry.path)?.[0];
      if (extension) extensions.add(extension.toLowerCase());
    }
  }
  const parts: string[] = [];
  for (const [category, count] of counts) {
    const [one, many] = CATEGORY_NOUNS[category];
    const causesOf = causes.get(category);
    // `2 charts or overlays not rendered (helm not found, kubectl and kustomize not found)`.
    const detail =
      category === 'unsupported-format' && extensions.size > 0
        ? ` (${[...extensions].sort().join(', ')})`
        : causesOf && causesOf.size > 0
          ? ` (${[...causesOf].sort().join(', ')})`
          : '';
    parts.push(`${count} ${count === 1 ? one : many}${detail}`);
  }
  if (coverage.unreadable.length > 0)
    parts.push(
      `${coverage.unreadable.length} ${coverage.unreadable.length === 1 ? 'API list' : 'API lists'} unreadable`,
    );
  if (parts.length === 0) return undefined;
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0) + coverage.unreadable.length;
  return `${total} ${total === 1 ? 'input' : 'inputs'} not analysed: ${parts.join(', ')} (see -o json)`;
}
