import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lazyRequire } from '../lazyRequire.js';
import { parseYamlFile } from '../load/yaml.js';
import { isJsonObject } from '../model/json.js';
import { isSeverity, type Severity } from '../model/severity.js';
import type { PathSegment } from '../model/source.js';
import { allRules } from '../rules/index.js';
import { type ClusterTieConfig, clusterTiesOfConfig } from './clusters.js';
import { ConfigError } from './configError.js';
import type { CatalogueEntry, ConfiguredSettings } from './schema.js';
import { checkConfig } from './validate.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

export const CONFIG_FILE_NAMES = ['.aksguard.yaml', '.aksguard.yml'];

export interface RuleConfig {
  enabled?: boolean;
  severity?: Severity;
  params?: Record<string, unknown>;
}

export interface ResourceSelector {
  kind?: string;
  namespace?: string;
  name?: string;
}

export interface WaiverConfig {
  rule: string;
  resource?: ResourceSelector;
  reason: string;
  /** ISO date (`2027-01-31`); the waiver stops applying after that day. */
  expires?: string;
  /** Line of the waiver in the config file, for the audit. */
  line?: number;
}

export interface AksguardConfig {
  /** Where the configuration came from (undefined: built-in defaults). */
  file?: string;
  rules: Record<string, RuleConfig>;
  waivers: WaiverConfig[];
  /** Annotation waivers (`aksguard.io/ignore`) are honoured unless this is false: whoever can edit a workload could otherwise exempt it. */
  allowAnnotationWaivers: boolean;
  /** Whether an annotation may waive every rule (`aksguard.io/ignore: "*: reason"`); refused unless set. */
  allowAnnotationWaiveAll?: boolean;
  failOn?: Severity | 'none';
  settings: ConfiguredSettings;
  /** Which manifests run on which cluster (`clusters:`), see `config/clusters.ts`. */
  clusters?: ClusterTieConfig[];
}

export { ConfigError } from './configError.js';

export function emptyConfig(): AksguardConfig {
  return {
    rules: {},
    waivers: [],
    allowAnnotationWaivers: true,
    allowAnnotationWaiveAll: false,
    settings: {},
  };
}

/** `.aksguard.yaml` from `start` upward to the filesystem root, like ESLint and cosmiconfig search. */
export function findConfigFile(start: string): string | undefined {
  let directory = resolve(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

export function loadConfigFile(
  file: string,
  catalogue: readonly CatalogueEntry[] = allRules,
): AksguardConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read configuration: ${(error as Error).message}`);
  }
  return parseConfig(text, file, catalogue);
}

/**
 * Validates the configuration strictly against the schema generated from the catalogue (src/config/schema.ts): a
 * mistyped key, an unknown rule id, parameter or setting, or a value of the wrong type is an error naming the file
 * and line, never silently ignored (kubescape #559) nor an internal error later.
 */
export function parseConfig(
  text: string,
  file: string,
  catalogue: readonly CatalogueEntry[] = allRules,
): AksguardConfig {
  let data: unknown;
  try {
    data = yaml().parse(text, { maxAliasCount: 100, logLevel: 'error' }) ?? {};
  } catch (error) {
    throw new ConfigError(`${file}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const fail = (message: string, path: readonly PathSegment[] = []): never => {
    const line = path.length > 0 ? lineOf(text, path) : undefined;
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: ${message}`);
  };
  if (!isJsonObject(data)) return fail('the configuration must be a map');
  normaliseDates(data);
  const problem = checkConfig(data, catalogue);
  if (problem) fail(problem.message, problem.path);

  const config = emptyConfig();
  config.file = file;
  const rules = (data.rules ?? {}) as Record<string, unknown>;
  for (const id of Object.keys(rules)) {
    const value = rules[id];
    if (value === 'off' || value === false) config.rules[id] = { enabled: false };
    else if (value === 'on' || value === true) config.rules[id] = { enabled: true };
    else if (isSeverity(value)) config.rules[id] = { severity: value };
    else config.rules[id] = value as RuleConfig;
  }
  const ids = catalogue.map((rule) => rule.id);
  ((data.waivers ?? []) as WaiverConfig[]).forEach((entry, index) => {
    // A waiver for a rule that does not exist waives nothing: a typo, reported like an unknown rule id.
    if (!ids.some((id) => waiverRuleMatches(entry.rule, id)))
      fail(`waivers[${index}].rule matches no rule (aksguard rules lists them)`, ['waivers', index, 'rule']);
    if (entry.expires !== undefined && Number.isNaN(Date.parse(entry.expires)))
      fail(`waivers[${index}].expires must be a date like 2027-01-31`, ['waivers', index, 'expires']);
    const waiver: WaiverConfig = { rule: entry.rule, reason: entry.reason.trim() };
    const line = lineOf(text, ['waivers', index]);
    if (line !== undefined) waiver.line = line;
    if (entry.expires !== undefined) waiver.expires = entry.expires;
    if (entry.resource !== undefined) waiver.resource = { ...entry.resource };
    config.waivers.push(waiver);
  });
  if (typeof data.allowAnnotationWaivers === 'boolean')
    config.allowAnnotationWaivers = data.allowAnnotationWaivers;
  if (typeof data.allowAnnotationWaiveAll === 'boolean')
    config.allowAnnotationWaiveAll = data.allowAnnotationWaiveAll;
  if (data.failOn !== undefined) config.failOn = data.failOn as Severity | 'none';
  if (data.settings !== undefined) config.settings = data.settings as ConfiguredSettings;
  if (data.clusters !== undefined)
    config.clusters = clusterTiesOfConfig(data.clusters as ClusterTieConfig[], (index) =>
      lineOf(text, ['clusters', index]),
    );
  return config;
}

/** `WL-*` matches every rule starting with `WL-`; `*` every rule. */
export function waiverRuleMatches(pattern: string, ruleId: string): boolean {
  if (pattern === '*' || pattern === ruleId) return true;
  return pattern.endsWith('*') && ruleId.startsWith(pattern.slice(0, -1));
}

/** A YAML timestamp read as a date becomes the `2027-01-31` string the schema expects. */
function normaliseDates(data: Record<string, unknown>): void {
  if (!Array.isArray(data.waivers)) return;
  for (const waiver of data.waivers)
    if (isJsonObject(waiver) && waiver.expires instanceof Date)
      waiver.expires = waiver.expires.toISOString().slice(0, 10);
}

/** Line of a value of the configuration (the deepest part of the path that exists). */
function lineOf(text: string, path: readonly PathSegment[]): number | undefined {
  const document = parseYamlFile('config', text).documents[0];
  return document?.locate(path).line;
}
