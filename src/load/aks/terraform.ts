import {
  type AksCluster,
  type DiagnosticSetting,
  isUnknown,
  normalizeKey,
  type ObjectNode,
  objectNode,
  unknown,
} from '../../model/aksCluster.js';
import type { LoadIssue } from '../../model/inventory.js';
import { describeJsonError } from '../../model/jsonError.js';
import type { Location, PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import { parseHcl } from './hcl.js';
import { HclLocator } from './hclLocator.js';
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
import { clusterMappings, poolMappings } from './terraformMapping.js';
import { TerraformScope } from './terraformValues.js';
import { newCluster } from './tree.js';

type Json = Record<string, unknown>;

export interface TextFile {
  file: string;
  text: string;
}

interface ParsedTf {
  file: string;
  /** The hcl2json shape: labelled blocks as `type → name → [body]`. */
  json: Json;
  locator: { locate(path: readonly PathSegment[]): Location };
}

/** The resources of one Terraform module (a directory), after variables and locals are known. */
interface ModuleContext {
  parsed: ParsedTf[];
  scope: TerraformScope;
  providerMajor: number;
}

const AVM_SOURCE = /avm-res-containerservice-managedcluster/i;
const MAINTENANCE_TYPE = /^microsoft\.containerservice\/managedclusters\/maintenanceconfigurations@/i;

/**
 * Reads `azurerm_kubernetes_cluster` (+ `azurerm_kubernetes_cluster_node_pool`, diagnostic settings and
 * kubelet role assignments) and the Azure Verified Module for AKS from Terraform files, one directory at a time.
 */
export async function loadTerraform(
  files: TextFile[],
  jsonDocuments: SourceDocument[] = [],
): Promise<{ clusters: AksCluster[]; issues: LoadIssue[] }> {
  const issues: LoadIssue[] = [];
  const byDirectory = new Map<string, { files: TextFile[]; documents: SourceDocument[] }>();
  const groupOf = (path: string) => {
    const directory = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    let group = byDirectory.get(directory);
    if (!group) {
      group = { files: [], documents: [] };
      byDirectory.set(directory, group);
    }
    return group;
  };
  for (const file of files) groupOf(file.file).files.push(file);
  for (const doc of jsonDocuments) groupOf(doc.file).documents.push(doc);
  const clusters: AksCluster[] = [];
  for (const group of byDirectory.values()) {
    const context = await moduleContext(group.files, group.documents, issues);
    clusters.push(...clustersOf(context, issues));
  }
  return { clusters, issues };
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

async function moduleContext(
  files: TextFile[],
  documents: SourceDocument[],
  issues: LoadIssue[],
): Promise<ModuleContext> {
  const parsed: ParsedTf[] = documents.map((doc) => ({
    file: doc.file,
    json: normalizeTerraformJson(doc.value as Json),
    locator: jsonLocator(doc),
  }));
  const tfvars = new Map<string, unknown>();
  const autoVars: [string, Json][] = [];
  for (const file of files) {
    if (file.file.endsWith('.tfvars.json')) {
      try {
        const json = JSON.parse(file.text) as Json;
        autoVars.push([file.file, json]);
      } catch (error) {
        issues.push({
          level: 'error',
          file: file.file,
          message: `cannot parse tfvars JSON: ${describeJsonError(error, file.text)}`,
        });
      }
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
    if (file.file.endsWith('.tfvars')) autoVars.push([file.file, json]);
    else parsed.push({ file: file.file, json, locator: new HclLocator(file.file, file.text) });
  }
  for (const [, values] of autoVars)
    for (const [key, value] of Object.entries(values)) tfvars.set(key, value);

  const variables = new Map<string, { hasDefault: boolean; default: unknown }>();
  const locals = new Map<string, unknown>();
  let providerMajor = 4;
  for (const { json } of parsed) {
    for (const [name, blocks] of Object.entries((json.variable as Json) ?? {})) {
      const block = (blocks as Json[])[0] ?? {};
      variables.set(name, { hasDefault: 'default' in block, default: block.default });
    }
    for (const block of (json.locals as Json[]) ?? [])
      for (const [key, value] of Object.entries(block)) locals.set(key, value);
    for (const block of (json.terraform as Json[]) ?? []) {
      for (const providers of (block.required_providers as Json[]) ?? []) {
        const azurerm = providers.azurerm as Json | undefined;
        const major = typeof azurerm?.version === 'string' ? /(\d+)\./.exec(azurerm.version)?.[1] : undefined;
        if (major) providerMajor = Number(major);
      }
    }
  }
  return { parsed, scope: new TerraformScope(variables, tfvars, locals), providerMajor };
}

function hclSource(context: ModuleContext, parsed: ParsedTf, base: PathSegment[], body: Json): BodySource {
  return {
    body,
    locate: (path) => parsed.locator.locate([...base, ...path]),
    evaluate: (value) => context.scope.evaluate(value),
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
      byAddress.set(`azapi_resource.${label}`, cluster);
    }
    for (const [label, body] of Object.entries((parsed.json.module as Json | undefined) ?? {})) {
      const block = (body as Json[])[0];
      if (!block || typeof block.source !== 'string' || !AVM_SOURCE.test(block.source)) continue;
      const source = hclSource(context, parsed, ['module', label, 0], block);
      const cluster = loadAvmModule(source, label, context.scope, notes);
      clusters.push(cluster);
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
      const source = hclSource(context, parsed, base, body);
      const pool = poolFromBody(source, poolMappings, label, 'resource', (fields) => {
        if (!fields.entries.has('mode'))
          setArm(fields, 'mode', { kind: 'value', value: 'User' }, source.locate([]));
      });
      pool.address = `azurerm_kubernetes_cluster_node_pool.${label}`;
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
        partial.address = `azurerm_kubernetes_cluster_node_pool.${label}`;
        partial.pools = [pool];
        orphans.push(partial);
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

function clusterFromResource(context: ModuleContext, source: BodySource, label: string): AksCluster {
  const location = source.locate([]);
  const fields = objectNode(location);
  applyMappings(source, clusterMappings, fields);
  entraProfile(source, fields);
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
 * Entra ID integration: azurerm 4 always means AKS-managed Entra ID when the block is present (the `managed`
 * argument was removed); azurerm 3 has `managed` (the legacy client/server apps otherwise); azurerm 2 nests it
 * under `role_based_access_control.azure_active_directory`.
 */
function entraProfile(source: BodySource, fields: ObjectNode): void {
  for (const tfPath of [
    'azure_active_directory_role_based_access_control',
    'role_based_access_control.azure_active_directory',
  ]) {
    const block = readTf(source, tfPath);
    if (!block.present) continue;
    const location = source.locate(block.path);
    const aad = fields.entries.get('aadprofile');
    const target = aad?.kind === 'object' ? aad : objectNode(location);
    target.location = location;
    if (aad?.kind !== 'object') setArm(fields, 'aadProfile', target, location);
    if (target.entries.has(normalizeKey('managed'))) return;
    const legacy = target.entries.has('clientappid') || target.entries.has('serverappid');
    const managed = readTf(source, `${tfPath}.managed`);
    // Without the legacy client/server applications the integration is AKS-managed (azurerm 4 removed `managed`).
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
