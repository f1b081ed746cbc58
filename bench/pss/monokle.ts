/**
 * @monokle/validation's pod-security-standards plugin, run offline (research/workload.md §3.5): the plugin is bundled
 * TypeScript, the default plugin loader loads nothing remote, and `fetch` is replaced so any network use fails loudly.
 */
import { extractK8sResources } from '@monokle/parser';
import {
  DefaultPluginLoader,
  DisabledFixer,
  MonokleValidator,
  ResourceParser,
  SchemaLoader,
} from '@monokle/validation';

const RESTRICTED_RULES = [
  'volume-types',
  'privilege-escalation',
  'running-as-non-root',
  'running-as-non-root-user',
  'seccomp-strict',
  'capabilities-strict',
];

export interface MonokleFile {
  id: string;
  path: string;
  content: string;
}

export interface MonokleRun {
  /** Files with at least one PSS result. */
  flaggedFiles: Set<string>;
  /** Resources (`file#name`) with at least one PSS result, and the rules that flagged them. */
  flagged: Map<string, string[]>;
  resources: number;
  extractMs: number;
  validateMs: number;
}

export function blockNetwork(): void {
  globalThis.fetch = (async (url: unknown) => {
    throw new Error(`network access blocked in the benchmark: ${String(url)}`);
  }) as typeof fetch;
}

export async function createMonokle(level: 'baseline' | 'restricted'): Promise<MonokleValidator> {
  const validator = new MonokleValidator({
    loader: new DefaultPluginLoader(),
    parser: new ResourceParser(),
    schemaLoader: new SchemaLoader(),
    suppressors: [],
    fixer: new DisabledFixer(),
  });
  // preload(config) replaces the configuration: the rules must be given here (workload.md §3.5, gotcha 1).
  const rules: Record<string, boolean> = {};
  if (level === 'restricted')
    for (const rule of RESTRICTED_RULES) rules[`pod-security-standards/${rule}`] = true;
  await validator.preload({ plugins: { 'pod-security-standards': true }, rules });
  return validator;
}

export async function runMonokle(validator: MonokleValidator, files: MonokleFile[]): Promise<MonokleRun> {
  const t0 = performance.now();
  const resources = extractK8sResources(files);
  const t1 = performance.now();
  const sarif = await validator.validate({ resources });
  const t2 = performance.now();
  const flagged = new Map<string, string[]>();
  const flaggedFiles = new Set<string>();
  for (const result of sarif.runs[0]?.results ?? []) {
    // The first location is the source file (uriBaseId SRCROOT); a logical location of kind `resource` names the object.
    const path = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
    if (path === undefined) continue;
    flaggedFiles.add(path);
    const resource = result.locations
      ?.flatMap((l) => l.logicalLocations ?? [])
      .find((logical) => logical.kind === 'resource');
    const key = `${path}#${resource?.name ?? ''}`;
    flagged.set(key, [...(flagged.get(key) ?? []), result.ruleId]);
  }
  return { flagged, flaggedFiles, resources: resources.length, extractMs: t1 - t0, validateMs: t2 - t1 };
}
