import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  grants,
  isRoutineDelegation,
  LEAST_PRIVILEGE_FIX,
  RBAC_GROUP,
  rbacWrites,
  reportBinding,
  reviewedBindings,
} from './support.js';

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
    for (const entry of reviewedBindings(ctx)) {
      if (isRoutineDelegation(entry)) continue;
      const write = grants(entry, [...rbacWrites('clusterrolebindings', ''), ...rbacWrites('rolebindings')]);
      if (!write) continue;
      const bind = grants(entry, [
        { verb: 'bind', apiGroup: RBAC_GROUP, resource: 'clusterroles' },
        { verb: 'bind', apiGroup: RBAC_GROUP, resource: 'roles' },
      ]);
      if (bind) continue;
      reportBinding(ctx, entry, [write], 'write role bindings (re-granting what they hold)');
    }
  },
});
