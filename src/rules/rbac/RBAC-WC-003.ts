import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { LEAST_PRIVILEGE_FIX, reviewedRoles } from './support.js';

export default defineRule({
  id: 'RBAC-WC-003',
  title: 'Role uses wildcards',
  description:
    'A `*` in verbs, apiGroups or resources grants every present and future verb, group or resource — including subresources such as pods/exec and kinds installed later by CRDs. ClusterRoles are reported as high, namespaced Roles as medium. Unchanged bootstrap roles (cluster-admin) are baseline.',
  severity: 'medium',
  family: 'rbac',
  inputs: RBAC,
  refs: ['CIS Kubernetes 5.1.3', 'kubescape C-0187', 'KubiScan risky-any-verb'],
  fix: LEAST_PRIVILEGE_FIX,
  check(ctx) {
    for (const { role, object } of reviewedRoles(ctx)) {
      role.declaredRules.forEach((rule, i) => {
        const fields = (['verbs', 'apiGroups', 'resources'] as const).filter((f) => rule[f].includes('*'));
        if (fields.length === 0) return;
        const field = fields[0]!;
        ctx.report({
          object,
          path: ['rules', i, field],
          key: String(i),
          message: `${role.kind} ${role.namespace ? `${role.namespace}/` : ''}${role.name} rules[${i}] uses "*" in ${fields.join(', ')}`,
          severity: role.kind === 'ClusterRole' ? 'high' : 'medium',
          evidence: {
            role: { kind: role.kind, name: role.name, namespace: role.namespace },
            ruleIndex: i,
            rule,
            wildcards: fields,
          },
        });
      });
    }
  },
});
