import { formatResource } from '../../model/finding.js';
import { refOf } from '../../model/k8s.js';
import { defineRule } from '../defineRule.js';
import { RBAC_ESCALATION } from '../inputs.js';
import {
  chainEvidence,
  describeBinding,
  escalationOf,
  grants,
  hasRbacInput,
  type ReviewedBinding,
  reviewedBindings,
} from './support.js';

/** Whether the pod gets its ServiceAccount token: the pod setting wins over the ServiceAccount's (upstream). */
function tokenMounted(podValue: unknown, saValue: unknown): boolean {
  if (typeof podValue === 'boolean') return podValue;
  return saValue !== false;
}

export default defineRule({
  id: 'RBAC-WK-080',
  title: 'Workload runs with a ServiceAccount that can take over the cluster',
  description:
    'Whoever compromises a container holds its ServiceAccount token. When that ServiceAccount reads every Secret of the cluster, or reaches cluster-admin power — directly or through an escalation path (pod creation, token theft, bind/escalate, impersonation, nodes/proxy) — the workload is a trampoline to the whole cluster. A DaemonSet runs on every node, so any node compromise gives that power (critical).',
  severity: 'high',
  family: 'rbac',
  inputs: RBAC_ESCALATION,
  refs: ['kubescape C-0267, C-0272', 'rbac-police --only-sas-on-all-nodes'],
  fix: {
    manifest:
      'Give the workload its own ServiceAccount with only the rights it needs, or set automountServiceAccountToken: false when it does not call the API.',
  },
  check(ctx) {
    const templates = ctx.inventory.podTemplates;
    if (templates.length === 0) return;
    // Nothing from the input in the engine: no binding, no ServiceAccount in a privileged group, so no escalation
    // path (EscalationGraph.analyse finds none) and no Secret reader.
    if (!hasRbacInput(ctx)) return;
    const { graph, distances } = escalationOf(ctx);
    // ServiceAccounts that read Secrets cluster-wide through a reviewed (non-baseline, non-excepted) binding.
    const secretReaders = new Map<string, ReviewedBinding>();
    for (const entry of reviewedBindings(ctx)) {
      if (entry.scope !== undefined) continue;
      if (
        !grants(
          entry,
          ['get', 'list', 'watch'].map((verb) => ({ verb, apiGroup: '', resource: 'secrets' })),
        )
      )
        continue;
      for (const s of entry.binding.subjects)
        if (s.kind === 'ServiceAccount' && s.namespace && !secretReaders.has(`${s.namespace}/${s.name}`))
          secretReaders.set(`${s.namespace}/${s.name}`, entry);
    }
    const accounts = new Map<string, unknown>();
    for (const sa of ctx.inventory.byKind.get('ServiceAccount') ?? [])
      accounts.set(`${sa.namespace}/${sa.metadata.name}`, sa.raw.automountServiceAccountToken);
    for (const template of templates) {
      const namespace = template.owner.namespace;
      if (!namespace) continue;
      const named = template.spec.serviceAccountName ?? template.spec.serviceAccount;
      const sa = typeof named === 'string' && named ? named : 'default';
      if (!tokenMounted(template.spec.automountServiceAccountToken, accounts.get(`${namespace}/${sa}`)))
        continue;
      const id = `ServiceAccount:${namespace}:${sa}`;
      const steps = distances.get(id);
      const secrets = steps === undefined ? secretReaders.get(`${namespace}/${sa}`) : undefined;
      if (steps === undefined && !secrets) continue;
      const path = steps === undefined ? undefined : graph.pathOf(id);
      const chain = path?.steps.map((s) => `[${s.primitive}] ${s.description} → ${s.to}`) ?? [];
      const daemon = template.owner.kind === 'DaemonSet';
      ctx.report({
        object: template.owner,
        path: [
          ...template.specPath,
          typeof named === 'string'
            ? template.spec.serviceAccountName !== undefined
              ? 'serviceAccountName'
              : 'serviceAccount'
            : 'containers',
        ],
        message:
          steps !== undefined
            ? `${formatResource(refOf(template.owner))} runs as ServiceAccount ${namespace}/${sa}, which reaches cluster-admin power in ${steps} step${steps === 1 ? '' : 's'}${daemon ? ' (on every node)' : ''}: ${chain.join('; ')}`
            : `${formatResource(refOf(template.owner))} runs as ServiceAccount ${namespace}/${sa}, which can read every Secret of the cluster${daemon ? ' (on every node)' : ''} through ${describeBinding(secrets!.binding)}`,
        severity: daemon ? 'critical' : 'high',
        evidence: {
          serviceAccount: { namespace, name: sa },
          ...(secrets ? { readsAllSecrets: chainEvidence(secrets, []) } : { steps }),
          path: path?.steps.map((s) => ({
            primitive: s.primitive,
            from: s.from,
            to: s.to,
            requests: s.requests,
          })),
        },
      });
    }
  },
});
