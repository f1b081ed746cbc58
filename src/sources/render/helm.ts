import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import type { SourceDocument } from '../../load/document.js';
import { parseYamlFile } from '../../load/yaml.js';
import { countRead, emptyCoverage } from '../../model/coverage.js';
import type { LoadIssue } from '../../model/inventory.js';
import type { Location, PathSegment, RenderOrigin } from '../../model/source.js';
import type { Found, Renderer } from './binaries.js';
import { runProgram } from './exec.js';
import { TemplateTrace, type TracedField } from './helmTrace.js';
import { DEFAULT_RELEASE_NAME, type RenderContext, type RenderResult, type RenderSettings } from './types.js';

export interface HelmRenderOptions {
  helm: Found<Renderer>;
  settings: RenderSettings;
  context: RenderContext;
  /** Values given by a GitOps object (HelmRelease `spec.values`, Argo CD `values` then `valuesObject`), after the files. */
  inlineValues?: readonly unknown[];
  /** Values files, in order (the scan's `--values` for a chart found in the walk; Argo CD `valueFiles`). */
  valueFiles?: readonly string[];
  /** `--set` assignments, in order (the scan's `--set`; Argo CD `parameters`). */
  set?: readonly string[];
  releaseName?: string;
  namespace?: string;
  via?: RenderOrigin['via'];
  /** Receives helm's output as rendered (golden files and their test). */
  onOutput?: (output: string) => void;
}

/** One manifest of `helm template` output: the template it came from and its text. */
export interface HelmManifest {
  /** As helm prints it: `web/templates/deployment.yaml`, `web/charts/redis/templates/svc.yaml`. */
  source: string;
  text: string;
  /** Line of the manifest's first line in the whole output (1-based). */
  line: number;
}

/**
 * Splits `helm template` output on its `---` + `# Source: CHART/PATH` headers (helm's releaseutil prints one header
 * per manifest, hooks and CRDs included).
 */
export function splitHelmOutput(output: string): HelmManifest[] {
  const lines = output.split('\n');
  const manifests: HelmManifest[] = [];
  let current: { source: string; start: number; lines: string[] } | undefined;
  const flush = (): void => {
    if (current?.lines.some((line) => line.trim() !== ''))
      manifests.push({ source: current.source, text: current.lines.join('\n'), line: current.start });
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const header = /^# Source: (.+)$/.exec(line);
    if (header && (index === 0 || /^---\s*$/.test(lines[index - 1]!))) {
      if (current && current.lines.length > 0 && /^---\s*$/.test(current.lines[current.lines.length - 1]!))
        current.lines.pop();
      flush();
      current = { source: header[1]!.trim(), start: index + 2, lines: [] };
      continue;
    }
    current?.lines.push(line);
  }
  if (current && current.lines.length > 0 && /^---\s*$/.test(current.lines[current.lines.length - 1]!))
    current.lines.pop();
  flush();
  return manifests;
}

/** The chart's name as `Chart.yaml` states it (helm's `# Source:` paths start with it, not with the folder's name). */
export function chartNameOf(folder: string): string | undefined {
  try {
    const text = readFileSync(join(folder, 'Chart.yaml'), 'utf8');
    const match = /^name:\s*["']?([^"'\s#]+)/m.exec(text);
    return match?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Renders a chart folder with `helm template` and returns its manifests as documents that point at their
 * templates. No helm: a `not-rendered` coverage entry ("helm not found"), never a silent pass.
 */
export async function renderHelmChart(folder: string, options: HelmRenderOptions): Promise<RenderResult> {
  const { settings, context } = options;
  const chart = context.display(folder);
  const result: RenderResult = { documents: [], issues: [], coverage: emptyCoverage() };
  const notRendered = (reason: string, cause?: string): RenderResult => {
    result.coverage.skipped.push({
      path: chart,
      category: 'not-rendered',
      reason: `Helm chart not rendered: ${reason}`,
      significant: true,
      ...(cause !== undefined ? { cause } : {}),
    });
    return result;
  };
  if ('missing' in options.helm)
    return notRendered(
      `${options.helm.missing} (install Helm 3 or 4, or give --helm-bin)`,
      options.helm.missing,
    );
  const chartName = chartNameOf(folder);
  if (chartName === undefined) {
    result.issues.push({
      level: 'error',
      file: join(chart, 'Chart.yaml'),
      message: 'Chart.yaml has no name',
    });
    return notRendered('Chart.yaml has no name');
  }

  const releaseName = options.releaseName ?? settings.releaseName ?? DEFAULT_RELEASE_NAME;
  const namespace = options.namespace ?? settings.namespace;
  const args = ['template', releaseName, folder, '--namespace', namespace, '--include-crds'];
  // A cluster always reports a full version (`v1.29.0`); `1.29` (as AKS and --k8s-version may write it) is that.
  if (settings.kubeVersion !== undefined)
    args.push('--kube-version', settings.kubeVersion.replace(/^v?(\d+\.\d+)$/, '$1.0'));
  for (const file of options.valueFiles ?? []) args.push('--values', resolve(context.cwd, file));
  if (settings.dependencyUpdate && settings.allowNetwork) args.push('--dependency-update');
  else {
    const missing = missingDependencies(folder);
    if (missing.length > 0)
      return notRendered(
        `dependencies ${missing.join(', ')} are not in charts/ (run \`helm dependency build\`, or scan with --allow-network --dependency-update)`,
      );
  }

  let temporary: string | undefined;
  for (const [index, values] of (options.inlineValues ?? []).entries()) {
    if (values === undefined || values === null) continue;
    temporary ??= mkdtempSync(join(tmpdir(), 'aksguard-values-'));
    const file = join(temporary, `values-${index}.json`);
    // JSON is YAML: helm reads it as a values file, with the types kept.
    writeFileSync(file, JSON.stringify(values));
    args.push('--values', file);
  }
  for (const assignment of options.set ?? []) args.push('--set', assignment);
  const run = await runProgram(options.helm.renderer.path, args, {
    cwd: folder,
    env: context.env,
    ...(settings.limits ? { limits: settings.limits } : {}),
  });
  if (temporary) rmSync(temporary, { recursive: true, force: true });
  if (!run.ok) {
    result.issues.push(helmError(run.reason, folder, chartName, context));
    return notRendered(`helm template failed: ${run.reason}`);
  }
  countRead(result.coverage, 'helm');
  options.onOutput?.(run.stdout);
  const mapped = documentsOfHelmOutput(run.stdout, {
    folder,
    chartName,
    namespace,
    context,
    ...(options.via ? { via: options.via } : {}),
  });
  result.documents.push(...mapped.documents);
  result.issues.push(...mapped.issues);
  const defaults: string[] = [];
  if (options.releaseName === undefined && settings.releaseName === undefined)
    defaults.push('--release-name');
  if (options.namespace === undefined && namespace === 'default') defaults.push('--namespace');
  result.issues.push({
    level: 'note',
    file: chart,
    message: `rendered with helm ${options.helm.renderer.version} as release "${releaseName}" in namespace "${namespace}"${
      defaults.length > 0 ? ` (defaults; set with ${defaults.join(' and ')})` : ''
    }`,
  });
  noteLookups(folder, chart, result.issues);
  return result;
}

/**
 * The documents of `helm template` output, each located in its template (`chart/templates/x.yaml` and the line of
 * the field where the template writes it) with the chart and template as its origin.
 */
export function documentsOfHelmOutput(
  output: string,
  options: {
    folder: string;
    chartName: string;
    namespace: string;
    context: RenderContext;
    via?: RenderOrigin['via'];
  },
): { documents: SourceDocument[]; issues: LoadIssue[] } {
  const { folder, chartName, namespace, context } = options;
  const chart = context.display(folder);
  const documents: SourceDocument[] = [];
  const issues: LoadIssue[] = [];
  const origins = new Map<string, RenderOrigin>();
  const traces = new Map<string, TemplateTrace | undefined>();
  for (const manifest of splitHelmOutput(output)) {
    const template = templatePathOf(manifest.source, chartName);
    // A template can print its own `# Source:` line; only paths inside the chart are read for tracing.
    const templateFile = resolve(folder, ...template.split('/'));
    const inside = templateFile.startsWith(folder + sep) && existsSync(templateFile);
    const shownFile = inside ? context.display(templateFile) : `${chart}/${template}`;
    let origin = origins.get(template);
    if (!origin) {
      origin = { chart, template, ...(options.via ? { via: options.via } : {}) };
      origins.set(template, origin);
    }
    if (!traces.has(template)) traces.set(template, inside ? readTrace(templateFile) : undefined);
    const parsed = parseYamlFile(shownFile, manifest.text);
    for (const issue of parsed.issues)
      issues.push({
        ...issue,
        message: `rendered by helm (${manifest.source}, line ${(issue.line ?? 1) + manifest.line - 1} of the output): ${issue.message}`,
      });
    for (const document of parsed.documents)
      documents.push(new HelmRenderedDocument(document, shownFile, traces.get(template), origin, namespace));
  }
  return { documents, issues };
}

/** `web/charts/redis/templates/svc.yaml` → `charts/redis/templates/svc.yaml` (the path inside the chart folder). */
export function templatePathOf(source: string, chartName: string): string {
  return source.startsWith(`${chartName}/`) ? source.slice(chartName.length + 1) : source;
}

function readTrace(file: string): TemplateTrace | undefined {
  try {
    return new TemplateTrace(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A rendered manifest located in its template: `locate` answers with template lines, not rendered ones. */
export class HelmRenderedDocument implements SourceDocument {
  readonly index: number;
  readonly value: unknown;

  constructor(
    rendered: SourceDocument,
    readonly file: string,
    private readonly trace: TemplateTrace | undefined,
    readonly origin: RenderOrigin,
    readonly defaultNamespace: string,
  ) {
    this.index = rendered.index;
    this.value = rendered.value;
  }

  /** The template line of a rendered field, and the `values.yaml` path that drives it when the template shows one. */
  traceField(path: readonly PathSegment[]): TracedField {
    const kind = (this.value as { kind?: unknown } | null)?.kind;
    return (
      this.trace?.trace(path, typeof kind === 'string' ? kind : '') ?? { line: 1, column: 1, exact: false }
    );
  }

  valuePath(path: readonly PathSegment[]): string | undefined {
    return this.traceField(path).valuePath;
  }

  locate(path: readonly PathSegment[]): Location {
    const traced = this.traceField(path);
    return { file: this.file, line: traced.line, column: traced.column };
  }
}

/**
 * Dependencies of `Chart.yaml` that are neither a folder nor an archive in `charts/`: helm refuses to render
 * without them, and fetching them needs the network.
 */
function missingDependencies(folder: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(folder, 'Chart.yaml'), 'utf8');
  } catch {
    return [];
  }
  const parsed = parseYamlFile('Chart.yaml', text).documents[0]?.value as
    | { dependencies?: { name?: unknown; alias?: unknown; condition?: unknown }[] }
    | undefined;
  const dependencies = Array.isArray(parsed?.dependencies) ? parsed.dependencies : [];
  if (dependencies.length === 0) return [];
  let present: string[] = [];
  try {
    present = readdirSync(join(folder, 'charts'));
  } catch {
    present = [];
  }
  const presentNames = new Set<string>();
  for (const entry of present) {
    if (entry.endsWith('.tgz')) presentNames.add(entry.replace(/-\d[^/]*\.tgz$/, ''));
    else {
      const name = chartNameOf(join(folder, 'charts', entry));
      if (name !== undefined) presentNames.add(name);
    }
  }
  return dependencies
    .map((dependency) => dependency?.name)
    .filter((name): name is string => typeof name === 'string' && !presentNames.has(name));
}

/** helm's errors name `CHART/templates/x.yaml:LINE:COL`; the issue points at that file and line. */
function helmError(reason: string, folder: string, chartName: string, context: RenderContext): LoadIssue {
  const at = /\(?((?:[\w.-]+\/)+[\w.-]+\.(?:ya?ml|tpl|txt|json)):(\d+)(?::(\d+))?/.exec(reason);
  const issue: LoadIssue = {
    level: 'error',
    file: context.display(folder),
    message: `helm template failed: ${reason}`,
  };
  if (at) {
    const file = join(folder, ...templatePathOf(at[1]!, chartName).split('/'));
    if (file.startsWith(folder + sep) && existsSync(file)) {
      issue.file = context.display(file);
      issue.line = Number(at[2]);
      if (at[3] !== undefined) issue.column = Number(at[3]);
    }
  }
  return issue;
}

/**
 * `lookup` reads the live cluster; `helm template` runs without one, so it returns an empty map and the objects
 * built from it may differ from what an install creates (helm docs, "Using the lookup function").
 */
function noteLookups(folder: string, chart: string, issues: LoadIssue[]): void {
  const visit = (directory: string, depth: number): void => {
    if (depth > 8) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path, depth + 1);
      else if (/\.(ya?ml|tpl|txt)$/.test(entry.name)) {
        let text: string;
        try {
          text = readFileSync(path, 'utf8');
        } catch {
          continue;
        }
        const index = text.search(/\{\{[^}]*\blookup\s/);
        if (index === -1) continue;
        const line = text.slice(0, index).split('\n').length;
        issues.push({
          level: 'note',
          file: `${chart}/${path
            .slice(folder.length + 1)
            .split(sep)
            .join('/')}`,
          line,
          message:
            'uses `lookup`, which returns nothing when rendering offline (helm template): objects built from it may differ in the cluster',
        });
      }
    }
  };
  visit(join(folder, 'templates'), 0);
  visit(join(folder, 'charts'), 0);
}
