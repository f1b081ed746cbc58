import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  type GrantStatement,
  grantStatement,
  LEAST_PRIVILEGE_FIX,
  PerRoleScope,
  reportGrant,
  reviewedBindings,
} from './support.js';

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
    // Decided once per (role, scope): nothing here depends on the binding beyond them.
    const statements = new PerRoleScope<GrantStatement | null>(ctx, (entry) => {
      const ruleIndex = entry.role.rules.findIndex((r) =>
        r.verbs.some((v) => v.startsWith('impersonate:') || v.startsWith('impersonate-on:')),
      );
      if (ruleIndex < 0) return null;
      const rule = entry.role.rules[ruleIndex]!;
      const verb = rule.verbs.find((v) => v.startsWith('impersonate'))!;
      const request = { verb, apiGroup: rule.apiGroups[0] ?? '', resource: rule.resources[0] ?? '' };
      return grantStatement(
        entry,
        [{ request, ruleIndex, rule }],
        `impersonate with constrained verbs (${rule.verbs.filter((v) => v.startsWith('impersonate')).join(', ')})`,
      );
    });
    for (const entry of reviewedBindings(ctx)) {
      const statement = statements.of(entry);
      if (statement !== null) reportGrant(ctx, entry, statement);
    }
  },
});
