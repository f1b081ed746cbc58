import { relative, resolve } from 'node:path';
import type { CliIo } from './cli/io.js';
import { readBaseline } from './config/baseline.js';
import { clusterTiesOf } from './config/clusters.js';
import {
  type AksguardConfig,
  ConfigError,
  emptyConfig,
  findConfigFile,
  loadConfigFile,
} from './config/config.js';
import { applyWaivers } from './config/waivers.js';
import { loadSources } from './load/index.js';
import { tiesOf } from './load/scopes.js';
import type { Finding } from './model/finding.js';
import type { Inventory } from './model/inventory.js';
import { compareCodePoints } from './model/order.js';
import { SEVERITIES, type Severity, severityRank } from './model/severity.js';
import type { Report } from './report/report.js';
import { SCHEMA_VERSION } from './report/report.js';
import { defaultSettings, type Rule, type RuleFamily, type ScanSettings } from './rules/defineRule.js';
import { foldFindings } from './rules/fold.js';
import { allRules } from './rules/index.js';
import { inputsOfRules } from './rules/inputs.js';
import { runRules } from './rules/runRules.js';
import { pathSources } from './sources/index.js';
import { defaultRenderSettings, type RenderSettings } from './sources/render/types.js';
import type { Source } from './sources/source.js';
import { VERSION } from './version.js';

export interface ScanOptions {
  /** Files, folders (a folder written by `aksguard snapshot` is read as that snapshot), or `-` for standard input. */
  paths: readonly string[];
  /** Live sources (a Kubernetes API server, Azure Resource Manager) read beside the paths. */
  sources?: readonly Source[];
  exclude?: readonly string[];
  /** AKS cluster definitions given explicitly. */
  clusterFiles?: readonly string[];
  /** Terraform variable files loaded after the automatic ones, as `terraform plan -var-file` does. */
  tfVarFiles?: readonly string[];
  /** Path of the configuration file; `false` to use none; default: `.aksguard.yaml` found upward from `cwd`. */
  config?: string | false | AksguardConfig;
  /** Scan settings (engine choice, PSS defaults ...); override the configuration's `settings`. */
  settings?: Partial<ScanSettings>;
  /** Only these rules (ids or id prefixes like `WL-SEC-`); default: every enabled rule. */
  only?: readonly string[];
  families?: readonly RuleFamily[];
  /** Report only findings whose fingerprint is not in this baseline file. */
  baseline?: string;
  maxFileSize?: number;
  /** Most YAML documents read from one file; a file with more is refused (an input error). */
  maxDocuments?: number;
  cwd?: string;
  io?: Pick<CliIo, 'readStdin'>;
  /** `YYYY-MM-DD`, for waiver expiry; default today (UTC). */
  today?: string;
  /** Progress callback for long scans. */
  onProgress?: (stage: string) => void;
  /** Called as each step after loading ends (`bench/phases.ts` times them). */
  onPhase?: (phase: 'rules' | 'fold' | 'waivers' | 'sort') => void;
  /** The catalogue to use; default: all rules. */
  rules?: readonly Rule[];
  /** Called with the loaded inventory and the effective settings (the HTML report draws graphs from them). */
  onInventory?: (inventory: Inventory, settings: ScanSettings) => void;
  /** How Helm charts and Kustomize overlays are rendered; default: programs on PATH, nothing fetched. */
  render?: RenderSettings;
  /** Environment of the renderer processes (PATH); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * Fold findings strictly implied by another on the same subject into it (`evidence.implies`), e.g. the 27 powers
   * of a cluster-admin binding into RBAC-ADM-001 (default true; `--no-fold` sets false).
   */
  fold?: boolean;
}

export function resolveConfig(
  config: ScanOptions['config'],
  cwd: string,
  catalogue: readonly Rule[] = allRules,
): AksguardConfig {
  if (config === false) return emptyConfig();
  if (typeof config === 'object') return config;
  const file = config !== undefined ? resolve(cwd, config) : findConfigFile(cwd);
  if (!file) return emptyConfig();
  const loaded = loadConfigFile(file, catalogue);
  // Shown relative to the working directory, like every other location (DESIGN §5).
  loaded.file = relative(cwd, file) || file;
  return loaded;
}

/**
 * Which rules run: the catalogue, minus rules disabled in the configuration, narrowed by `only`/`families`. An id in
 * `only` that names no rule (nor, ending in `-`, a prefix of one) is a configuration error, never an empty scan.
 */
export function selectRules(options: ScanOptions, config: AksguardConfig): Rule[] {
  const catalogue = options.rules ?? allRules;
  for (const id of options.only ?? [])
    if (!catalogue.some((rule) => rule.id === id || (id.endsWith('-') && rule.id.startsWith(id))))
      throw new ConfigError(`--rule ${id}: no such rule (aksguard rules lists them)`);
  return catalogue.filter((rule) => {
    if (config.rules[rule.id]?.enabled === false) return false;
    if (options.families && !options.families.includes(rule.family)) return false;
    if (
      options.only &&
      !options.only.some((id) => rule.id === id || (id.endsWith('-') && rule.id.startsWith(id)))
    )
      return false;
    return true;
  });
}

/**
 * The library API: scans files and folders and returns the same report object the JSON reporter prints.
 * Throws `ConfigError` for an invalid configuration or baseline; bad input files are reported in `errors`.
 */
export async function scan(options: ScanOptions): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const config = resolveConfig(options.config, cwd, options.rules ?? allRules);
  const settings: ScanSettings = { ...defaultSettings(), ...config.settings, ...options.settings };
  options.onProgress?.('reading inputs');
  const rules = selectRules(options, config);
  // The role-assignments file is an input of the RBAC rules, not a manifest, even when it sits among the paths.
  const exclude = [...(options.exclude ?? [])];
  if (typeof settings.azureRoleAssignmentsFile === 'string') {
    const file = relative(cwd, resolve(cwd, settings.azureRoleAssignmentsFile));
    if (!file.startsWith('..')) exclude.push(file.split('\\').join('/'));
  }
  const render = { ...(options.render ?? defaultRenderSettings(settings.defaultNamespace)) };
  // Charts render for the cluster's version: the one given, else the cluster definition's (sources/files.ts).
  if (render.kubeVersion === undefined && typeof settings.k8sVersion === 'string')
    render.kubeVersion = settings.k8sVersion;
  const sources = [
    ...pathSources({
      paths: options.paths,
      cwd,
      render,
      ...(options.env ? { env: options.env } : {}),
      ...(exclude.length > 0 ? { exclude } : {}),
      ...(options.clusterFiles ? { clusterFiles: options.clusterFiles } : {}),
      ...(options.tfVarFiles ? { tfVarFiles: options.tfVarFiles } : {}),
      ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
      ...(options.maxDocuments !== undefined ? { maxDocuments: options.maxDocuments } : {}),
      ...(options.io ? { io: options.io } : {}),
    }),
    ...(options.sources ?? []),
  ];
  const inventory = await loadSources(sources, {
    defaultNamespace: settings.defaultNamespace,
    inputs: inputsOfRules(rules),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    cwd,
    ties: tiesOf(options.clusterFiles ?? [], clusterTiesOf(config.clusters, config.file, cwd), cwd),
  });
  options.onProgress?.(`checking ${inventory.objects.length} objects`);
  options.onInventory?.(inventory, settings);
  return scanInventory(inventory, { ...options, cwd }, config, settings);
}

export function scanInventory(
  inventory: Inventory,
  options: ScanOptions,
  config: AksguardConfig,
  settings: ScanSettings,
): Report {
  const rules = selectRules(options, config);
  const params: Record<string, Record<string, unknown>> = {};
  const severities: Record<string, Severity> = {};
  for (const [id, ruleConfig] of Object.entries(config.rules)) {
    if (ruleConfig.params) params[id] = ruleConfig.params;
    if (ruleConfig.severity) severities[id] = ruleConfig.severity;
  }
  const run = runRules(inventory, rules, {
    settings,
    params,
    severities,
    ...(options.onProgress
      ? {
          onRule: (rule: Rule, index: number, total: number) =>
            options.onProgress?.(`rule ${index + 1}/${total} ${rule.id}`),
        }
      : {}),
  });
  options.onPhase?.('rules');
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  // Folded before waivers: waiving the implying finding accepts what it implies.
  const reported = options.fold === false ? run.findings : foldFindings(run.findings);
  options.onPhase?.('fold');
  const waived = applyWaivers(reported, inventory, config, today);
  options.onPhase?.('waivers');
  let findings = waived.findings;
  let baseline: Report['baseline'];
  if (options.baseline) {
    const accepted = readBaseline(resolve(options.cwd ?? process.cwd(), options.baseline), options.baseline);
    const before = findings.length;
    findings = findings.filter((finding) => !accepted.has(finding.fingerprint));
    baseline = { file: options.baseline, suppressed: before - findings.length };
  }
  sortFindings(findings);
  options.onPhase?.('sort');
  const summary = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) summary[finding.severity]++;
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'aksguard', version: VERSION },
    summary,
    findings,
    notEvaluated: run.notEvaluated,
    waived: waived.waived,
    waivers: waived.audit,
    errors: [...inventory.issues.filter((issue) => issue.level === 'error'), ...run.failures],
    notes: inventory.issues.filter((issue) => issue.level === 'note'),
    inputs: {
      files: inventory.files.length,
      objects: inventory.objects.length,
      clusters: inventory.clusters.length,
      rules: rules.length,
    },
    coverage: inventory.coverage,
  };
  if (baseline) report.baseline = baseline;
  return report;
}

/**
 * Worst first, then by file, line and column, then rule, resource and message: a total order in code points, so
 * every format lists findings in the same order on every machine (no locale) and for any order of the arguments.
 */
export function sortFindings(findings: Finding[]): void {
  findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compareCodePoints(a.location?.file ?? '', b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      compareCodePoints(a.ruleId, b.ruleId) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      compareCodePoints(a.resource.kind, b.resource.kind) ||
      compareCodePoints(a.resource.namespace ?? '', b.resource.namespace ?? '') ||
      compareCodePoints(a.resource.name, b.resource.name) ||
      compareCodePoints(a.message, b.message) ||
      compareCodePoints(a.fingerprint, b.fingerprint),
  );
}
