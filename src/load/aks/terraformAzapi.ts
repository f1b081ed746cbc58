import { type AgentPool, type AksCluster, isUnknown, objectNode } from '../../model/aksCluster.js';
import { parseHcl } from './hcl.js';
import { convert } from './terraformAvm.js';
import { type BodySource, nodeFromValue, setArm } from './terraformBody.js';
import type { TerraformScope } from './terraformValues.js';
import { flattenProperties, newCluster } from './tree.js';

type Json = Record<string, unknown>;

const CLUSTER_TYPE = /^microsoft\.containerservice\/managedclusters@(.+)$/i;
const POOL_TYPE = /^microsoft\.containerservice\/managedclusters\/agentpools@(.+)$/i;

export function azapiKind(type: unknown): { kind: 'cluster' | 'pool'; apiVersion: string } | undefined {
  if (typeof type !== 'string') return undefined;
  const cluster = CLUSTER_TYPE.exec(type);
  if (cluster) return { kind: 'cluster', apiVersion: cluster[1]! };
  const pool = POOL_TYPE.exec(type);
  if (pool) return { kind: 'pool', apiVersion: pool[1]! };
  return undefined;
}

/**
 * azapi 1.x writes the body as `jsonencode({...})`, which hcl2json leaves as one expression string. The argument
 * is an HCL object expression, so it is parsed again as the value of an attribute.
 */
export async function expandJsonencodedBody(resource: Json): Promise<void> {
  const body = resource.body;
  if (typeof body !== 'string') return;
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(body.trim());
  if (!match) return;
  try {
    const parsed = (await parseHcl('body.tf', `body = ${match[1]}\n`)) as Json;
    if (typeof parsed.body === 'object' && parsed.body !== null) resource.body = parsed.body;
  } catch {
    // Not a plain object expression: the body stays an unknown expression.
  }
}

/** An `azapi_resource` of type `Microsoft.ContainerService/managedClusters@<api-version>`: the ARM body, verbatim. */
export function loadAzapiCluster(
  source: BodySource,
  label: string,
  scope: TerraformScope,
  apiVersion: string,
): AksCluster {
  const location = source.locate([]);
  const body = convert(source.body.body ?? {}, ['body'], source, scope);
  const fields = body.kind === 'object' ? flattenProperties(body, location) : objectNode(location);
  if (body.kind === 'unknown') {
    for (const key of ['properties']) setArm(fields, key, body, location);
  }
  const identity = source.body.identity;
  if (Array.isArray(identity) && identity[0]) {
    const type = scope.evaluate((identity[0] as Json).type);
    setArm(fields, 'identity.type', nodeFromValue(type, source.locate(['identity', 0, 'type'])), location);
  }
  const name = scope.evaluate(source.body.name);
  const cluster = newCluster({
    name: typeof name === 'string' && !isUnknown(name) ? name : label,
    dialect: 'terraform',
    location,
    fields,
    apiVersion,
    materialized: false,
  });
  cluster.address = `azapi_resource.${label}`;
  cluster.surroundings = { diagnosticSettings: [] };
  return cluster;
}

export function loadAzapiPool(source: BodySource, label: string, scope: TerraformScope): AgentPool {
  const location = source.locate([]);
  const body = convert(source.body.body ?? {}, ['body'], source, scope);
  const fields = body.kind === 'object' ? flattenProperties(body, location) : objectNode(location);
  const name = scope.evaluate(source.body.name);
  const poolName = typeof name === 'string' ? name : label;
  return {
    name: poolName,
    location,
    declaredAs: 'resource',
    fields,
    resource: { kind: 'AgentPool', name: poolName },
    address: `azapi_resource.${label}`,
  };
}
