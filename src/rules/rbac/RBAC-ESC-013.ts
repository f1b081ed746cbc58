import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { hasRbacInput, rbacEngineOf, reviewedRoles } from './support.js';

const READ_VERBS = new Set(['get', 'list', 'watch']);

export default defineRule({
  id: 'RBAC-ESC-013',
  title: 'ClusterRole is aggregated into other roles',
  description:
    'A ClusterRole whose labels match an aggregationRule (e.g. `rbac.authorization.k8s.io/aggregate-to-edit: "true"`) adds its rules to that role — and so to every subject bound to admin, edit or view, in every namespace. The escalation check looks at rules, not labels: whoever may create such a ClusterRole widens all those holders. Read-only rules on resources other than Secrets (metrics-server adding metrics to view) are info.',
  severity: 'medium',
  family: 'rbac',
  inputs: RBAC,
  refs: ['Kubernetes RBAC: aggregated ClusterRoles'],
  fix: {
    manifest:
      'Remove the aggregation label, or keep only read rules in aggregated roles and review them like changes to admin/edit/view.',
  },
  check(ctx) {
    // Nothing from the input in the engine: no reviewed role, nothing to report.
    if (!hasRbacInput(ctx)) return;
    const engine = rbacEngineOf(ctx);
    const aggregators = engine.roles.filter((r) => r.aggregatedFrom !== undefined);
    for (const { role, object } of reviewedRoles(ctx)) {
      if (role.kind !== 'ClusterRole' || role.declaredRules.length === 0) continue;
      // Transitively: edit carries the aggregate-to-admin label, so what flows into edit also reaches admin.
      const reached = new Set([role.name]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const a of aggregators) {
          if (reached.has(a.name) || !a.aggregatedFrom!.some((n) => reached.has(n))) continue;
          reached.add(a.name);
          grew = true;
        }
      }
      reached.delete(role.name);
      const into = [...reached].sort();
      if (into.length === 0) continue;
      const bindings = into.reduce((n, name) => n + engine.bindingsOfRole('ClusterRole', name).length, 0);
      // Rated by what flows in: read-only rules on non-secret resources (metrics-server's
      // system:aggregated-metrics-reader adds get/list/watch on metrics to view) widen nobody's powers.
      const readOnly = role.declaredRules.every(
        (rule) =>
          rule.nonResourceURLs.length === 0 &&
          rule.verbs.every((verb) => READ_VERBS.has(verb)) &&
          !rule.resources.some((resource) => resource === '*' || resource === 'secrets'),
      );
      ctx.report({
        object,
        path: ['metadata', 'labels'],
        ...(readOnly ? { severity: 'info' as const } : {}),
        message: `ClusterRole ${role.name} adds ${role.declaredRules.length} ${readOnly ? 'read-only ' : ''}rule(s) to ${into.map((n) => `ClusterRole ${n}`).join(', ')} (${bindings} binding(s) in the input)`,
        evidence: { aggregatedInto: into, rules: role.declaredRules, bindingsOfAggregates: bindings },
      });
    }
  },
});
