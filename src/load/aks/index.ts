import type { AksCluster } from '../../model/aksCluster.js';
import type { LoadIssue } from '../../model/inventory.js';
import type { SourceDocument } from '../document.js';
import { findArmResources } from './armResource.js';
import { isArmParametersFile, isArmTemplate, loadArmTemplate, parameterValues } from './armTemplate.js';
import { applyPlatformDefaults } from './platformDefaults.js';
import { isTerraformJson, loadTerraform } from './terraform.js';
import { isTerraformPlan, loadTerraformPlan } from './terraformPlan.js';
import { newCluster } from './tree.js';

export interface TextFile {
  /** Path as reported (relative to the working directory when possible). */
  file: string;
  text: string;
}

export interface ClusterLoadInput {
  /** Parsed YAML/JSON documents that are not Kubernetes objects (no apiVersion + kind), and kubescape `ClusterDescribe` documents. */
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
 * Finds AKS cluster definitions among the inputs, whatever their dialect: ARM resources (REST GET, spec
 * examples, kubescape ClusterDescribe), `az aks show/list` JSON, ARM deployment templates with their
 * parameters files, Terraform (azurerm and the AKS Azure Verified Module) and Terraform plan JSON.
 */
export async function loadClusters(input: ClusterLoadInput): Promise<ClusterLoadResult> {
  const clusters: AksCluster[] = [];
  const consumed = new Set<SourceDocument>();
  const issues: LoadIssue[] = [];

  const parameterFiles = input.documents.filter((doc) => isArmParametersFile(doc.value));
  for (const doc of parameterFiles) consumed.add(doc);
  const templates = input.documents.filter((doc) => isArmTemplate(doc.value));

  const terraformJson = input.documents.filter(isTerraformJson);
  for (const doc of terraformJson) consumed.add(doc);

  for (const doc of input.documents) {
    if (consumed.has(doc)) continue;
    try {
      if (isArmTemplate(doc.value)) {
        const found = loadArmTemplate(doc, parametersFor(doc, parameterFiles, templates.length));
        if (found.length > 0) {
          clusters.push(...found);
          consumed.add(doc);
        }
      } else if (isTerraformPlan(doc.value)) {
        clusters.push(...loadTerraformPlan(doc));
        consumed.add(doc);
      } else {
        const found = findArmResources(doc);
        if (found) {
          clusters.push(...found.clusters);
          for (const { clusterName, pool } of found.orphanPools) {
            const owner = clusters.find((cluster) => cluster.name === clusterName && !cluster.partial);
            if (owner) {
              owner.pools.push(pool);
              continue;
            }
            const partial = newCluster({
              name: clusterName ?? pool.name,
              dialect: 'arm',
              location: pool.location,
              fields: { kind: 'object', entries: new Map(), names: new Map(), location: pool.location },
              materialized: false,
            });
            partial.partial = true;
            partial.pools = [pool];
            clusters.push(partial);
          }
          consumed.add(doc);
        }
      }
    } catch (error) {
      issues.push({
        level: 'error',
        file: doc.file,
        message: `cannot read cluster definition: ${(error as Error).message}`,
      });
      consumed.add(doc);
    }
  }

  if (input.terraformFiles.length > 0 || terraformJson.length > 0) {
    const terraform = await loadTerraform(input.terraformFiles, terraformJson);
    clusters.push(...terraform.clusters);
    issues.push(...terraform.issues);
  }
  // What the platform sets whatever the definition says (AKS Automatic), once every dialect has been read.
  for (const cluster of clusters) applyPlatformDefaults(cluster);
  return { clusters, consumed, issues };
}

/** The parameters file of a template: `x.parameters.json` beside `x.json`, or the only one when there is one template. */
function parametersFor(template: SourceDocument, parameterFiles: SourceDocument[], templateCount: number) {
  const stem = template.file.replace(/\.(json|jsonc)$/i, '');
  const match =
    parameterFiles.find((doc) => doc.file.replace(/\.parameters\.(json|jsonc)$/i, '') === stem) ??
    (templateCount === 1 && parameterFiles.length === 1 ? parameterFiles[0] : undefined);
  return match ? parameterValues(match) : undefined;
}
