import { basename, dirname } from 'node:path';
import type { AksCluster } from '../../../model/aksCluster.js';
import type { SkippedInput } from '../../../model/coverage.js';
import type { LoadIssue } from '../../../model/inventory.js';
import { isJsonObject } from '../../../model/json.js';
import type { Location } from '../../../model/source.js';
import type { SourceDocument } from '../../document.js';
import { avmCluster, avmVersion } from './avm.js';
import { type ClusterEntry, clustersOfProgram, ROLE_ASSIGNMENT_MODULE } from './clusters.js';
import { collectDeclarations } from './declarations.js';
import { BudgetExceeded } from './evaluate.js';
import {
  type BicepFile,
  type LoadContext,
  type ModuleInstance,
  type ParamSource,
  Program,
  type RegistryModule,
  relativeTo,
} from './program.js';
import { bicepParser, parseWith, type SyntaxNode, textOf } from './syntax.js';
import { fromPlain, getProp, unk, type Val } from './values.js';

export interface BicepInput {
  /** `.bicep` and `.bicepparam` files found in the inputs. */
  files: { file: string; text: string }[];
  /** ARM parameters files (`main.parameters.json`) among the inputs. */
  parameterFiles: SourceDocument[];
  /** Reads a file the inputs do not hold (a module or a `using` template), bounded as the inputs are. */
  readFile?: (path: string) => { text: string } | { error: string };
  /** Files given with `--cluster`: one that yields no cluster is an error. */
  explicitFiles: ReadonlySet<string>;
}

export interface BicepResult {
  clusters: AksCluster[];
  issues: LoadIssue[];
  skipped: SkippedInput[];
  /** Bicep files read (inputs and the modules they call). */
  read: string[];
  /** ARM parameters files bound to a Bicep file. */
  consumed: Set<SourceDocument>;
}

/** Evaluation steps per deployment evaluated: the reference architectures need under 1,000; a bound for hostile input. */
const STEP_BUDGET = 200_000;

/**
 * Reads AKS clusters from Bicep: every `.bicep` file that is not a module of another input is evaluated, once per
 * parameters file bound to it (`.bicepparam` with `using`, or `<name>.parameters.json`), or with its defaults when
 * none is; local modules are followed with their parameters; the AKS Verified Module is mapped from its parameters;
 * other registry modules are listed as not analysed.
 */
export async function loadBicep(input: BicepInput): Promise<BicepResult> {
  const parser = await bicepParser();
  const result: BicepResult = { clusters: [], issues: [], skipped: [], read: [], consumed: new Set() };
  const texts = new Map(input.files.map((file) => [file.file, file.text]));
  const parsedFiles = new Map<string, BicepFile | null>();
  const skippedKeys = new Set<string>();
  const skip = (entry: SkippedInput) => {
    const key = `${entry.path}|${entry.line}|${entry.reason}`;
    if (skippedKeys.has(key)) return;
    skippedKeys.add(key);
    result.skipped.push(entry);
  };

  const load = (path: string, from?: Location): BicepFile | undefined => {
    const cached = parsedFiles.get(path);
    if (cached !== undefined) return cached ?? undefined;
    let text = texts.get(path);
    if (text === undefined) {
      const read = input.readFile?.(path) ?? { error: 'no such file' };
      if ('error' in read) {
        const issue: LoadIssue = {
          level: 'error',
          file: from?.file ?? path,
          message: `cannot read ${path}: ${read.error}`,
        };
        if (from) issue.line = from.line;
        result.issues.push(issue);
        parsedFiles.set(path, null);
        return undefined;
      }
      text = read.text;
    }
    const kind = /\.bicepparam$/i.test(path) ? 'bicepparam' : 'bicep';
    const parsed = parseWith(parser, text, kind === 'bicepparam');
    const file: BicepFile = { path, kind, parsed, declarations: collectDeclarations(parsed) };
    parsedFiles.set(path, file);
    result.read.push(path);
    reportSyntax(file, result.issues, skip);
    return file;
  };

  const context: LoadContext = {
    bicepFile: (path, from) => load(path, from),
    readText: (path) => {
      const text = texts.get(path);
      if (text !== undefined) return text;
      const read = input.readFile?.(path);
      return read && 'text' in read ? read.text : undefined;
    },
    issues: result.issues,
    skipped: result.skipped,
    budget: { steps: STEP_BUDGET },
    registryModule: (module) => registryModule(module, skip, currentLabel),
  };
  /** The label of the parameters file being evaluated, when a template has several. */
  let currentLabel = '';

  for (const file of input.files) load(file.file);
  const templates = input.files.filter((file) => /\.bicep$/i.test(file.file)).map((file) => file.file);
  // A file another input calls as a module is evaluated through that call, with its parameters.
  const modules = new Set<string>();
  for (const path of templates) {
    const file = parsedFiles.get(path);
    for (const module of file?.declarations.modules ?? [])
      if (!/^(br|ts)[:/]/.test(module.path) && relativeTo(path, module.path) !== path)
        modules.add(relativeTo(path, module.path));
  }

  const runs = new Map<string, { source?: ParamSource; label: string }[]>();
  const addRun = (template: string, run: { source?: ParamSource; label: string }) => {
    const list = runs.get(template) ?? [];
    list.push(run);
    runs.set(template, list);
  };
  for (const file of input.files.filter((entry) => /\.bicepparam$/i.test(entry.file))) {
    const params = parsedFiles.get(file.file);
    const using = params?.declarations.using;
    if (!params || !using || using.path === 'none') continue;
    const template = relativeTo(file.file, using.path);
    addRun(template, { source: bicepparamSource(params, context), label: file.file });
  }
  const unbound: SourceDocument[] = [];
  for (const doc of input.parameterFiles) {
    const stem = doc.file.replace(/\.parameters(\.[^./\\]+)?\.jsonc?$/i, '');
    const template = templates.find((path) => path.replace(/\.bicep$/i, '') === stem);
    if (!template) {
      unbound.push(doc);
      continue;
    }
    result.consumed.add(doc);
    addRun(template, { source: armParametersSource(doc), label: doc.file });
  }
  // A folder with one deployment and one parameters file of another name (`parameters-main.json`): they go together.
  for (const doc of unbound) {
    const folder = dirname(doc.file);
    const roots = templates.filter((path) => dirname(path) === folder && !modules.has(path));
    const siblings = unbound.filter((other) => dirname(other.file) === folder);
    if (roots.length !== 1 || siblings.length !== 1 || runs.has(roots[0]!)) continue;
    result.consumed.add(doc);
    addRun(roots[0]!, { source: armParametersSource(doc), label: doc.file });
  }
  for (const template of templates)
    if (!modules.has(template) && !runs.has(template)) addRun(template, { label: '' });

  const registry = (module: ModuleInstance): ClusterEntry[] => {
    const found = module.registryModule();
    return found && 'cluster' in found ? [found as ClusterEntry & RegistryModule] : [];
  };

  for (const [template, list] of runs) {
    const file = load(template);
    if (!file) continue;
    for (const run of list) {
      context.budget.steps = STEP_BUDGET;
      const label = list.length > 1 ? basename(run.label) : '';
      currentLabel = label;
      try {
        const program = new Program(context, file, run.source, '');
        const clusters = clustersOfProgram(program, registry, label);
        result.clusters.push(...clusters);
        notFollowed(program, skip);
      } catch (error) {
        // Hostile input: a loop or nesting beyond any real template. The other files are still read.
        if (!(error instanceof BudgetExceeded) && !(error instanceof RangeError)) throw error;
        result.issues.push({
          level: 'error',
          file: template,
          message:
            error instanceof BudgetExceeded
              ? `evaluation stopped after ${STEP_BUDGET} steps (a loop or module structure too large to read); clusters of this file are not analysed`
              : 'values nested too deeply to evaluate; clusters of this file are not analysed',
        });
      }
    }
  }

  for (const path of input.explicitFiles) {
    if (!/\.bicep(param)?$/i.test(path)) continue;
    const template = /\.bicepparam$/i.test(path)
      ? (() => {
          const using = parsedFiles.get(path)?.declarations.using;
          return using ? relativeTo(path, using.path) : path;
        })()
      : path;
    const defines = result.clusters.some(
      (cluster) => cluster.location.file === template || cluster.location.file === path,
    );
    if (!defines && parsedFiles.get(path))
      result.issues.push({
        level: 'error',
        file: path,
        message:
          'no AKS cluster in this Bicep file (a Microsoft.ContainerService/managedClusters resource or the AKS Verified Module)',
      });
  }
  return result;
}

/** `.bicepparam`: `param x = value` assignments, evaluated in the parameters file (its vars, imports, functions). */
function bicepparamSource(params: BicepFile, context: LoadContext): ParamSource {
  const program = new Program(context, params, undefined, '');
  return {
    label: params.path,
    get: (name) => (params.declarations.assignments.has(name) ? program.assignment(name) : undefined),
  };
}

/** The Azure Developer CLI fills `${NAME}` (or `${NAME=default}`) in parameters files from its environment. */
const AZD_VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(=[^}]*)?\}$/;

/** An ARM parameters file: `{"x": {"value": ...}}`; a Key Vault reference or an azd variable is unknown. */
function armParametersSource(doc: SourceDocument): ParamSource {
  const parameters =
    isJsonObject(doc.value) && isJsonObject(doc.value.parameters) ? doc.value.parameters : {};
  const values = new Map<string, Val>();
  for (const [name, entry] of Object.entries(parameters)) {
    if (!isJsonObject(entry)) continue;
    const value = entry.value;
    const azd = typeof value === 'string' ? AZD_VARIABLE.exec(value) : null;
    values.set(
      name.toLowerCase(),
      !('value' in entry)
        ? unk(`param '${name}' is a Key Vault reference in ${doc.file}`)
        : azd
          ? unk(`param '${name}' is the azd environment value \${${azd[1]}} in ${doc.file}`)
          : fromPlain(value),
    );
  }
  return { label: doc.file, get: (name) => values.get(name.toLowerCase()) };
}

/** The AKS Verified Module as a cluster; other registry modules are listed as not analysed. */
function registryModule(
  module: ModuleInstance,
  skip: (entry: SkippedInput) => void,
  label: string,
): RegistryModule | undefined {
  if (!module.remote) return undefined;
  if (ROLE_ASSIGNMENT_MODULE.test(module.path)) return undefined;
  const location = module.location;
  const version = avmVersion(module.path);
  if (version === undefined || typeof version === 'string') {
    skip({
      path: location.file,
      line: location.line,
      category: 'remote-source',
      reason: `module '${module.path}' not analysed (${typeof version === 'string' ? version : 'registry module'})`,
      significant: typeof version === 'string' || mayDefineCluster(module.path),
    });
    return undefined;
  }
  const params = module.params();
  if (params.k === 'unk') {
    skip({
      path: location.file,
      line: location.line,
      category: 'remote-source',
      reason: `module '${module.path}' not analysed: ${params.reason}`,
      significant: true,
    });
    return undefined;
  }
  return avmCluster(module, version, label);
}

/**
 * Whether a registry module may deploy an AKS cluster: not for Verified Modules of other resource types
 * (`avm/res/network/virtual-network`), nor for patterns whose name says nothing of AKS; any other (private registry,
 * template spec) may.
 */
export function mayDefineCluster(path: string): boolean {
  const avm = /avm\/(res|ptn|utl)\/([^:]+)/i.exec(path);
  if (!avm) return true;
  if (avm[1]!.toLowerCase() === 'res') return /^container-service\//i.test(avm[2]!);
  return /aks|kubernetes|container-service|managed-cluster/i.test(avm[2]!);
}

/** Local modules that could not be followed (ARM JSON modules, deeper than the bound). */
function notFollowed(program: Program, skip: (entry: SkippedInput) => void): void {
  const visit = (current: Program) => {
    for (const module of current.allModules()) {
      if (module.remote) continue;
      const child = module.childProgram();
      if (child) {
        visit(child);
        continue;
      }
      const location = module.location;
      if (/\.json$/i.test(module.path))
        skip({
          path: relativeTo(location.file, module.path),
          category: 'unsupported-format',
          reason: `ARM JSON template called as a module from ${location.file}:${location.line}: not followed (scan it as its own input)`,
          significant: true,
        });
    }
  };
  visit(program);
}

/** Syntax the grammar could not read: an error naming the line, and a coverage entry when it may hide a cluster. */
function reportSyntax(file: BicepFile, issues: LoadIssue[], skip: (entry: SkippedInput) => void): void {
  const { parsed } = file;
  const reported = new Set<number>();
  for (const error of parsed.errors) {
    if (reported.has(error.line) || reported.size >= 10) continue;
    reported.add(error.line);
    const excerpt = textOf(parsed, error).split('\n')[0]!.slice(0, 60);
    issues.push({
      level: 'error',
      file: file.path,
      line: error.line,
      column: error.column,
      message: `Bicep syntax not understood${excerpt ? ` near "${excerpt}"` : ''}: the statement is not read`,
    });
    if (/managedClusters/i.test(textOf(parsed, outermost(error, parsed.root) ?? error)))
      skip({
        path: file.path,
        line: error.line,
        category: 'unsupported-format',
        reason: 'part of a managedClusters declaration could not be parsed: what it sets is not evaluated',
        significant: true,
      });
  }
}

/** The top-level statement holding a node. */
function outermost(node: SyntaxNode, root: SyntaxNode): SyntaxNode | undefined {
  return root.children.find((statement) => statement.start <= node.start && node.end <= statement.end);
}

/**
 * An ARM template compiled from a Bicep file the inputs also hold (`main.json` beside `main.bicep`, with
 * `metadata._generator.name: bicep`): the Bicep file is read instead, with its own lines.
 */
export function compiledFrom(doc: SourceDocument, bicepFiles: readonly string[]): string | undefined {
  const value = doc.value;
  if (!isJsonObject(value) || !isJsonObject(value.metadata)) return undefined;
  const generator = value.metadata._generator;
  if (!isJsonObject(generator) || generator.name !== 'bicep') return undefined;
  const stem = doc.file.replace(/\.jsonc?$/i, '');
  return bicepFiles.find((file) => file.replace(/\.bicep$/i, '') === stem);
}

export { getProp };
