import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  type GrantStatement,
  grantingAny,
  grantStatement,
  grants,
  isRoutineDelegation,
  LEAST_PRIVILEGE_FIX,
  PerRoleScope,
  RBAC_GROUP,
  rbacWrites,
  reportGrant,
  reviewedGranting,
} from './support.js';

const WRITES = [...rbacWrites('clusterrolebindings', ''), ...rbacWrites('rolebindings')];
const BINDS = [
  { verb: 'bind', apiGroup: RBAC_GROUP, resource: 'clusterroles' },
  { verb: 'bind', apiGroup: RBAC_GROUP, resource: 'roles' },
];

export default defineRule({
  id: 'RBAC-ESC-012',
  title: 'Subject can manage role bindings',
  description:
    'Writing RoleBindings or ClusterRoleBindings without `bind` is not escalation — the API server only lets a subject bind what it already holds — but it lets the subject spread its own rights to other identities and persist access. Bindings that also carry `bind` are RBAC-ESC-011. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.',
  severity: 'medium',
  family: 'rbac',
  inputs: RBAC,
  refs: ['krane subjects-with-rbac-management', 'KubiScan risky-add-rolebinding'],
  fix: LEAST_PRIVILEGE_FIX,
  params: EXCEPTIONS_PARAM,
  check(ctx) {
    // Decided once per (role, scope): nothing here depends on the binding beyond them.
    const statements = new PerRoleScope<GrantStatement | null>(ctx, (entry) => {
      if (isRoutineDelegation(entry)) return null;
      const write = grants(entry, WRITES);
      if (!write) return null;
      const bind = grants(entry, BINDS);
      if (bind) return null;
      return grantStatement(entry, [write], 'write role bindings (re-granting what they hold)');
    });
    for (const entry of reviewedGranting(ctx, grantingAny(ctx, WRITES))) {
      const statement = statements.of(entry);
      if (statement !== null) reportGrant(ctx, entry, statement);
    }
  },
});
