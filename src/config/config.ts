import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseYamlFile } from '../load/yaml.js';
import { isSeverity, type Severity } from '../model/severity.js';
import { type ClusterTieConfig, parseClusterTies } from './clusters.js';

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
  failOn?: Severity | 'none';
  settings: Record<string, unknown>;
  /** Which manifests run on which cluster (`clusters:`), see `config/clusters.ts`. */
  clusters?: ClusterTieConfig[];
}

export class ConfigError extends Error {}

export function emptyConfig(): AksguardConfig {
  return { rules: {}, waivers: [], allowAnnotationWaivers: true, settings: {} };
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

export function loadConfigFile(file: string): AksguardConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read configuration: ${(error as Error).message}`);
  }
  return parseConfig(text, file);
}

/** Validates the configuration strictly: a mistyped key is an error, never silently ignored (kubescape #559). */
export function parseConfig(text: string, file: string): AksguardConfig {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100, logLevel: 'error' }) ?? {};
  } catch (error) {
    throw new ConfigError(`${file}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const fail = (message: string): never => {
    throw new ConfigError(`${file}: ${message}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    fail('the configuration must be a map');
  const root = data as Record<string, unknown>;
  const known = new Set(['rules', 'waivers', 'allowAnnotationWaivers', 'failOn', 'settings', 'clusters']);
  for (const key of Object.keys(root))
    if (!known.has(key)) fail(`unknown key "${key}" (known: ${[...known].join(', ')})`);
  const config = emptyConfig();
  config.file = file;

  const rules = root.rules ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules))
    fail('"rules" must be a map of rule id to settings');
  for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
    if (value === 'off' || value === false) config.rules[id] = { enabled: false };
    else if (value === 'on' || value === true) config.rules[id] = { enabled: true };
    else if (isSeverity(value)) config.rules[id] = { severity: value };
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const entry = value as Record<string, unknown>;
      for (const key of Object.keys(entry))
        if (!['enabled', 'severity', 'params'].includes(key)) fail(`rules.${id}: unknown key "${key}"`);
      const rule: RuleConfig = {};
      if (entry.enabled !== undefined) {
        if (typeof entry.enabled !== 'boolean') fail(`rules.${id}.enabled must be true or false`);
        rule.enabled = entry.enabled as boolean;
      }
      if (entry.severity !== undefined) {
        if (!isSeverity(entry.severity))
          fail(`rules.${id}.severity must be critical, high, medium, low or info`);
        rule.severity = entry.severity as Severity;
      }
      if (entry.params !== undefined) {
        if (typeof entry.params !== 'object' || entry.params === null || Array.isArray(entry.params))
          fail(`rules.${id}.params must be a map`);
        rule.params = entry.params as Record<string, unknown>;
      }
      config.rules[id] = rule;
    } else fail(`rules.${id}: expected off, on, a severity, or a map with enabled/severity/params`);
  }

  const waivers = root.waivers ?? [];
  if (!Array.isArray(waivers)) fail('"waivers" must be a list');
  const lines = waiverLines(text, Array.isArray(waivers) ? waivers.length : 0);
  (waivers as unknown[]).forEach((value, index) => {
    if (typeof value !== 'object' || value === null) fail(`waivers[${index}] must be a map`);
    const entry = value as Record<string, unknown>;
    for (const key of Object.keys(entry))
      if (!['rule', 'resource', 'reason', 'expires'].includes(key))
        fail(`waivers[${index}]: unknown key "${key}"`);
    if (typeof entry.rule !== 'string' || entry.rule === '') fail(`waivers[${index}].rule is required`);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '')
      fail(`waivers[${index}].reason is required: say why the finding is accepted`);
    const waiver: WaiverConfig = { rule: entry.rule as string, reason: (entry.reason as string).trim() };
    const line = lines[index];
    if (line !== undefined) waiver.line = line;
    if (entry.expires !== undefined) {
      const expires =
        entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : String(entry.expires);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(expires)))
        fail(`waivers[${index}].expires must be a date like 2027-01-31`);
      waiver.expires = expires;
    }
    if (entry.resource !== undefined) {
      if (typeof entry.resource !== 'object' || entry.resource === null || Array.isArray(entry.resource))
        fail(`waivers[${index}].resource must be a map with kind, namespace and/or name`);
      const selector: ResourceSelector = {};
      for (const [key, selectorValue] of Object.entries(entry.resource as Record<string, unknown>)) {
        if (!['kind', 'namespace', 'name'].includes(key))
          fail(`waivers[${index}].resource: unknown key "${key}"`);
        if (typeof selectorValue !== 'string') fail(`waivers[${index}].resource.${key} must be a string`);
        selector[key as keyof ResourceSelector] = selectorValue as string;
      }
      waiver.resource = selector;
    }
    config.waivers.push(waiver);
  });

  if (root.allowAnnotationWaivers !== undefined) {
    if (typeof root.allowAnnotationWaivers !== 'boolean')
      fail('"allowAnnotationWaivers" must be true or false');
    config.allowAnnotationWaivers = root.allowAnnotationWaivers as boolean;
  }
  if (root.failOn !== undefined) {
    if (root.failOn !== 'none' && !isSeverity(root.failOn)) fail('"failOn" must be a severity or none');
    config.failOn = root.failOn as Severity | 'none';
  }
  if (root.clusters !== undefined)
    config.clusters = parseClusterTies(root.clusters, fail, (index) => entryLine(text, 'clusters', index));
  if (root.settings !== undefined) {
    if (typeof root.settings !== 'object' || root.settings === null || Array.isArray(root.settings))
      fail('"settings" must be a map');
    config.settings = root.settings as Record<string, unknown>;
  }
  return config;
}

/** Line of item `index` of a top-level list. */
function entryLine(text: string, key: string, index: number): number | undefined {
  const document = parseYamlFile('config', text).documents[0];
  return document?.locate([key, index]).line;
}

/** Line number of each item of the top-level `waivers:` list, so the audit can point at it. */
function waiverLines(text: string, count: number): number[] {
  const document = parseYamlFile('config', text).documents[0];
  if (!document) return [];
  return Array.from({ length: count }, (_, index) => document.locate(['waivers', index]).line);
}
