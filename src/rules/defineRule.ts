import type { ConfiguredSettings, JsonSchema } from '../config/schema.js';
import type { Finding, NotEvaluated, ResourceRef } from '../model/finding.js';
import type { RuleInputs } from '../model/inputs.js';
import type { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/k8s.js';
import type { Severity } from '../model/severity.js';
import type { Location, PathSegment } from '../model/source.js';

export type RuleFamily = 'aks' | 'workload' | 'rbac' | 'network' | 'cross';

/** How to fix what a rule reports, per medium. Rules may also give a per-finding fix. */
export interface RuleFix {
  /** `az aks create/update` command(s). */
  az?: string;
  /** Terraform attribute changes. */
  terraform?: string;
  /** Manifest change (YAML snippet or prose). */
  manifest?: string;
}

/**
 * A rule parameter: its default and a one-line description, so `aksguard rules ID` can document it, and its JSON
 * Schema when the default's type does not say it all (an empty list, a version pattern); the configuration schema
 * is generated from these.
 */
export interface RuleParam<T = unknown> {
  default: T;
  description: string;
  schema?: JsonSchema;
}

export interface RuleMeta {
  /** Stable, never reused (`AKS-NET-03`, `WL-SEC-committedSecret`). Equals the file name. */
  id: string;
  title: string;
  /** Why it matters, one paragraph. */
  description: string;
  severity: Severity;
  family: RuleFamily;
  /**
   * What the rule reads: Kubernetes kinds and Azure resources. A live collector lists exactly the union of the
   * enabled rules' inputs; a rule whose inputs were not fully read (a 403 on a list, a timeout) is not evaluated.
   */
  inputs: RuleInputs;
  /** Named in the product brief (the AKS security course). */
  seed?: boolean;
  /** Cross-references: CIS, Checkov, kubescape, Azure Policy ... */
  refs?: string[];
  fix?: RuleFix;
  params?: Record<string, RuleParam>;
}

export interface ReportInput {
  /** The Kubernetes object at fault, or give `resource` + `location` for non-Kubernetes resources. */
  object?: K8sObject;
  resource?: ResourceRef;
  /** Path of the offending field inside `object`; the finding points at the deepest part of it that exists. */
  path?: readonly PathSegment[];
  location?: Location;
  message: string;
  /** Overrides the rule's severity for this finding (e.g. SYS_ADMIN is worse than other capabilities). */
  severity?: Severity;
  evidence?: Record<string, unknown>;
  fix?: string;
  /** Extra identity for the fingerprint when one resource yields several findings (e.g. a container name). */
  key?: string;
}

export interface NotEvaluatedInput {
  object?: K8sObject;
  resource?: ResourceRef;
  location?: Location;
  reason: string;
}

/**
 * The settings of a scan that rules read, typed from their schemas (`SETTING_SCHEMAS` in src/config/schema.ts):
 * the configuration's `settings:` and the command line are checked against the same schemas, so a rule never meets a
 * value of another type.
 */
export interface ScanSettings extends ConfiguredSettings {
  /** Namespace assumed for namespaced objects that do not name one. */
  defaultNamespace: string;
  pssLevel: NonNullable<ConfiguredSettings['pssLevel']>;
  pssVersion: string;
  netpolEngine: NonNullable<ConfiguredSettings['netpolEngine']>;
  /** Folder that relative file settings (e.g. `azureRoleAssignmentsFile`) are read from. */
  cwd?: string;
}

/** Settings of a scan that neither the command line nor the configuration sets. */
export function defaultSettings(): ScanSettings {
  return { defaultNamespace: 'default', pssLevel: 'restricted', pssVersion: 'latest', netpolEngine: 'auto' };
}

export interface RuleContext {
  readonly inventory: Inventory;
  readonly settings: ScanSettings;
  /** The rule's parameters: defaults merged with the configuration file. */
  readonly params: Record<string, unknown>;
  /**
   * False when the run keeps no evidence (the webhook's lean run, src/serve/ruleRun.ts): a rule may leave out
   * `evidence` that costs work to build. Absent (a scan): evidence is kept.
   */
  readonly keepsEvidence?: boolean;
  report(input: ReportInput): void;
  notEvaluated(input: NotEvaluatedInput): void;
  /** Shared per-scan cache, so engines (pss, rbac, netpol) are computed once for all rules that need them. */
  memo<T>(key: string, compute: () => T): T;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  if (!/^[A-Z]+(-[A-Za-z0-9_]+)+$/.test(rule.id)) throw new Error(`invalid rule id ${rule.id}`);
  return Object.freeze(rule);
}

export type { Finding, NotEvaluated };
