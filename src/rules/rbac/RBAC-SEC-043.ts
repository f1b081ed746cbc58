import { podStreamVerbSets } from '../../engines/rbac/version.js';
import { formatResource } from '../../model/finding.js';
import { type K8sObject, refOf } from '../../model/k8s.js';
import type { RuleContext } from '../defineRule.js';
import { defineRule } from '../defineRule.js';
import { RBAC_ESCALATION } from '../inputs.js';
import {
  chainEvidence,
  describeBinding,
  describeSubjects,
  EXCEPTIONS_PARAM,
  grants,
  type Hit,
  hasRbacInput,
  k8sVersionOf,
  type ReviewedBinding,
  rbacEngineOf,
  reviewedBindings,
  scopeText,
} from './support.js';

// Token theft (KubeHound TOKEN_STEAL): a shell in a running container reads the ServiceAccount token mounted at
// /var/run/secrets/kubernetes.io/serviceaccount/token and acts as that ServiceAccount.

interface TokenHolder {
  namespace: string;
  serviceAccount: string;
  owner: K8sObject;
  /** Bindings naming the ServiceAccount as a subject (what the stolen token is worth). */
  bindings: string[];
}

/** The pod's automountServiceAccountToken wins over the ServiceAccount's; both default to true (upstream). */
function tokenMounted(podValue: unknown, saValue: unknown): boolean {
  if (typeof podValue === 'boolean') return podValue;
  return saValue !== false;
}

/** Running workloads, by namespace, that mount the token of a ServiceAccount holding RBAC bindings. */
function tokenHolders(ctx: RuleContext): Map<string, TokenHolder[]> {
  return ctx.memo('rbac.tokenHolders', () => {
    // Nothing from the input in the engine: no binding, so no ServiceAccount is bound by one.
    // Without a running workload no token is within reach: the bindings are not indexed for nothing.
    if (!hasRbacInput(ctx) || ctx.inventory.podTemplates.length === 0)
      return new Map<string, TokenHolder[]>();
    const engine = rbacEngineOf(ctx);
    const boundBy = new Map<string, string[]>();
    for (const binding of engine.bindings) {
      const role = engine.resolve(binding).role;
      if (!role || role.rules.length === 0) continue;
      for (const s of binding.subjects) {
        if (s.kind !== 'ServiceAccount') continue;
        const key = `${s.namespace || binding.namespace || ''}/${s.name}`;
        const list = boundBy.get(key) ?? [];
        list.push(`${describeBinding(binding)} → ${role.kind} ${role.name}`);
        boundBy.set(key, list);
      }
    }
    const automount = new Map<string, unknown>();
    for (const sa of ctx.inventory.byKind.get('ServiceAccount') ?? [])
      automount.set(`${sa.namespace}/${sa.metadata.name}`, sa.raw.automountServiceAccountToken);
    const out = new Map<string, TokenHolder[]>();
    for (const template of ctx.inventory.podTemplates) {
      const namespace = template.owner.namespace;
      if (!namespace) continue;
      const named = template.spec.serviceAccountName ?? template.spec.serviceAccount;
      const serviceAccount = typeof named === 'string' && named ? named : 'default';
      const key = `${namespace}/${serviceAccount}`;
      const bindings = boundBy.get(key);
      if (!bindings) continue;
      if (!tokenMounted(template.spec.automountServiceAccountToken, automount.get(key))) continue;
      const list = out.get(namespace) ?? [];
      list.push({ namespace, serviceAccount, owner: template.owner, bindings });
      out.set(namespace, list);
    }
    return out;
  });
}

const pods = (verb: string, subresource?: string, namespace?: string) => ({
  verb,
  apiGroup: '',
  resource: 'pods',
  ...(subresource ? { subresource } : {}),
  ...(namespace !== undefined ? { namespace } : {}),
});

/** The first way into running containers the binding grants in the namespace: exec, attach, ephemeral containers. */
function containerAccess(
  ctx: RuleContext,
  entry: ReviewedBinding,
  namespace: string,
): { hit: Hit; how: string } | undefined {
  const verbSets = podStreamVerbSets(k8sVersionOf(ctx));
  for (const [subresource, how] of [
    ['exec', 'exec into'],
    ['attach', 'attach to'],
  ] as const) {
    for (const verbs of verbSets) {
      const hits = verbs.map((verb) => grants(entry, [pods(verb, subresource, namespace)]));
      if (hits.every((h) => h !== undefined)) return { hit: hits[0]!, how };
    }
  }
  for (const verb of ['patch', 'update']) {
    const hit = grants(entry, [pods(verb, 'ephemeralcontainers', namespace)]);
    if (hit) return { hit, how: 'add an ephemeral container to' };
  }
  return undefined;
}

export default defineRule({
  id: 'RBAC-SEC-043',
  title: 'Subject can steal ServiceAccount tokens from running pods',
  description:
    'Whoever can exec into, attach to or add an ephemeral container to a running pod reads the ServiceAccount token mounted in it and acts as that ServiceAccount. This rule names the tokens within reach: running workloads (from the manifests) in the namespaces where a binding grants such access, whose ServiceAccount holds RBAC bindings and whose token is mounted (automountServiceAccountToken not false). Bindings that may also create pods there are left to RBAC-WL-020 (they can run as any ServiceAccount anyway); nodes/proxy is RBAC-NODE-035.',
  severity: 'medium',
  family: 'rbac',
  inputs: RBAC_ESCALATION,
  refs: ['KubeHound TOKEN_STEAL', 'rbac-police obtain_token_weak_ns'],
  params: EXCEPTIONS_PARAM,
  fix: {
    manifest:
      'Set automountServiceAccountToken: false on workloads that do not call the API, give the others their own least-privileged ServiceAccount, and grant pods/exec, pods/attach and pods/ephemeralcontainers only where debugging is needed.',
  },
  check(ctx) {
    const holders = tokenHolders(ctx);
    if (holders.size === 0) return;
    for (const entry of reviewedBindings(ctx)) {
      const namespaces = entry.scope !== undefined ? [entry.scope] : [...holders.keys()].sort();
      const self = new Set(
        entry.binding.subjects
          .filter((s) => s.kind === 'ServiceAccount')
          .map((s) => `${s.namespace || entry.scope || ''}/${s.name}`),
      );
      const reached: { holder: TokenHolder; hit: Hit; how: string }[] = [];
      for (const namespace of namespaces) {
        const here = (holders.get(namespace) ?? []).filter(
          (h) => !self.has(`${h.namespace}/${h.serviceAccount}`),
        );
        if (here.length === 0) continue;
        if (grants(entry, [pods('create', undefined, namespace)])) continue;
        const access = containerAccess(ctx, entry, namespace);
        if (!access) continue;
        for (const holder of here) {
          // Limited by resourceNames: only bare Pods of those names are reachable.
          if (
            access.hit.names &&
            !(holder.owner.kind === 'Pod' && access.hit.names.includes(holder.owner.metadata.name))
          )
            continue;
          reached.push({ holder, ...access });
        }
      }
      if (reached.length === 0) continue;
      const first = reached[0]!;
      const accounts = [...new Set(reached.map((r) => `${r.holder.namespace}/${r.holder.serviceAccount}`))];
      const shown =
        accounts.slice(0, 5).join(', ') + (accounts.length > 5 ? ` and ${accounts.length - 5} more` : '');
      ctx.report({
        object: entry.object,
        path: ['roleRef'],
        message: `${describeBinding(entry.binding)} lets ${describeSubjects(entry.binding)} ${first.how} running pods ${scopeText(entry)} and take the token of ServiceAccount${accounts.length === 1 ? '' : 's'} ${shown} (${entry.role.kind} ${entry.role.name}, rules[${first.hit.ruleIndex}])`,
        evidence: {
          ...chainEvidence(entry, [first.hit]),
          tokens: reached.map((r) => ({
            serviceAccount: `${r.holder.namespace}/${r.holder.serviceAccount}`,
            workload: formatResource(refOf(r.holder.owner)),
            via: r.how,
            boundBy: r.holder.bindings,
          })),
        },
      });
    }
  },
});
