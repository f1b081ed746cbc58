/**
 * aksguard as a library. `scan` returns the same report object that `aksguard scan -o json` prints.
 *
 * ```ts
 * import { scan } from 'aksguard';
 * const report = await scan({ paths: ['manifests/', 'infra/'] });
 * ```
 */
export { type AksguardConfig, ConfigError, parseConfig } from './config/config.js';
export { configSchema } from './config/schema.js';
export { type FleetOptions, type FleetResult, scanFleet } from './fleet.js';
export { type GeneratedVap, type GenerateVapOptions, generateVap } from './generate/vap/index.js';
export { type LoadOptions, loadInventory } from './load/index.js';
export type { AksCluster, Unknown } from './model/aksCluster.js';
export type { Finding, NotEvaluated, ResourceRef } from './model/finding.js';
export type { Inventory, LoadIssue } from './model/inventory.js';
export type { K8sObject, PodTemplate } from './model/k8s.js';
export { SEVERITIES, type Severity } from './model/severity.js';
export type { Location } from './model/source.js';
export {
  type Chunks,
  OUTPUT_FORMATS,
  type OutputFormat,
  type OutputSink,
  render,
  renderChunks,
  renderTo,
} from './report/index.js';
export { type ReportFlavour, type ReportObject, reportObjects } from './report/policyReport.js';
export type { Report } from './report/report.js';
export { defineRule, type Rule, type RuleContext, type RuleMeta } from './rules/defineRule.js';
export { allRules, ruleById } from './rules/index.js';
export { type ScanOptions, scan, scanInventory } from './scan.js';
export { AdmissionEngine } from './serve/engine.js';
export { type RunningWebhook, type ServeOptions, startWebhook } from './serve/index.js';
export { filesSource } from './sources/files.js';
export { AzureClusterSource } from './sources/live/azure/source.js';
export { KubernetesSource, type KubernetesSourceOptions } from './sources/live/kubernetes/source.js';
export { snapshotSource, writeSnapshot } from './sources/snapshot.js';
export { type Source, type SourceOutput, type SourceReadOptions, sourceOf } from './sources/source.js';
export { VERSION } from './version.js';
