import { resolve } from 'node:path';
import type { TextFile } from '../load/aks/index.js';
import type { SourceDocument } from '../load/document.js';
import { readInputs } from '../load/files.js';
import { parseYamlFile } from '../load/yaml.js';
import type { Coverage } from '../model/coverage.js';
import type { LoadIssue } from '../model/inventory.js';
import type { Source, SourceOutput } from './source.js';

export interface FilesSourceOptions {
  /** Files, folders, or `-` for standard input. */
  paths: readonly string[];
  /** Glob patterns of paths to leave out (`**\/charts/**`, `*.tfvars`). */
  exclude?: readonly string[];
  /** AKS cluster definitions given explicitly (`--cluster FILE`). */
  clusterFiles?: readonly string[];
  /** Largest file read, in bytes. */
  maxFileSize?: number;
  io?: { readStdin(): Promise<string> };
  cwd: string;
}

/** Files and folders (YAML, JSON, Terraform), walked and bounded by `load/files.ts`, parsed with positions. */
export function filesSource(options: FilesSourceOptions): Source {
  return {
    name: 'files',
    async read(): Promise<SourceOutput> {
      const cwd = options.cwd;
      const clusterPaths = options.clusterFiles ?? [];
      const read = await readInputs({
        paths: [...options.paths, ...clusterPaths],
        cwd,
        ...(options.exclude ? { exclude: options.exclude } : {}),
        ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
        ...(options.io ? { readStdin: () => options.io!.readStdin() } : {}),
      });
      const issues: LoadIssue[] = [...read.issues];
      const coverage: Coverage = { read: {}, skipped: [...read.skipped], unreadable: [] };
      const documents: SourceDocument[] = [];
      const terraformFiles: TextFile[] = [];
      const explicit = new Set(clusterPaths.map((path) => resolve(cwd, path)));
      const explicitClusterFiles = new Set<string>();
      for (const input of read.files) {
        if (explicit.has(resolve(cwd, input.file))) explicitClusterFiles.add(input.file);
        if (input.kind === 'terraform') {
          terraformFiles.push({ file: input.file, text: input.text });
          continue;
        }
        const parsed = parseYamlFile(input.file, input.text);
        issues.push(...parsed.issues);
        if (parsed.skipped) coverage.skipped.push(parsed.skipped);
        documents.push(...parsed.documents);
      }
      return {
        documents,
        terraformFiles,
        files: read.files.map((input) => input.file),
        explicitClusterFiles,
        issues,
        coverage,
      };
    },
  };
}
