import {
  type AksCluster,
  type DiagnosticSetting,
  isUnknown,
  normalizeKey,
  type ObjectNode,
  objectNode,
  unknown,
} from '../../model/aksCluster.js';
import type { SkippedInput } from '../../model/coverage.js';
import type { LoadIssue } from '../../model/inventory.js';
import { describeJsonError } from '../../model/jsonError.js';
import type { Location, PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import { parseYamlFile } from '../yaml.js';
import { parseHcl } from './hcl.js';
import { HclLocator } from './hclLocator.js';
import { REGISTRY_AKS_SOURCE, registryAksModule } from './terraformAksModule.js';
import { loadAvmModule } from './terraformAvm.js';
import { azapiKind, expandJsonencodedBody, loadAzapiCluster, loadAzapiPool } from './terraformAzapi.js';
import {
  applyMappings,
  type BodySource,
  nodeFromValue,
  poolFromBody,
  readTf,
  setArm,
} from './terraformBody.js';
import { expandDynamicBlocks } from './terraformDynamic.js';
import { clusterMappings, poolMappings } from './terraformMapping.js';
import { localModuleSource, remoteModuleMayDefineCluster, remoteModuleReason } from './terraformSources.js';
import { TerraformScope, type TerraformVariable, type VariableOrigin } from './terraformValues.js';
import { orderedVarFiles } from './terraformVarFiles.js';
import { newCluster } from './tree.js';

type Json = Record<string, unknown>;

export interface TextFile {
  file: string;
  text: string;
  /** The real (symbolic links resolved) folder holding the file as it was reached: the Terraform module it belongs to. */
  directory?: string;
}

export interface TerraformLoadOptions {
  /** `--tf-var-file` files, in the order given (Terraform's `-var-file`): applied after the automatic ones. */
  varFiles?: TextFile[];
  /** The folder of a local module source (`../modules/aks`) as the module key, and its Terraform files when not among the inputs. */
  modules?: ModuleReader;
}

export interface ModuleReader {
  /** The module key of a folder (its real path), or `undefined` when it does not exist. */
  resolve(fromDirectory: string, source: string): string | undefined;
  /** The `.tf` files of a module folder that was not among the inputs. */
  read(directory: string): TextFile[];
  /**
   * The folder `terraform init` installed a remote module in, from `<root>/.terraform/modules/modules.json`
   * (`moduleKey` is the call path, `aks` or `platform.cluster`); `undefined` when not installed.
   */
  installed?(rootDirectory: string, moduleKey: string): string | undefined;
}

export interface TerraformLoadResult {
  clusters: AksCluster[];
  issues: LoadIssue[];
  /** Module calls that were not analysed (remote sources). */
  skipped: SkippedInput[];
}

interface ParsedTf {
  file: string;
  /** The hcl2json shape: labelled blocks as `type → name → [body]`. */
  json: Json;
  locator: { locate(path: readonly PathSegment[]): Location };
}

/** One Terraform module: the files of one real folder, parsed, before any value is bound. */
interface ParsedModule {
  key: string;
  parsed: ParsedTf[];
  /** tfvars files of the folder: read only when the module is a root (Terraform never reads them for a called module). */
  tfvars: TextFile[];
  variables: Map<string, TerraformVariable>;
  locals: Map<string, unknown>;
  providerMajor: number | undefined;
}

/** The resources of one Terraform module instance, once its variables and locals are known. */
interface ModuleContext {
  parsed: ParsedTf[];
  scope: TerraformScope;
  providerMajor: number;
  /** `module.aks.` for a called module, `''` for a root. */
  prefix: string;
  /** For a called module: the module block of the root that reaches it (shown in reasons and identities). */
  root: string;
  /** The root module's folder (its `.terraform/modules` holds the installed remote modules). */
  rootDirectory: string;
  /** The call path from the root (`platform.cluster`), `''` for the root itself. */
  moduleKey: string;
}

const AVM_SOURCE = /avm-res-containerservice-managedcluster/i;
const MAINTENANCE_TYPE = /^microsoft\.containerservice\/managedclusters\/maintenanceconfigurations@/i;
/** Bound on nested local module calls (a module calling itself through `./` would not end). */
const MAX_MODULE_DEPTH = 16;

function directoryOf(file: TextFile | SourceDocument): string {
  const directory = 'directory' in file ? file.directory : undefined;
  if (directory) return directory;
  return file.file.includes('/') ? file.file.slice(0, file.file.lastIndexOf('/')) : '.';
}

/**
 * Reads `azurerm_kubernetes_cluster` (+ `azurerm_kubernetes_cluster_node_pool`, diagnostic settings and
 * kubelet role assignments), the Azure Verified Module and the `Azure/aks/azurerm` registry module for AKS
 * from Terraform files, one module (real folder) at a time. A folder that another input calls as a local
 * module is evaluated through that call, with the call's arguments bound to its variables, not on its own.
 */
export async function loadTerraform(
  files: TextFile[],
  jsonDocuments: SourceDocument[] = [],
  options: TerraformLoadOptions = {},
): Promise<TerraformLoadResult> {
  const issues: LoadIssue[] = [];
  const skipped: SkippedInput[] = [];
  const byDirectory = new Map<string, { files: TextFile[]; documents: SourceDocument[] }>();
  const groupOf = (key: string) => {
    let group = byDirectory.get(key);
    if (!group) {
      group = { files: [], documents: [] };
      byDirectory.set(key, group);
    }
    return group;
  };
  for (const file of files) groupOf(directoryOf(file)).files.push(file);
  for (const doc of jsonDocuments) groupOf(directoryOf(doc)).documents.push(doc);

  const modules = new Map<string, ParsedModule>();
  for (const [key, group] of byDirectory)
    modules.set(key, await parseModule(key, group.files, group.documents, issues));

  const resolveSource = (from: string, source: string): string | undefined => {
    if (options.modules) return options.modules.resolve(from, source);
    return normalizeDirectory(from, source);
  };
  const moduleAt = async (key: string): Promise<ParsedModule | undefined> => {
    const known = modules.get(key);
    if (known) return known;
    const read = options.modules?.read(key) ?? [];
    if (read.length === 0) return undefined;
    const parsed = await parseModule(key, read, [], issues);
    modules.set(key, parsed);
    return parsed;
  };

  // Folders that an input calls as a local module are not roots.
  const called = new Set<string>();
  for (const module of [...modules.values()]) {
    for (const call of moduleCalls(module)) {
      const local = localModuleSource(call.source);
      if (local === undefined) continue;
      const target = resolveSource(module.key, local);
      if (target && target !== module.key && modules.has(target)) called.add(target);
    }
  }

  const clusters: AksCluster[] = [];
  const evaluate = async (module: ParsedModule, context: ModuleContext, depth: number): Promise<void> => {
    clusters.push(...clustersOf(context, issues));
    for (const call of moduleCalls(module)) {
      const { label, block, parsed } = call;
      const at = parsed.locator.locate(['module', label, 0]);
      const source = call.source;
      if (AVM_SOURCE.test(source) || REGISTRY_AKS_SOURCE.test(source)) continue; // read by clustersOf
      const local = localModuleSource(source);
      const key = context.moduleKey ? `${context.moduleKey}.${label}` : label;
      // A remote module that `terraform init` installed is read from there, exactly as Terraform will use it.
      const installed =
        local === undefined ? options.modules?.installed?.(context.rootDirectory, key) : undefined;
      if (local === undefined && installed === undefined) {
        skipped.push({
          path: at.file,
          line: at.line,
          category: 'remote-source',
          reason: `module "${label}" not analysed (remote source ${JSON.stringify(source)}): ${remoteModuleReason(source)}`,
          significant: remoteModuleMayDefineCluster(source),
        });
        continue;
      }
      const target = installed ?? resolveSource(module.key, local!);
      const child = target === undefined ? undefined : await moduleAt(target);
      if (!child) {
        issues.push({
          level: 'error',
          file: at.file,
          line: at.line,
          message: `module "${label}": no Terraform files in ${JSON.stringify(source)}`,
        });
        continue;
      }
      if (depth >= MAX_MODULE_DEPTH) {
        issues.push({
          level: 'error',
          file: at.file,
          line: at.line,
          message: `module "${label}": more than ${MAX_MODULE_DEPTH} nested module calls; not followed`,
        });
        continue;
      }
      const instances = moduleInstances(block, context.scope);
      if (instances === 0) continue;
      const childContext = calledModuleContext(child, context, call, at);
      await evaluate(child, childContext, depth + 1);
    }
  };

  // Modules installed by `terraform init` are read only through the calls that use them.
  const roots = [...modules.values()].filter(
    (module) => !called.has(module.key) && !/(^|[\\/])\.terraform[\\/]/.test(module.key),
  );
  for (const module of roots) {
    // A --tf-var-file applies to the root module of its own folder, or to every root when none is there.
    const varFiles = (options.varFiles ?? []).filter(
      (file) => directoryOf(file) === module.key || !roots.some((root) => root.key === directoryOf(file)),
    );
    const context = await rootContext(module, varFiles, issues);
    await evaluate(module, context, 0);
  }
  return { clusters, issues, skipped };
}

interface ModuleCall {
  label: string;
  block: Json;
  parsed: ParsedTf;
  source: string;
}

function moduleCalls(module: ParsedModule): ModuleCall[] {
  const calls: ModuleCall[] = [];
  for (const parsed of module.parsed) {
    for (const [label, body] of Object.entries((parsed.json.module as Json | undefined) ?? {})) {
      const block = (body as Json[])[0];
      if (!block || typeof block.source !== 'string') continue;
      calls.push({ label, block, parsed, source: block.source });
    }
  }
  return calls;
}

/** `count = 0` or an empty `for_each` deploys no instance; anything else is read as one instance. */
function moduleInstances(block: Json, scope: TerraformScope): number {
  if ('count' in block) {
    const count = scope.evaluate(block.count);
    if (count === 0) return 0;
  }
  if ('for_each' in block) {
    const each = scope.evaluate(block.for_each);
    if (Array.isArray(each) && each.length === 0) return 0;
    if (typeof each === 'object' && each !== null && !isUnknown(each) && Object.keys(each).length === 0)
      return 0;
  }
  return 1;
}

/** `a/b` + `../c` → `a/c` (in-memory inputs without real folders). */
function normalizeDirectory(from: string, source: string): string {
  const parts = from === '.' ? [] : from.split('/');
  for (const segment of source.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else parts.push('..');
    } else parts.push(segment);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

/** The arguments of a module call bound to the called module's variables, evaluated in the caller's scope. */
function calledModuleContext(
  child: ParsedModule,
  caller: ModuleContext,
  call: ModuleCall,
  at: Location,
): ModuleContext {
  const argumentsOf = new Map<string, unknown>();
  const origins = new Map<string, VariableOrigin>();
  const base: PathSegment[] = ['module', call.label, 0];
  for (const [name, raw] of Object.entries(call.block)) {
    if (MODULE_META.has(name) || !child.variables.has(name)) continue;
    argumentsOf.set(name, raw);
    // A plain reference to the caller's own variable keeps pointing at where that one is set.
    const inherited = caller.scope.originOf(raw);
    const location = inherited ?? call.parsed.locator.locate([...base, name]);
    origins.set(name, {
      location,
      description: `argument of module.${call.label}`,
      ...(inherited ? {} : { locateInside: (path) => call.parsed.locator.locate([...base, name, ...path]) }),
    });
  }
  const scope = new TerraformScope(child.variables, argumentsOf, child.locals, {
    origins,
    outer: caller.scope,
    nullDefaultIsValue: true,
  });
  return {
    parsed: child.parsed,
    scope,
    providerMajor: child.providerMajor ?? caller.providerMajor,
    prefix: `${caller.prefix}module.${call.label}.`,
    root: caller.root || `${at.file}:${at.line}`,
    rootDirectory: caller.rootDirectory,
    moduleKey: caller.moduleKey ? `${caller.moduleKey}.${call.label}` : call.label,
  };
}

/** Module-call arguments that are not input variables (Terraform meta-arguments). */
const MODULE_META = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);

async function parseModule(
  key: string,
  files: TextFile[],
  documents: SourceDocument[],
  issues: LoadIssue[],
): Promise<ParsedModule> {
  const parsed: ParsedTf[] = documents.map((doc) => ({
    file: doc.file,
    json: normalizeTerraformJson(doc.value as Json),
    locator: jsonLocator(doc),
  }));
  const tfvars: TextFile[] = [];
  for (const file of files) {
    if (/\.tfvars(\.json)?$/i.test(file.file)) {
      tfvars.push(file);
      continue;
    }
    let json: Json;
    try {
      json = (await parseHcl(file.file, file.text)) as Json;
    } catch (error) {
      const message = String((error as Error).message ?? error).split('\n')[0];
      const line = /:(\d+),\d+/.exec(message)?.[1];
      const issue: LoadIssue = { level: 'error', file: file.file, message: `cannot parse HCL: ${message}` };
      if (line) issue.line = Number(line);
      issues.push(issue);
      continue;
    }
    for (const [, body] of resourcesOfJson(json, 'azapi_resource')) await expandJsonencodedBody(body);
    parsed.push({ file: file.file, json, locator: new HclLocator(file.file, file.text) });
  }

  const variables = new Map<string, TerraformVariable>();
  const locals = new Map<string, unknown>();
  let providerMajor: number | undefined;
  for (const { json, locator } of parsed) {
    for (const [name, blocks] of Object.entries((json.variable as Json) ?? {})) {
      const block = (blocks as Json[])[0] ?? {};
      variables.set(name, {
        hasDefault: 'default' in block,
        default: block.default,
        sensitive: block.sensitive === true,
        defaultLocation: locator.locate(['variable', name, 0, 'default']),
      });
    }
    for (const block of (json.locals as Json[]) ?? [])
      for (const [name, value] of Object.entries(block)) locals.set(name, value);
    for (const block of (json.terraform as Json[]) ?? []) {
      for (const providers of (block.required_providers as Json[]) ?? []) {
        const azurerm = providers.azurerm as Json | undefined;
        const major = typeof azurerm?.version === 'string' ? /(\d+)\./.exec(azurerm.version)?.[1] : undefined;
        if (major) providerMajor = Number(major);
      }
    }
  }
  return { key, parsed, tfvars, variables, locals, providerMajor };
}

/**
 * A root module: variables set by its tfvars files in Terraform's order (`terraform.tfvars`,
 * `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then `--tf-var-file` in the order given;
 * a later file wins). Other tfvars files are not loaded, as `terraform plan` does not load them.
 */
async function rootContext(
  module: ParsedModule,
  varFiles: TextFile[],
  issues: LoadIssue[],
): Promise<ModuleContext> {
  const { loaded, ignored } = orderedVarFiles(module.tfvars, varFiles);
  const tfvars = new Map<string, unknown>();
  const origins = new Map<string, VariableOrigin>();
  for (const file of loaded) {
    const values = await readVarFile(file, issues);
    if (!values) continue;
    for (const [name, { value, locate }] of values) {
      tfvars.set(name, value);
      origins.set(name, {
        location: locate([]),
        locateInside: locate,
        description: file.file,
      });
    }
  }
  const unsetHints = new Map<string, string>();
  for (const file of ignored) {
    const values = await readVarFile(file, []);
    for (const name of values?.keys() ?? []) {
      if (tfvars.has(name) || unsetHints.has(name)) continue;
      unsetHints.set(
        name,
        `set in ${file.file}, which Terraform loads only with -var-file; pass --tf-var-file ${file.file}`,
      );
    }
  }
  return {
    parsed: module.parsed,
    scope: new TerraformScope(module.variables, tfvars, module.locals, { origins, unsetHints }),
    providerMajor: module.providerMajor ?? 4,
    prefix: '',
    root: '',
    rootDirectory: module.key,
    moduleKey: '',
  };
}

type VarValues = Map<string, { value: unknown; locate: (path: readonly PathSegment[]) => Location }>;

/** The values of a tfvars file (HCL or JSON), each with where it is written. Errors name the file and line, never a value. */
async function readVarFile(file: TextFile, issues: LoadIssue[]): Promise<VarValues | undefined> {
  const values: VarValues = new Map();
  if (/\.json$/i.test(file.file)) {
    try {
      JSON.parse(file.text);
    } catch (error) {
      // Position only: the text around a syntax error may be a secret value.
      issues.push({
        level: 'error',
        file: file.file,
        message: `cannot parse tfvars JSON: ${describeJsonError(error, file.text)}`,
      });
      return undefined;
    }
    const parsed = parseYamlFile(file.file, file.text);
    const doc = parsed.documents[0];
    const error = parsed.issues.find((issue) => issue.level === 'error');
    if (error || !doc || typeof doc.value !== 'object' || doc.value === null || Array.isArray(doc.value)) {
      issues.push({
        level: 'error',
        file: file.file,
        ...(error?.line !== undefined ? { line: error.line } : {}),
        message: 'cannot parse tfvars JSON: not a JSON object of variable values',
      });
      return undefined;
    }
    for (const [name, value] of Object.entries(doc.value as Json))
      values.set(name, { value, locate: (path) => doc.locate([name, ...path]) });
    return values;
  }
  let json: Json;
  try {
    json = (await parseHcl(file.file, file.text)) as Json;
  } catch (error) {
    const line = /:(\d+),\d+/.exec(String((error as Error).message ?? error))?.[1];
    issues.push({
      level: 'error',
      file: file.file,
      ...(line ? { line: Number(line) } : {}),
      message: 'cannot parse tfvars: not valid HCL',
    });
    return undefined;
  }
  const locator = new HclLocator(file.file, file.text);
  for (const [name, value] of Object.entries(json))
    values.set(name, { value, locate: (path) => locator.locate([name, ...path]) });
  return values;
}
/** Terraform JSON syntax (`*.tf.json`, CDK for Terraform output). */
export function isTerraformJson(doc: SourceDocument): boolean {
  const value = doc.value as Json | null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (!/\.tf\.json$/i.test(doc.file) && !('terraform' in value)) return false;
  return ['resource', 'module', 'variable', 'locals', 'terraform'].some((key) => key in value);
}

/** Terraform JSON in the hcl2json shape: labelled block bodies as lists, locals and terraform blocks as lists. */
function normalizeTerraformJson(value: Json): Json {
  const listOf = (body: unknown) => (Array.isArray(body) ? body : [body]);
  const out: Json = {};
  for (const [key, section] of Object.entries(value)) {
    if (typeof section !== 'object' || section === null) continue;
    if (key === 'resource' || key === 'data') {
      const types: Json = {};
      for (const [type, byName] of Object.entries(section as Json)) {
        const names: Json = {};
        for (const [name, body] of Object.entries(byName as Json)) names[name] = listOf(body);
        types[type] = names;
      }
      out[key] = types;
    } else if (key === 'module' || key === 'variable' || key === 'output') {
      const names: Json = {};
      for (const [name, body] of Object.entries(section as Json)) names[name] = listOf(body);
      out[key] = names;
    } else {
      out[key] = listOf(section);
    }
  }
  return out;
}

/** Positions in Terraform JSON: the hcl2json-shaped path, minus the list indexes the JSON does not have. */
function jsonLocator(doc: SourceDocument): ParsedTf['locator'] {
  return {
    locate(path) {
      const real: PathSegment[] = [];
      let current: unknown = doc.value;
      for (const segment of path) {
        if (typeof segment === 'number' && !Array.isArray(current)) continue;
        real.push(segment);
        current = (current as Record<string | number, unknown> | undefined)?.[segment];
        if (current === undefined) break;
      }
      return doc.locate(real);
    },
  };
}

function hclSource(context: ModuleContext, parsed: ParsedTf, base: PathSegment[], body: Json): BodySource {
  const expanded = expandDynamicBlocks(body, context.scope);
  return {
    body: expanded.body,
    locate: (path) => parsed.locator.locate([...base, ...expanded.written(path)]),
    evaluate: (value) => context.scope.evaluate(value),
    origin: (value) => context.scope.originOf(value),
  };
}

function resourcesOf(parsed: ParsedTf, type: string): [string, Json, PathSegment[]][] {
  return resourcesOfJson(parsed.json, type);
}

function resourcesOfJson(json: Json, type: string): [string, Json, PathSegment[]][] {
  const byName = ((json.resource as Json | undefined)?.[type] as Json | undefined) ?? {};
  return Object.entries(byName).flatMap(([name, blocks]) =>
    (blocks as Json[]).map((body, index): [string, Json, PathSegment[]] => [
      name,
      body,
      ['resource', type, name, index],
    ]),
  );
}

function clustersOf(context: ModuleContext, notes: LoadIssue[]): AksCluster[] {
  const clusters: AksCluster[] = [];
  const byAddress = new Map<string, AksCluster>();
  for (const parsed of context.parsed) {
    for (const [label, body, base] of resourcesOf(parsed, 'azurerm_kubernetes_cluster')) {
      const cluster = clusterFromResource(context, hclSource(context, parsed, base, body), label);
      clusters.push(cluster);
      located(context, cluster);
      byAddress.set(`azurerm_kubernetes_cluster.${label}`, cluster);
    }
    for (const [label, body, base] of resourcesOf(parsed, 'azapi_resource')) {
      const kind = azapiKind(context.scope.evaluate(body.type));
      if (kind?.kind !== 'cluster') continue;
      const cluster = loadAzapiCluster(
        hclSource(context, parsed, base, body),
        label,
        context.scope,
        kind.apiVersion,
      );
      clusters.push(cluster);
      located(context, cluster, `azapi_resource.${label}`);
      byAddress.set(`azapi_resource.${label}`, cluster);
    }
    for (const [label, body] of Object.entries((parsed.json.module as Json | undefined) ?? {})) {
      const block = (body as Json[])[0];
      if (!block || typeof block.source !== 'string') continue;
      const avm = AVM_SOURCE.test(block.source);
      if (!avm && !REGISTRY_AKS_SOURCE.test(block.source)) continue;
      if (moduleInstances(block, context.scope) === 0) continue;
      const source = hclSource(context, parsed, ['module', label, 0], block);
      const cluster = avm
        ? loadAvmModule(source, label, context.scope, notes)
        : loadAksRegistryModule(context, source, label, notes);
      clusters.push(cluster);
      located(context, cluster, avm ? `module.${label}` : `module.${label}.azurerm_kubernetes_cluster.main`);
      byAddress.set(`module.${label}`, cluster);
    }
  }
  const owner = (reference: unknown): AksCluster | undefined => {
    const text = typeof reference === 'string' ? reference : '';
    const match = /(azurerm_kubernetes_cluster\.[\w-]+|azapi_resource\.[\w-]+|module\.[\w-]+)/.exec(text);
    if (match && byAddress.has(match[1]!)) return byAddress.get(match[1]!);
    return clusters.length === 1 ? clusters[0] : undefined;
  };

  const orphans: AksCluster[] = [];
  for (const parsed of context.parsed) {
    for (const [label, body, base] of resourcesOf(parsed, 'azurerm_kubernetes_cluster_node_pool')) {
      for (const instance of resourceInstances(body, context)) {
        const source = hclSource(instance.context, parsed, base, body);
        const pool = poolFromBody(
          source,
          poolMappings,
          `${label}${instance.suffix}`,
          'resource',
          (fields) => {
            if (!fields.entries.has('mode'))
              setArm(fields, 'mode', { kind: 'value', value: 'User' }, source.locate([]));
          },
        );
        pool.address = `${context.prefix}azurerm_kubernetes_cluster_node_pool.${label}${instance.suffix}`;
        const cluster = owner(body.kubernetes_cluster_id);
        if (cluster) {
          cluster.pools.push(pool);
        } else {
          const partial = newCluster({
            name: label,
            dialect: 'terraform',
            location: source.locate([]),
            fields: objectNode(source.locate([])),
            materialized: false,
          });
          partial.partial = true;
          partial.address = `${context.prefix}azurerm_kubernetes_cluster_node_pool.${label}`;
          if (context.root) partial.root = context.root;
          partial.pools = [pool];
          orphans.push(partial);
        }
      }
    }
    for (const [label, body, base] of resourcesOf(parsed, 'azapi_resource')) {
      const type = context.scope.evaluate(body.type);
      if (typeof type === 'string' && MAINTENANCE_TYPE.test(type)) {
        const name = context.scope.evaluate(body.name);
        owner(body.parent_id)?.surroundings.maintenanceConfigurations?.push(
          typeof name === 'string' ? name : label,
        );
        continue;
      }
      if (azapiKind(type)?.kind !== 'pool') continue;
      const pool = loadAzapiPool(hclSource(context, parsed, base, body), label, context.scope);
      const cluster = owner(body.parent_id);
      if (cluster) cluster.pools.push(pool);
    }
    for (const [label, body, base] of resourcesOf(parsed, 'azurerm_monitor_diagnostic_setting')) {
      const target = typeof body.target_resource_id === 'string' ? body.target_resource_id : '';
      if (!/azurerm_kubernetes_cluster\.|azapi_resource\.|module\./.test(target)) continue;
      const cluster = owner(target);
      cluster?.surroundings.diagnosticSettings?.push(
        diagnosticSetting(context, hclSource(context, parsed, base, body), label),
      );
    }
    for (const [, body, base] of resourcesOf(parsed, 'azurerm_role_assignment')) {
      const principal = typeof body.principal_id === 'string' ? body.principal_id : '';
      if (!/kubelet_identity/.test(principal)) continue;
      const cluster = owner(principal);
      if (!cluster) continue;
      const role = context.scope.evaluate(body.role_definition_name ?? body.role_definition_id);
      const entry = {
        role: typeof role === 'string' ? role : isUnknown(role) ? role : unknown('role not readable'),
        location: parsed.locator.locate(base),
      };
      cluster.surroundings.kubeletRoleAssignments ??= [];
      cluster.surroundings.kubeletRoleAssignments.push(entry);
    }
  }
  return [...clusters, ...orphans];
}

/**
 * The instances of a resource as Terraform expands `count` and `for_each`: `count.index`, `each.key` and
 * `each.value` bound in each. An expansion that cannot be read statically gives one instance whose
 * `count.*`/`each.*` values are unknown; zero instances give none.
 */
function resourceInstances(body: Json, context: ModuleContext): { context: ModuleContext; suffix: string }[] {
  const bind = (root: string, values: [string, unknown][]) => ({
    ...context,
    scope: context.scope.withBindings(new Map([[root, new Map(values)]])),
  });
  if ('count' in body) {
    const count = context.scope.evaluate(body.count);
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= 1000)
      return Array.from({ length: count }, (_, index) => ({
        context: bind('count', [['index', index]]),
        suffix: `[${index}]`,
      }));
    return [{ context, suffix: '[*]' }];
  }
  if ('for_each' in body) {
    const each = context.scope.evaluate(body.for_each);
    const entries: [string, unknown][] | undefined = Array.isArray(each)
      ? each.map((item) => [String(item), item])
      : typeof each === 'object' && each !== null && !isUnknown(each)
        ? Object.entries(each)
        : undefined;
    if (!entries) return [{ context, suffix: '[*]' }];
    return entries.slice(0, 1000).map(([key, value]) => ({
      context: bind('each', [
        ['key', key],
        ['value', value],
      ]),
      suffix: `[${JSON.stringify(key)}]`,
    }));
  }
  return [{ context, suffix: '' }];
}

/** A call of the `Azure/aks/azurerm` registry module: its cluster resource with the call's arguments bound. */
function loadAksRegistryModule(
  context: ModuleContext,
  call: BodySource,
  label: string,
  notes: LoadIssue[],
): AksCluster {
  const mapped = registryAksModule(call, label, context.scope, notes);
  const expanded = expandDynamicBlocks(mapped.body.body, mapped.scope);
  const source: BodySource = { ...mapped.body, body: expanded.body };
  const cluster = clusterFromResource({ ...context, scope: mapped.scope, providerMajor: 4 }, source, 'main');
  const prefix = context.scope.evaluate(call.body.prefix);
  const name = context.scope.evaluate(call.body.cluster_name);
  cluster.name =
    typeof name === 'string' ? name : typeof prefix === 'string' ? `${prefix}-aks` : `module.${label}`;
  cluster.resource = { ...cluster.resource, name: cluster.name };
  for (const [key, body, path] of mapped.nodePools) {
    const pool = poolFromBody(
      { body, locate: (inner) => call.locate([...path, ...inner]), evaluate: (value) => value },
      poolMappings,
      key,
      'resource',
      (fields) => {
        if (!fields.entries.has('mode'))
          setArm(fields, 'mode', { kind: 'value', value: 'User' }, call.locate(path));
      },
    );
    pool.address = `module.${label}.azurerm_kubernetes_cluster_node_pool.node_pool["${key}"]`;
    cluster.pools.push(pool);
  }
  return cluster;
}

/** The full address of a cluster read inside a called module, and the module call that reaches it. */
function located(context: ModuleContext, cluster: AksCluster, address?: string): void {
  const own = address ?? (typeof cluster.address === 'string' ? cluster.address : undefined);
  if (own) cluster.address = `${context.prefix}${own}`;
  if (context.root) cluster.root = context.root;
}

function clusterFromResource(context: ModuleContext, source: BodySource, label: string): AksCluster {
  const location = source.locate([]);
  const fields = objectNode(location);
  applyMappings(source, clusterMappings, fields);
  entraProfile(source, fields, context.providerMajor);
  const name = context.scope.evaluate(source.body.name);
  const cluster = newCluster({
    name: typeof name === 'string' ? name : label,
    dialect: 'terraform',
    location,
    fields,
    materialized: false,
  });
  cluster.address = `azurerm_kubernetes_cluster.${label}`;
  cluster.providerMajor = context.providerMajor;
  const pools = [];
  const defaultPool = readTf(source, 'default_node_pool');
  if (defaultPool.present) {
    // hcl2json and plan JSON write blocks as lists; Terraform JSON may write a single block as an object.
    const raw = Array.isArray(defaultPool.raw) ? defaultPool.raw[0] : defaultPool.raw;
    const poolSource = subSource(source, ['default_node_pool', 0], (raw as Json | undefined) ?? {});
    pools.push(
      poolFromBody(poolSource, poolMappings, 'default', 'profile', (poolFields) => {
        setArm(poolFields, 'mode', { kind: 'value', value: 'System' }, poolSource.locate([]));
      }),
    );
  }
  const legacyValue = source.body.agent_pool_profile;
  const legacyPools = legacyValue && !Array.isArray(legacyValue) ? [legacyValue] : legacyValue;
  if (Array.isArray(legacyPools)) {
    legacyPools.forEach((body, index) => {
      pools.push(
        poolFromBody(
          subSource(source, ['agent_pool_profile', index], body as Json),
          poolMappings,
          `pool${index}`,
          'profile',
        ),
      );
    });
  }
  cluster.pools = pools;
  cluster.surroundings = {
    diagnosticSettings: [],
    maintenanceConfigurations: [
      'maintenance_window',
      'maintenance_window_auto_upgrade',
      'maintenance_window_node_os',
    ]
      .filter((block) => readTf(source, block).present)
      .map((block) =>
        block === 'maintenance_window'
          ? 'default'
          : block === 'maintenance_window_auto_upgrade'
            ? 'aksManagedAutoUpgradeSchedule'
            : 'aksManagedNodeOSUpgradeSchedule',
      ),
  };
  return cluster;
}

function subSource(parent: BodySource, path: PathSegment[], body: Json): BodySource {
  return { body, locate: (inner) => parent.locate([...path, ...inner]), evaluate: parent.evaluate };
}

/**
 * Entra ID integration. azurerm 4 removed the `managed` argument: the block always means AKS-managed Entra ID
 * (4.0 upgrade guide, `azure_active_directory_role_based_access_control`). azurerm 3 has `managed` (the legacy
 * client/server applications otherwise); azurerm 2 nests it under `role_based_access_control.azure_active_directory`.
 * A dynamic block whose `for_each` cannot be read makes the whole profile unknown.
 */
function entraProfile(source: BodySource, fields: ObjectNode, providerMajor: number): void {
  for (const tfPath of [
    'azure_active_directory_role_based_access_control',
    'role_based_access_control.azure_active_directory',
  ]) {
    const block = readTf(source, tfPath);
    if (!block.present) continue;
    const location = source.locate(block.path);
    if (isUnknown(block.raw)) {
      setArm(fields, 'aadProfile', { kind: 'unknown', reason: block.raw.reason, location }, location);
      return;
    }
    const aad = fields.entries.get('aadprofile');
    const target = aad?.kind === 'object' ? aad : objectNode(location);
    target.location = location;
    if (aad?.kind !== 'object') setArm(fields, 'aadProfile', target, location);
    if (target.entries.has(normalizeKey('managed')) && providerMajor < 4) return;
    if (providerMajor >= 4 && tfPath.startsWith('azure_active_directory')) {
      setArm(fields, 'aadProfile.managed', { kind: 'value', value: true, location }, location);
      return;
    }
    const legacy = target.entries.has('clientappid') || target.entries.has('serverappid');
    const managed = readTf(source, `${tfPath}.managed`);
    // Without the legacy client/server applications the integration is AKS-managed.
    const value = managed.present ? source.evaluate(managed.raw) : !legacy;
    setArm(
      fields,
      'aadProfile.managed',
      nodeFromValue(value, managed.present ? source.locate(managed.path) : location),
      location,
    );
    return;
  }
}

function diagnosticSetting(context: ModuleContext, source: BodySource, label: string): DiagnosticSetting {
  const categories: string[] = [];
  let unknownReason: string | undefined;
  for (const blockName of ['enabled_log', 'log']) {
    const written = source.body[blockName];
    const blocks = Array.isArray(written) ? written : written ? [written] : [];
    for (const block of blocks as Json[]) {
      const enabled = block.enabled === undefined ? true : context.scope.evaluate(block.enabled);
      const category = context.scope.evaluate(block.category ?? block.category_group);
      if (isUnknown(enabled) || isUnknown(category)) {
        unknownReason = isUnknown(category) ? category.reason : (enabled as { reason: string }).reason;
        continue;
      }
      if ((enabled === true || enabled === 'true') && typeof category === 'string') categories.push(category);
    }
  }
  if (source.body.dynamic !== undefined) unknownReason ??= 'log categories come from a dynamic block';
  const setting: DiagnosticSetting = { name: label, location: source.locate([]), categories };
  if (unknownReason) setting.unknownReason = unknownReason;
  return setting;
}
