import type { SourceDocument } from '../document.js';
import type { AksCluster } from '../../model/aksCluster.js';
import type { LoadIssue } from '../../model/inventory.js';

export interface TextFile {
  /** Path as reported (relative to the working directory when possible). */
  file: string;
  text: string;
}

export interface ClusterLoadInput {
  /** Parsed YAML/JSON documents that are not Kubernetes objects (no apiVersion + kind). */
  documents: SourceDocument[];
  /** Terraform inputs: `*.tf`, `*.tfvars`, `*.tfvars.json`. */
  terraformFiles: TextFile[];
  /** Files given explicitly with `--cluster`: a document there that is not a cluster is an error. */
  explicitFiles: ReadonlySet<string>;
}

export interface ClusterLoadResult {
  clusters: AksCluster[];
  /** Documents recognised as cluster definitions (or their parameters): not reported as "not Kubernetes". */
  consumed: Set<SourceDocument>;
  issues: LoadIssue[];
}

/**
 * Finds AKS cluster definitions among the inputs, whatever their dialect.
 * Integration point for the AKS posture work (ARM, az CLI, ARM templates, Terraform, plan JSON).
 */
export async function loadClusters(input: ClusterLoadInput): Promise<ClusterLoadResult> {
  void input;
  return { clusters: [], consumed: new Set(), issues: [] };
}
