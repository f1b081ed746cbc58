import type { AksCluster } from '../../model/aksCluster.js';
import { emptyCoverage } from '../../model/coverage.js';
import type { Inventory } from '../../model/inventory.js';
import type { SourceDocument } from '../document.js';
import { parseYamlFile } from '../yaml.js';
import { scriptSyntaxOf } from './azScripts.js';
import { type ClusterLoadResult, loadClusters } from './index.js';

/** Parses JSON/YAML text into positioned documents, the way the scan's loader does (for tests and benchmarks). */
export function documentsOf(file: string, text: string): SourceDocument[] {
  return parseYamlFile(file, text).documents;
}

/**
 * Loads clusters from in-memory files: `.tf`/`.tfvars`/`.tfvars.json` as Terraform, `.bicep`/`.bicepparam` as Bicep,
 * the rest as JSON/YAML. `disk` holds files that are not inputs but can be read (Bicep modules outside the inputs).
 */
export function loadClustersFrom(
  files: Record<string, string>,
  disk: Record<string, string> = {},
): Promise<ClusterLoadResult> {
  const documents: SourceDocument[] = [];
  const terraformFiles: { file: string; text: string }[] = [];
  const bicepFiles: { file: string; text: string }[] = [];
  const scripts: { file: string; text: string }[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (/\.(tf|tfvars|tfvars\.json)$/.test(file)) terraformFiles.push({ file, text });
    else if (/\.bicep(param)?$/.test(file)) bicepFiles.push({ file, text });
    else if (scriptSyntaxOf(file)) scripts.push({ file, text });
    else documents.push(...documentsOf(file, text));
  }
  const readFile = (path: string) =>
    Object.hasOwn(disk, path) ? { text: disk[path]! } : { error: 'no such file or folder' };
  return loadClusters({
    documents,
    terraformFiles,
    scripts,
    fileTexts: new Map(Object.entries(files)),
    explicitFiles: new Set(),
    bicepFiles,
    readFile,
  });
}

/** An inventory holding only clusters (for rule runs in tests and benchmarks). */
export function clusterInventory(clusters: AksCluster[], files: string[] = []): Inventory {
  return {
    objects: [],
    namespaces: new Map(),
    podTemplates: [],
    coverage: emptyCoverage(),
    byKind: new Map(),
    clusters,
    issues: [],
    files,
  };
}
