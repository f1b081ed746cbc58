/**
 * What a scan read, and what it did not (DESIGN §2, §5). Every source (files, renderers, live APIs) adds to it,
 * and it travels to every report: nothing listed as skipped or unreadable is ever counted as a pass.
 */

/** The ways an input can be written; `read` counts inputs (files, or objects for live sources) by dialect. */
export type InputDialect =
  /** Kubernetes manifests, YAML or JSON (kubectl `List` output included). */
  | 'kubernetes'
  /** ARM resource bodies and `az aks show` / `az aks list` JSON. */
  | 'arm'
  /** ARM deployment templates and their parameters files. */
  | 'arm-template'
  | 'bicep'
  /** Terraform configuration (`.tf`, `.tfvars`, Terraform JSON). */
  | 'terraform'
  | 'terraform-plan'
  /** `az aks create/update` command lines in scripts and CI workflows. */
  | 'az-script'
  | 'helm'
  | 'kustomize'
  /** Objects read from a Kubernetes API server. */
  | 'kubernetes-api'
  /** Resources read from Azure Resource Manager or Azure Resource Graph. */
  | 'azure-api';

/** Why an input was not analysed, in categories a person or a CI gate can act on. */
export type SkipCategory =
  /** A Helm/Go template file seen outside its chart: not YAML until rendered. */
  | 'unrendered-template'
  /** A Helm chart or Kustomize overlay that was not rendered (no binary, render error, remote base refused). */
  | 'not-rendered'
  /** A Terraform or Bicep module from a registry or remote source, or a remote Helm/Kustomize/GitOps source. */
  | 'remote-source'
  /** A file in a format aksguard does not read yet, that looks like it defines a cluster or workloads. */
  | 'unsupported-format'
  /** Valid YAML/JSON that is neither a Kubernetes object nor an AKS cluster definition. */
  | 'not-kubernetes'
  /** Editor and tool configuration (`tsconfig.json`, `.vscode/*.json`, ...): recognised and left out. */
  | 'tool-config'
  /** A bound was reached (documents per file, objects, output); the rest of the input was not read. */
  | 'limit'
  /**
   * Manifests read, but tied to none of the several AKS clusters of the input: the cluster-specific checks left
   * them out (tie them with `clusters:` in the configuration or `--cluster`).
   */
  | 'not-tied';

export interface SkippedInput {
  /** File or folder as reported (relative to the working directory), or a module source / API path. */
  path: string;
  line?: number;
  category: SkipCategory;
  /** Says what was not read and how to get it read. */
  reason: string;
  /** A short cause the table line shows (`helm not found`), when the entry has one. */
  cause?: string;
  /**
   * The input may define a cluster or workloads (a Bicep file, a chart, a remote module), so leaving it out may
   * hide findings: the table counts these, and `--fail-on-skipped` fails on them.
   */
  significant: boolean;
}

/** A part of a live source that could not be read (a 403 or 404 on a list, a timeout). */
export interface UnreadableInput {
  /** The source: a kubeconfig context, `in-cluster`, or an Azure resource id / subscription. */
  source: string;
  /** Kubernetes kind (with its group when not core), or Azure resource type. */
  kind: string;
  group?: string;
  namespace?: string;
  reason: string;
}

export interface Coverage {
  /** Inputs read and understood, counted by dialect (files; objects for live sources). */
  read: Partial<Record<InputDialect, number>>;
  skipped: SkippedInput[];
  unreadable: UnreadableInput[];
}

/** Every dialect, in the order reports list them. */
export const INPUT_DIALECTS: readonly InputDialect[] = [
  'kubernetes',
  'arm',
  'arm-template',
  'bicep',
  'terraform',
  'terraform-plan',
  'az-script',
  'helm',
  'kustomize',
  'kubernetes-api',
  'azure-api',
];

/** `read` with its dialects in the fixed order above, whatever order the sources counted them in. */
export function orderedRead(read: Coverage['read']): Coverage['read'] {
  const out: Coverage['read'] = {};
  for (const dialect of INPUT_DIALECTS) if (read[dialect] !== undefined) out[dialect] = read[dialect];
  return out;
}

export function emptyCoverage(): Coverage {
  return { read: {}, skipped: [], unreadable: [] };
}

export function countRead(coverage: Coverage, dialect: InputDialect, count = 1): void {
  coverage.read[dialect] = (coverage.read[dialect] ?? 0) + count;
}

/** Adds `from` into `into` (several sources feed one scan). */
export function mergeCoverage(into: Coverage, from: Coverage): void {
  for (const [dialect, count] of Object.entries(from.read) as [InputDialect, number][])
    countRead(into, dialect, count);
  into.skipped.push(...from.skipped);
  into.unreadable.push(...from.unreadable);
}

/** Inputs whose absence from the analysis may hide findings. */
export function significantGaps(coverage: Coverage): number {
  return coverage.skipped.filter((entry) => entry.significant).length + coverage.unreadable.length;
}
