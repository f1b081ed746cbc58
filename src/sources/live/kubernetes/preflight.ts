import { type KubernetesKindInfo, resourceName } from '../../../model/inputs.js';
import { isJsonObject } from '../../../model/json.js';
import { type KubeClient, parseJson, RequestError, statusMessage } from './client.js';

export interface PermissionCheck {
  info: KubernetesKindInfo;
  /** Undefined: cluster-wide. */
  namespace?: string;
  allowed: boolean;
  /** Why not, when the authorizer says (or why it could not be asked). */
  reason?: string;
  /** Which review answered. */
  review: 'SelfSubjectAccessReview' | 'SelfSubjectRulesReview';
}

interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}

/**
 * Whether the identity may list each kind the scan reads (kubescape's `--dry-run`, kubescape#3002): cluster-wide
 * lists are asked with one SelfSubjectAccessReview each; with namespaces, one SelfSubjectRulesReview per namespace
 * answers every kind at once, unless the authorizer cannot enumerate its rules (`incomplete`, as with Azure RBAC's
 * webhook), then SelfSubjectAccessReviews are asked instead. Nothing is read.
 */
export async function preflight(
  client: KubeClient,
  kinds: readonly KubernetesKindInfo[],
  namespaces?: readonly string[],
): Promise<PermissionCheck[]> {
  const checks: PermissionCheck[] = [];
  const clusterWide = namespaces ? kinds.filter((info) => !info.namespaced) : kinds;
  for (const info of clusterWide) checks.push(await accessReview(client, info));
  for (const namespace of namespaces ?? []) {
    const namespaced = kinds.filter((info) => info.namespaced);
    const rules = await rulesReview(client, namespace);
    for (const info of namespaced) {
      if (rules === undefined) checks.push(await accessReview(client, info, namespace));
      else {
        const allowed = rules.some((rule) => grantsList(rule, info));
        checks.push({
          info,
          namespace,
          allowed,
          review: 'SelfSubjectRulesReview',
          ...(allowed ? {} : { reason: `no rule grants list on ${resourceName(info)}` }),
        });
      }
    }
  }
  return checks;
}

async function accessReview(
  client: KubeClient,
  info: KubernetesKindInfo,
  namespace?: string,
): Promise<PermissionCheck> {
  const attributes: Record<string, string> = { verb: 'list', group: info.group, resource: info.resource };
  if (namespace !== undefined) attributes.namespace = namespace;
  const check: PermissionCheck = { info, allowed: false, review: 'SelfSubjectAccessReview' };
  if (namespace !== undefined) check.namespace = namespace;
  try {
    const response = await client.send('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      method: 'POST',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: attributes },
      },
    });
    if (response.status !== 201 && response.status !== 200) {
      check.reason = `the access review failed: ${statusMessage(response)}`;
      return check;
    }
    const review = parseJson(response.body, 'selfsubjectaccessreviews');
    const status = isJsonObject(review) && isJsonObject(review.status) ? review.status : {};
    check.allowed = status.allowed === true && status.denied !== true;
    if (!check.allowed)
      check.reason =
        typeof status.reason === 'string' && status.reason !== '' ? status.reason : 'not allowed';
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    check.reason = `the access review failed: ${error.message}`;
  }
  return check;
}

/** The rules of the identity in a namespace; undefined when the review is incomplete or fails. */
async function rulesReview(client: KubeClient, namespace: string): Promise<ResourceRule[] | undefined> {
  try {
    const response = await client.send('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      method: 'POST',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        spec: { namespace },
      },
    });
    if (response.status !== 201 && response.status !== 200) return undefined;
    const review = parseJson(response.body, 'selfsubjectrulesreviews');
    const status = isJsonObject(review) && isJsonObject(review.status) ? review.status : undefined;
    if (!status || status.incomplete === true || !Array.isArray(status.resourceRules)) return undefined;
    return status.resourceRules.filter(isJsonObject).map((rule) => ({
      verbs: strings(rule.verbs),
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      resourceNames: strings(rule.resourceNames),
    }));
  } catch (error) {
    if (error instanceof RequestError) return undefined;
    throw error;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A rule grants listing a kind (RBAC matching: `*` wildcards; a rule limited by resourceNames cannot list). */
function grantsList(rule: ResourceRule, info: KubernetesKindInfo): boolean {
  return (
    rule.resourceNames.length === 0 &&
    (rule.verbs.includes('list') || rule.verbs.includes('*')) &&
    (rule.apiGroups.includes(info.group) || rule.apiGroups.includes('*')) &&
    (rule.resources.includes(info.resource) || rule.resources.includes('*'))
  );
}
