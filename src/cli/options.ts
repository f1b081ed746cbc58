import { type Command, Option } from 'commander';
import type { SettingName } from '../config/schema.js';
import { checkSetting } from '../config/validate.js';
import { isSeverity, type Severity } from '../model/severity.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../report/format.js';
import type { ScanSettings } from '../rules/defineRule.js';
import {
  DEFAULT_RENDER_CONCURRENCY,
  defaultRenderSettings,
  type RenderSettings,
} from '../sources/render/types.js';
import { UsageError } from './io.js';

/** `-o` value, or the default: a table on a terminal, JSON for programs (DESIGN §7). */
export function outputFormat(value: string | undefined, stdoutIsTTY: boolean): OutputFormat {
  if (value === undefined) return stdoutIsTTY ? 'table' : 'json';
  const format = value.toLowerCase() === 'md' ? 'markdown' : value.toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`unknown output format "${value}" (use ${OUTPUT_FORMATS.join(', ')})`);
  return format as OutputFormat;
}

export function severityThreshold(value: string, flag: string): Severity | 'none' {
  const lower = value.toLowerCase();
  if (lower === 'none' || isSeverity(lower)) return lower as Severity | 'none';
  throw new UsageError(`${flag} must be critical, high, medium, low, info or none (got "${value}")`);
}

/** `20971520`, `20MB`, `20MiB`, `512k`. */
export function byteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!match) throw new UsageError(`--max-file-size must be a size like 20MiB (got "${value}")`);
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(match[1]) * factor);
}

/** `--max-documents`: a positive whole number. */
export function documentCount(value: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value.trim()))
    throw new UsageError(`--max-documents must be a positive whole number (got "${value}")`);
  return Number(value.trim());
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The flags of every command that reads manifests: how Helm charts and Kustomize overlays are rendered. */
export interface RenderFlags {
  helmBin?: string;
  kustomizeBin?: string;
  values?: string[];
  set?: string[];
  releaseName?: string;
  allowNetwork?: boolean;
  dependencyUpdate?: boolean;
  renderConcurrency?: string;
}

export function withRenderOptions(command: Command): Command {
  return command
    .option('--helm-bin <path>', 'helm program (Helm 3 or 4) for charts (default: helm on PATH)')
    .option(
      '--kustomize-bin <path>',
      'kustomize or kubectl program for overlays (default: kustomize, else kubectl, on PATH)',
    )
    .option(
      '--values <file>',
      'values file for every chart rendered, as helm template --values (repeatable)',
      collect,
    )
    .option(
      '--set <key=value>',
      'value for every chart rendered, as helm template --set (repeatable)',
      collect,
    )
    .option('--release-name <name>', 'Helm release name (default: release-name, as helm template)')
    .option(
      '--allow-network',
      'allow remote Kustomize bases and Helm dependency downloads (off: nothing is fetched)',
    )
    .option('--dependency-update', 'helm template --dependency-update (needs --allow-network)')
    .option(
      '--render-concurrency <n>',
      'helm/kustomize processes at once',
      String(DEFAULT_RENDER_CONCURRENCY),
    );
}

/** Typed render settings from the flags; `namespace` is the command's `-n` (the Helm release namespace too). */
export function renderSettingsOf(
  flags: RenderFlags,
  namespace: string,
  kubeVersion?: string,
): RenderSettings {
  if (flags.dependencyUpdate && !flags.allowNetwork)
    throw new UsageError('--dependency-update downloads chart dependencies: add --allow-network to allow it');
  const concurrency = Number(flags.renderConcurrency ?? DEFAULT_RENDER_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError(
      `--render-concurrency must be a whole number from 1 to 64 (got "${flags.renderConcurrency}")`,
    );
  for (const assignment of flags.set ?? [])
    if (!/^[^=]+=/.test(assignment)) throw new UsageError(`--set ${assignment}: expected key=value`);
  const settings: RenderSettings = {
    ...defaultRenderSettings(namespace),
    values: flags.values ?? [],
    set: flags.set ?? [],
    allowNetwork: flags.allowNetwork === true,
    dependencyUpdate: flags.dependencyUpdate === true,
    concurrency,
  };
  if (flags.helmBin !== undefined) settings.helmBin = flags.helmBin;
  if (flags.kustomizeBin !== undefined) settings.kustomizeBin = flags.kustomizeBin;
  if (flags.releaseName !== undefined) settings.releaseName = flags.releaseName;
  if (kubeVersion !== undefined) settings.kubeVersion = kubeVersion;
  return settings;
}

/** A setting from the command line, checked against its schema: a usage error (exit 2) when it does not fit. */
export function setting<K extends SettingName>(
  name: K,
  value: string,
  flag: string,
): NonNullable<ScanSettings[K]> {
  const problem = checkSetting(name, value);
  if (problem) throw new UsageError(`${flag} ${problem} (got "${value}")`);
  return value as NonNullable<ScanSettings[K]>;
}

/** `--pss-level`: the Pod Security level of namespaces without labels (scan, serve, generate vap). */
export function pssLevelOption(): Option {
  return new Option('--pss-level <level>', 'Pod Security level for namespaces without labels').choices([
    'baseline',
    'restricted',
  ]);
}

/** `--pss-version`: the Pod Security version of namespaces without labels (scan, serve, generate vap). */
export function pssVersionOption(): Option {
  return new Option(
    '--pss-version <version>',
    'Pod Security version for namespaces without labels (v1.N or latest)',
  );
}
