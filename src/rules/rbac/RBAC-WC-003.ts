import { describeGroups, groupsServeWrites } from '../../engines/rbac/apiGroups.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { LEAST_PRIVILEGE_FIX, reviewedRoles } from './support.js';

export default defineRule({
  id: 'RBAC-WC-003',
  title: 'Role uses wildcards',
  description:
    'A `*` in verbs, apiGroups or resources grants every present and future verb, group or resource — including subresources such as pods/exec and kinds installed later by CRDs. ClusterRoles are reported as high, namespaced Roles as medium; a `*` limited to the read-only metrics APIs (metrics.k8s.io, custom.metrics.k8s.io, external.metrics.k8s.io, which serve get and list only) as low. The finding names what the groups serve. Unchanged bootstrap roles (cluster-admin) are baseline.',
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
        // Rated by what the groups serve: only reads, on the metrics APIs, whatever the verbs say.
        const readOnly = rule.apiGroups.length > 0 && !groupsServeWrites(rule.apiGroups);
        const scope =
          rule.nonResourceURLs.length > 0 && rule.resources.length === 0
            ? ''
            : `, in ${describeGroups(rule.apiGroups)}`;
        ctx.report({
          object,
          path: ['rules', i, field],
          key: String(i),
          message: `${role.kind} ${role.namespace ? `${role.namespace}/` : ''}${role.name} rules[${i}] uses "*" in ${fields.join(', ')}${scope}${readOnly ? ': those APIs serve reads only' : ''}`,
          severity: readOnly ? 'low' : role.kind === 'ClusterRole' ? 'high' : 'medium',
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
