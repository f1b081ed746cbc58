import type { SourceDocument } from '../document.js';
import { parseYamlFile } from '../yaml.js';
import { scriptSyntaxOf } from './azScripts.js';
import { type ClusterLoadResult, loadClusters } from './index.js';

/** Parses JSON/YAML text into positioned documents, the way the scan's loader does (for tests and benchmarks). */
export function documentsOf(file: string, text: string): SourceDocument[] {
  return parseYamlFile(file, text).documents;
}

/** Loads clusters from in-memory files: `.tf`/`.tfvars`/`.tfvars.json` as Terraform, the rest as JSON/YAML. */
export function loadClustersFrom(files: Record<string, string>): Promise<ClusterLoadResult> {
  const documents: SourceDocument[] = [];
  const terraformFiles: { file: string; text: string }[] = [];
  const scripts: { file: string; text: string }[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (/\.(tf|tfvars|tfvars\.json)$/.test(file)) terraformFiles.push({ file, text });
    else if (scriptSyntaxOf(file)) scripts.push({ file, text });
    else documents.push(...documentsOf(file, text));
  }
  return loadClusters({
    documents,
    terraformFiles,
    scripts,
    fileTexts: new Map(Object.entries(files)),
    explicitFiles: new Set(),
  });
}
