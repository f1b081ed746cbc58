import type { PolicyRule } from '../../engines/rbac/types.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  type GrantStatement,
  grantStatement,
  LEAST_PRIVILEGE_FIX,
  noRoles,
  PerRoleScope,
  reportGrant,
  reviewedGranting,
  reviewedRulesArrays,
} from './support.js';

/** The first rule with a constrained impersonation verb (KEP-5284), or -1. */
function constrainedRule(rules: readonly PolicyRule[]): number {
  return rules.findIndex((r) =>
    r.verbs.some((v) => v.startsWith('impersonate:') || v.startsWith('impersonate-on:')),
  );
}

export default defineRule({
  id: 'RBAC-IMP-015',
  title: 'Role uses constrained impersonation verbs',
  description:
    'Kubernetes 1.35 adds constrained impersonation (KEP-5284): `impersonate:serviceaccount`, `impersonate:user-info`, `impersonate:node`, `impersonate:scheduled-node`, and `impersonate-on:<verb>` for the action performed. They still let the holder act as other identities; review each grant (`verbs: ["*"]` includes them and is RBAC-IMP-014).',
  severity: 'high',
  family: 'rbac',
  inputs: RBAC,
  refs: ['KEP-5284'],
  fix: LEAST_PRIVILEGE_FIX,
  params: EXCEPTIONS_PARAM,
  check(ctx) {
    // The roles (rules arrays) with a constrained impersonation verb, whatever the scope: only their bindings count.
    const impersonating = noRoles(ctx);
    for (const rules of reviewedRulesArrays(ctx)) if (constrainedRule(rules) >= 0) impersonating.add(rules);
    // Decided once per (role, scope): nothing here depends on the binding beyond them.
    const statements = new PerRoleScope<GrantStatement | null>(ctx, (entry) => {
      const ruleIndex = constrainedRule(entry.role.rules);
      const rule = entry.role.rules[ruleIndex]!;
      const verb = rule.verbs.find((v) => v.startsWith('impersonate'))!;
      const request = { verb, apiGroup: rule.apiGroups[0] ?? '', resource: rule.resources[0] ?? '' };
      return grantStatement(
        entry,
        [{ request, ruleIndex, rule }],
        `impersonate with constrained verbs (${rule.verbs.filter((v) => v.startsWith('impersonate')).join(', ')})`,
      );
    });
    for (const entry of reviewedGranting(ctx, { clusterWide: impersonating, inNamespace: impersonating })) {
      const statement = statements.of(entry);
      if (statement !== null) reportGrant(ctx, entry, statement);
    }
  },
});
