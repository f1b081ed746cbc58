import type { Document } from 'yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import { type SourceDocument, YamlSourceDocument } from '../document.js';
import { type ClusterLoadResult, loadClusters } from './index.js';

/** Parses JSON/YAML text into positioned documents, the way the scan's loader does (for tests and benchmarks). */
export function documentsOf(file: string, text: string): SourceDocument[] {
  const lines = new LineCounter();
  return parseAllDocuments(text, { lineCounter: lines }).map(
    (doc, index) => new YamlSourceDocument(file, index, doc.toJS(), doc as Document.Parsed, lines),
  );
}

/** Loads clusters from in-memory files: `.tf`/`.tfvars`/`.tfvars.json` as Terraform, the rest as JSON/YAML. */
export function loadClustersFrom(files: Record<string, string>): Promise<ClusterLoadResult> {
  const documents: SourceDocument[] = [];
  const terraformFiles: { file: string; text: string }[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (/\.(tf|tfvars|tfvars\.json)$/.test(file)) terraformFiles.push({ file, text });
    else documents.push(...documentsOf(file, text));
  }
  return loadClusters({ documents, terraformFiles, explicitFiles: new Set() });
}
