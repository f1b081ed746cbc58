import {
  type AgentPool,
  type AksCluster,
  type DiagnosticSetting,
  isUnknown,
  objectNode,
} from '../../model/aksCluster.js';
import { isJsonObject as isObject } from '../../model/json.js';
import type { Location } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import {
  armTree,
  type DeployedResource,
  type DeploymentContext,
  deployedResources,
} from './armDeployment.js';
import { evaluateTemplateString } from './armExpression.js';
import { deepEvaluate, templateScope } from './armScope.js';
import { flattenProperties, newCluster, resourcePool } from './tree.js';

type Json = Record<string, unknown>;

const CLUSTER_TYPE = /^microsoft\.containerservice\/managedclusters$/i;
const POOL_TYPE = /^microsoft\.containerservice\/managedclusters\/agentpools$/i;
const MAINTENANCE_TYPE = /^microsoft\.containerservice\/managedclusters\/maintenanceconfigurations$/i;
const DIAGNOSTIC_TYPE = /diagnosticsettings$/i;

export function isArmTemplate(value: unknown): value is Json {
  if (!isObject(value)) return false;
  const schema = typeof value.$schema === 'string' ? value.$schema : '';
  if (/deploymentTemplate\.json/i.test(schema)) return true;
  return 'contentVersion' in value && (Array.isArray(value.resources) || isObject(value.resources));
}

export function isArmParametersFile(value: unknown): value is Json {
  if (!isObject(value)) return false;
  const schema = typeof value.$schema === 'string' ? value.$schema : '';
  if (/deploymentParameters\.json/i.test(schema)) return isObject(value.parameters);
  return (
    'contentVersion' in value &&
    !('resources' in value) &&
    isObject(value.parameters) &&
    Object.values(value.parameters).every((p) => isObject(p) && ('value' in p || 'reference' in p))
  );
}

/** Parameter values given by a parameters file (`{"x": {"value": ...}}`); Key Vault references stay unknown. */
export function parameterValues(doc: SourceDocument): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const parameters = (doc.value as Json).parameters as Json;
  for (const [name, entry] of Object.entries(parameters)) {
    if (!isObject(entry)) continue;
    values.set(
      name.toLowerCase(),
      'value' in entry
        ? entry.value
        : { unknown: true, reason: `parameter '${name}' is a Key Vault reference` },
    );
  }
  return values;
}

/** Reads the AKS clusters, their node pools, diagnostic settings and maintenance configurations of a deployment template. */
export function loadArmTemplate(
  doc: SourceDocument,
  parameterFile?: Map<string, unknown>,
  context: DeploymentContext = standaloneContext(),
): AksCluster[] {
  const template = doc.value as Json;
  const scope = templateScope({ template, file: doc.file, ...(parameterFile ? { parameterFile } : {}) });
  const resources = deployedResources(doc, template, scope, context);
  const clusters: AksCluster[] = [];
  const byName = new Map<string, AksCluster>();
  const bySymbol = new Map<string, AksCluster>();
  for (const resource of resources.filter((r) => CLUSTER_TYPE.test(r.type))) {
    const location = resource.doc.locate(resource.path);
    const tree = armTree(resource.doc, resource.value, resource.path, resource.scope);
    const fields = flattenProperties(tree, location);
    const name = displayName(resource.fullName, resource.value.name);
    const apiVersion = evaluateIn(resource, resource.value.apiVersion);
    const cluster = newCluster({
      name,
      dialect: 'armTemplate',
      location,
      fields,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
      materialized: false,
    });
    cluster.surroundings = { diagnosticSettings: [], maintenanceConfigurations: [] };
    clusters.push(cluster);
    byName.set(name.toLowerCase(), cluster);
    if (resource.symbol) bySymbol.set(resource.symbol, cluster);
  }

  const owner = (reference: unknown): AksCluster | undefined => {
    if (typeof reference === 'string') {
      const symbol = bySymbol.get(reference);
      if (symbol) return symbol;
      const fromId = /managedClusters\/([^/]+)/i.exec(reference)?.[1];
      const candidate = fromId ?? (reference.includes('/') ? reference.split('/')[0] : undefined);
      const match = candidate ? byName.get(candidate.toLowerCase()) : undefined;
      if (match) return match;
    }
    return clusters.length === 1 ? clusters[0] : undefined;
  };

  const orphans: AgentPool[] = [];
  for (const resource of resources) {
    if (POOL_TYPE.test(resource.type)) {
      const location = resource.doc.locate(resource.path);
      const name = lastSegment(displayName(resource.fullName, resource.value.name));
      const pool = resourcePool(
        name,
        armTree(resource.doc, resource.value, resource.path, resource.scope),
        location,
      );
      const parent = evaluateIn(resource, resource.value.parent);
      const cluster = owner(typeof parent === 'string' ? parent : resource.fullName);
      if (cluster) cluster.pools.push(pool);
      else orphans.push(pool);
    } else if (MAINTENANCE_TYPE.test(resource.type)) {
      owner(resource.fullName)?.surroundings.maintenanceConfigurations?.push(
        lastSegment(displayName(resource.fullName, resource.value.name)),
      );
    } else if (DIAGNOSTIC_TYPE.test(resource.type)) {
      const scopeValue = evaluateIn(resource, resource.value.scope);
      const cluster = owner(typeof scopeValue === 'string' ? scopeValue : resource.fullName);
      cluster?.surroundings.diagnosticSettings?.push(diagnosticSetting(resource));
    }
  }
  if (orphans.length > 0) {
    // Pools of a cluster deployed elsewhere: judged alone, cluster-level controls are not applicable.
    const cluster = newCluster({
      name:
        typeof resources[0]?.fullName === 'string' ? String(resources[0].fullName).split('/')[0]! : 'cluster',
      dialect: 'armTemplate',
      location: doc.locate([]),
      fields: objectNode(doc.locate([])),
      materialized: false,
    });
    cluster.partial = true;
    cluster.pools = orphans;
    clusters.push(cluster);
  }
  return clusters;
}

/** Reading a template alone: linked templates are not followed. */
function standaloneContext(): DeploymentContext {
  return { readLinked: () => undefined, linked: new Set(), skipped: [], issues: [] };
}

function evaluateIn(resource: DeployedResource, value: unknown): unknown {
  return typeof value === 'string' ? evaluateTemplateString(value, resource.scope) : value;
}

function diagnosticSetting(resource: DeployedResource): DiagnosticSetting {
  const location: Location = resource.doc.locate(resource.path);
  const evaluate = (value: unknown) => evaluateIn(resource, value);
  const properties = isObject(resource.value.properties) ? resource.value.properties : {};
  const categories: string[] = [];
  let unknownReason: string | undefined;
  const logs = deepEvaluate(properties.logs, resource.scope);
  if (isUnknown(logs)) unknownReason = logs.reason;
  else if (Array.isArray(logs)) {
    for (const entry of logs) {
      if (!isObject(entry)) continue;
      const enabled = evaluate(entry.enabled);
      const category = evaluate(entry.category ?? entry.categoryGroup);
      if (isUnknown(enabled) || isUnknown(category)) {
        unknownReason = isUnknown(enabled) ? enabled.reason : (category as { reason: string }).reason;
        continue;
      }
      if ((enabled === true || enabled === 'true') && typeof category === 'string') categories.push(category);
    }
  }
  const setting: DiagnosticSetting = {
    name: lastSegment(displayName(resource.fullName, resource.value.name)),
    location,
    categories,
  };
  if (unknownReason) setting.unknownReason = unknownReason;
  return setting;
}

function displayName(evaluated: unknown, written: unknown): string {
  if (typeof evaluated === 'string') return evaluated;
  return typeof written === 'string' ? written : 'cluster';
}

function lastSegment(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1]!;
}
