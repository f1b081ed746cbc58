import { posix } from 'node:path';
import type { AksCluster } from '../../model/aksCluster.js';
import type { SkippedInput } from '../../model/coverage.js';
import type { LoadIssue } from '../../model/inventory.js';
import type { SourceDocument } from '../document.js';
import type { DeploymentContext } from './armDeployment.js';
import { findArmResources } from './armResource.js';
import { isArmParametersFile, isArmTemplate, loadArmTemplate, parameterValues } from './armTemplate.js';
import { loadScript, scriptSyntaxOf, workflowScripts } from './azScripts.js';
import { compiledFrom, loadBicep } from './bicep/load.js';
import { applyPlatformDefaults } from './platformDefaults.js';
import { isTerraformJson, loadTerraform, type ModuleReader } from './terraform.js';
import { isTerraformPlan, loadTerraformPlan } from './terraformPlan.js';
import { newCluster } from './tree.js';

export interface TextFile {
  /** Path as reported (relative to the working directory when possible). */
  file: string;
  text: string;
  /** The real folder the file was reached in (symbolic links resolved): for Terraform, its module. */
  directory?: string;
}

export interface ClusterLoadInput {
  /** Parsed YAML/JSON documents that are not Kubernetes objects (no apiVersion + kind), and kubescape `ClusterDescribe` documents. */
  documents: SourceDocument[];
  /** Terraform inputs: `*.tf`, `*.tfvars`, `*.tfvars.json`. */
  terraformFiles: TextFile[];
  /** Files given explicitly with `--cluster`: a document there that is not a cluster is an error. */
  explicitFiles: ReadonlySet<string>;
  /** Bicep inputs: `*.bicep`, `*.bicepparam`. */
  bicepFiles?: TextFile[];
  /** Reads a file the inputs do not hold (a Bicep module), within the inputs' bounds. */
  readFile?: (path: string) => { text: string } | { error: string };
  /** `--tf-var-file` files, in the order given. */
  tfVarFiles?: TextFile[];
  /** Finds and reads local Terraform module folders that are not among the inputs. */
  terraformModules?: ModuleReader;
  /** Shell, PowerShell and Makefile texts (`az aks` command lines). */
  scripts?: TextFile[];
  /** The text of each input file, by reported path (CI workflow steps are located in it). */
  fileTexts?: ReadonlyMap<string, string>;
  /** Reads a file that is not among the inputs (a linked ARM template beside its parent), by its reported path. */
  readDocument?: (file: string) => SourceDocument | undefined;
}

export interface ClusterLoadResult {
  clusters: AksCluster[];
  /** Documents recognised as cluster definitions (or their parameters): not reported as "not Kubernetes". */
  consumed: Set<SourceDocument>;
  issues: LoadIssue[];
  /** Bicep files read (inputs and the local modules they call). */
  bicepRead?: string[];
  /** What was found but not analysed (remote and registry modules, linked templates that are not present). */
  skipped: SkippedInput[];
}

/**
 * Finds AKS cluster definitions among the inputs, whatever their dialect: ARM resources (REST GET, spec
 * examples, kubescape ClusterDescribe), `az aks show/list` JSON, ARM deployment templates with their
 * parameters files, Bicep (with `.bicepparam` and parameters files, local modules and the AKS Verified Module),
 * Terraform (azurerm and the AKS Azure Verified Module) and Terraform plan JSON.
 */
export async function loadClusters(input: ClusterLoadInput): Promise<ClusterLoadResult> {
  const clusters: AksCluster[] = [];
  const consumed = new Set<SourceDocument>();
  const issues: LoadIssue[] = [];
  const skipped: SkippedInput[] = [];

  const parameterFiles = input.documents.filter((doc) => isArmParametersFile(doc.value));
  for (const doc of parameterFiles) consumed.add(doc);
  const templates = input.documents.filter((doc) => isArmTemplate(doc.value));

  const terraformJson = input.documents.filter(isTerraformJson);
  for (const doc of terraformJson) consumed.add(doc);

  const bicepPaths = (input.bicepFiles ?? [])
    .map((file) => file.file)
    .filter((file) => /\.bicep$/i.test(file));
  for (const doc of templates) {
    const source = compiledFrom(doc, bicepPaths);
    if (!source) continue;
    consumed.add(doc);
    issues.push({ level: 'note', file: doc.file, message: `compiled from ${source}, which is read instead` });
  }

  // Templates first: a template another one links to is part of that deployment, not a deployment of its own.
  const deployment = deploymentContext(input, skipped, issues);
  const fromTemplates = new Map<SourceDocument, AksCluster[]>();
  for (const doc of templates) {
    if (consumed.has(doc)) continue;
    try {
      const before = skipped.length + deployment.linked.size;
      fromTemplates.set(
        doc,
        loadArmTemplate(doc, parametersFor(doc, parameterFiles, templates.length), deployment),
      );
      // A template whose deployments could not all be followed was read: what is missing is listed as skipped.
      if (skipped.length + deployment.linked.size > before) consumed.add(doc);
    } catch (error) {
      issues.push(unreadableDefinition(doc, error));
      consumed.add(doc);
    }
  }
  for (const doc of deployment.linked) consumed.add(doc);
  for (const [doc, found] of fromTemplates) {
    if (deployment.linked.has(doc) || found.length === 0) continue;
    clusters.push(...found);
    consumed.add(doc);
  }

  for (const doc of input.documents) {
    if (consumed.has(doc)) continue;
    try {
      if (isArmTemplate(doc.value)) {
        // Read above; a template without clusters stays unconsumed (not an AKS definition).
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
      issues.push(unreadableDefinition(doc, error));
      consumed.add(doc);
    }
  }

  for (const script of input.scripts ?? []) {
    const syntax = scriptSyntaxOf(script.file) ?? 'sh';
    const read = loadScript(script.file, [{ text: script.text, syntax, line: 1, column: 0 }]);
    clusters.push(...read.clusters);
    issues.push(...read.issues);
  }
  for (const doc of input.documents) {
    if (consumed.has(doc)) continue;
    const steps = workflowScripts(doc, input.fileTexts?.get(doc.file));
    if (steps.length === 0) continue;
    const read = loadScript(doc.file, steps);
    if (read.clusters.length === 0 && read.issues.length === 0) continue;
    clusters.push(...read.clusters);
    issues.push(...read.issues);
    consumed.add(doc);
  }

  if (input.terraformFiles.length > 0 || terraformJson.length > 0) {
    const terraform = await loadTerraform(input.terraformFiles, terraformJson, {
      ...(input.tfVarFiles ? { varFiles: input.tfVarFiles } : {}),
      ...(input.terraformModules ? { modules: input.terraformModules } : {}),
    });
    clusters.push(...terraform.clusters);
    issues.push(...terraform.issues);
    skipped.push(...terraform.skipped);
  }
  const result: ClusterLoadResult = { clusters, consumed, issues, skipped };
  if (input.bicepFiles && input.bicepFiles.length > 0) {
    const bicep = await loadBicep({
      files: input.bicepFiles,
      parameterFiles,
      explicitFiles: input.explicitFiles,
      ...(input.readFile ? { readFile: input.readFile } : {}),
    });
    clusters.push(...bicep.clusters);
    issues.push(...bicep.issues);
    result.bicepRead = bicep.read;
    skipped.push(...bicep.skipped);
  }
  // What the platform sets whatever the definition says (AKS Automatic), once every dialect has been read.
  for (const cluster of clusters) applyPlatformDefaults(cluster);
  return result;
}

function unreadableDefinition(doc: SourceDocument, error: unknown): LoadIssue {
  return {
    level: 'error',
    file: doc.file,
    message: `cannot read cluster definition: ${(error as Error).message}`,
  };
}

/** Linked templates: among the inputs by path, else read from disk beside the parent (bounded like any input). */
function deploymentContext(
  input: ClusterLoadInput,
  skipped: SkippedInput[],
  issues: LoadIssue[],
): DeploymentContext {
  const byFile = new Map<string, SourceDocument>();
  for (const doc of input.documents) if (!byFile.has(doc.file)) byFile.set(doc.file, doc);
  return {
    linked: new Set(),
    skipped,
    issues,
    readLinked(from, relativePath) {
      const directory = from.file.includes('/') ? from.file.slice(0, from.file.lastIndexOf('/')) : '.';
      const file = posix.normalize(posix.join(directory, relativePath.replace(/\\/g, '/')));
      const known = byFile.get(file);
      if (known) return known;
      const read = input.readDocument?.(file);
      if (read) byFile.set(file, read);
      return read;
    },
  };
}

/** The parameters file of a template: `x.parameters.json` beside `x.json`, or the only one when there is one template. */
function parametersFor(template: SourceDocument, parameterFiles: SourceDocument[], templateCount: number) {
  const stem = template.file.replace(/\.(json|jsonc)$/i, '');
  const match =
    parameterFiles.find((doc) => doc.file.replace(/\.parameters\.(json|jsonc)$/i, '') === stem) ??
    (templateCount === 1 && parameterFiles.length === 1 ? parameterFiles[0] : undefined);
  return match ? parameterValues(match) : undefined;
}
