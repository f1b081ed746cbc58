import { coversEverything } from '../../engines/rbac/escalation.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { EXCEPTIONS_PARAM, LEAST_PRIVILEGE_FIX, reportBinding, reviewedBindings } from './support.js';

export default defineRule({
  id: 'RBAC-ADM-001',
  title: 'Cluster-admin granted cluster-wide',
  description:
    'A ClusterRoleBinding to cluster-admin — or to any role holding every verb on every resource — gives full control of the cluster, including Secrets, RBAC and every node. Keep it to break-glass identities; the bootstrap system:masters binding and the AKS admin-group binding are baseline (see RBAC-AKS-004). The other powers such a binding grants (Secrets, exec, impersonation ...) are folded into this finding (`evidence.implies`); `scan --no-fold` lists them one by one.',
  severity: 'critical',
  family: 'rbac',
  inputs: RBAC,
  refs: ['CIS Kubernetes 5.1.1', 'kubescape C-0035, C-0185', 'rbac-police cluster_admin'],
  fix: LEAST_PRIVILEGE_FIX,
  params: EXCEPTIONS_PARAM,
  check(ctx) {
    for (const entry of reviewedBindings(ctx)) {
      if (entry.scope !== undefined || !coversEverything(entry.role.rules)) continue;
      if (
        entry.binding.name === 'aks-cluster-admin-binding-aad' &&
        entry.binding.subjects.every((s) => s.kind === 'Group')
      )
        continue;
      const ruleIndex = entry.role.rules.findIndex((r) => coversEverything([r]));
      const request = { verb: '*', apiGroup: '*', resource: '*', namespace: '' };
      reportBinding(ctx, entry, [{ request, ruleIndex, rule: entry.role.rules[ruleIndex]! }], 'do anything');
    }
  },
});
