/**
 * Sources (DESIGN §2): files, renderers (Helm, Kustomize) and live APIs (Kubernetes, Azure Resource Manager) all
 * yield the same thing: parsed documents, each knowing where it came from, plus coverage entries for everything the
 * source could not read. `loadSources` turns any mix of them into one Inventory, so every command takes any source
 * the same way.
 *
 * A renderer plugs in by returning its rendered documents (with `file` naming the chart or overlay and the template,
 * and `locate()` pointing into the rendered text) and its coverage (`not-rendered`, `remote-source`) as a
 * `SourceOutput`; wrap it with `sourceOf(name, read)`.
 */

import type { TextFile } from '../load/aks/index.js';
import type { SourceDocument } from '../load/document.js';
import type { DocumentTaker } from '../load/streamed.js';
import type { AksCluster } from '../model/aksCluster.js';
import type { Coverage } from '../model/coverage.js';
import type { RuleInputs } from '../model/inputs.js';
import type { LoadIssue } from '../model/inventory.js';

/** Role assignments read from Azure, in the `az role assignment list` shape the RBAC rules read. */
export interface LiveRoleAssignments {
  /** Shown where a file name would be: the scope they were listed at. */
  source: string;
  assignments: Record<string, unknown>[];
}

export interface SourceOutput {
  /**
   * Parsed documents in input order: manifests, cluster definitions, live objects (one document per object,
   * its `live` origin set). Kubernetes objects and AKS cluster definitions are told apart by content.
   */
  documents: SourceDocument[];
  /** Terraform files, read together because a configuration spans files. */
  terraformFiles: TextFile[];
  /** Files read, as reported (relative paths); live sources read none. */
  files: string[];
  /** Files named with `--cluster`: a document there that is not a cluster definition is an error. */
  explicitClusterFiles: ReadonlySet<string>;
  issues: LoadIssue[];
  /** What was read (live sources count objects) and what was skipped or unreadable. */
  coverage: Coverage;
  /** Clusters a source normalised itself (live ARM reads attach diagnostic settings and maintenance windows). */
  clusters?: AksCluster[];
  /** Azure role assignments read live, for the Azure RBAC rules when no file is given. */
  roleAssignments?: LiveRoleAssignments;
}

export interface SourceReadOptions {
  /** Namespace of namespaced objects that name none (files only; live objects always name theirs). */
  defaultNamespace: string;
  /** What the enabled rules read: a live source reads exactly this (default: everything rules may read). */
  inputs?: RuleInputs;
  /** Progress lines for a terminal. */
  onProgress?: (message: string) => void;
  /**
   * A streamed command's taker of the Kubernetes documents of plain files (`load/streamed.ts`): each is handed to it
   * as its file is read and is not in the output. Only the files source takes it; others ignore it.
   */
  takeDocument?: DocumentTaker;
}

export interface Source {
  /** What the source is, for messages: `files`, `context prod`, `in-cluster`, an Azure resource id. */
  readonly name: string;
  read(options: SourceReadOptions): Promise<SourceOutput>;
}

export function emptyOutput(): SourceOutput {
  return {
    documents: [],
    terraformFiles: [],
    files: [],
    explicitClusterFiles: new Set(),
    issues: [],
    coverage: { read: {}, skipped: [], unreadable: [] },
  };
}

/** A source from a read function (renderers, tests). */
export function sourceOf(name: string, read: (options: SourceReadOptions) => Promise<SourceOutput>): Source {
  return { name, read };
}
