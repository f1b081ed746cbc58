import { coversEverything } from '../../engines/rbac/escalation.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  type GrantStatement,
  grantingRoles,
  grantStatement,
  grants,
  LEAST_PRIVILEGE_FIX,
  noRoles,
  PerRoleScope,
  RBAC_GROUP,
  reportGrant,
  reviewedGranting,
  reviewedRulesArrays,
} from './support.js';

const CREATE_ROLES = [{ verb: 'create', apiGroup: RBAC_GROUP, resource: 'roles' }];
const CREATE_BINDINGS = [{ verb: 'create', apiGroup: RBAC_GROUP, resource: 'rolebindings' }];

export default defineRule({
  id: 'RBAC-ADM-002',
  title: 'Namespace administration granted',
  description:
    'A RoleBinding to cluster-admin, admin or an equivalent role gives full control of a namespace, including its RBAC (roles and role bindings), Secrets and workloads. In kube-system that is control of the cluster.',
  severity: 'high',
  family: 'rbac',
  inputs: RBAC,
  refs: ['Kubernetes RBAC good practices: user-facing roles', 'krane subjects-with-open-ns-level-access'],
  fix: LEAST_PRIVILEGE_FIX,
  params: EXCEPTIONS_PARAM,
  check(ctx) {
    // Namespaced bindings of roles holding everything, or creating both Roles and RoleBindings in a namespace.
    const inNamespace = grantingRoles(ctx, [[...CREATE_ROLES, ...CREATE_BINDINGS]]).inNamespace;
    for (const rules of reviewedRulesArrays(ctx)) if (coversEverything(rules)) inNamespace.add(rules);
    // Decided once per (role, scope): nothing here depends on the binding beyond them.
    const statements = new PerRoleScope<GrantStatement | null>(ctx, (entry) => {
      const full = coversEverything(entry.role.rules);
      const roles = grants(entry, CREATE_ROLES);
      const bindings = grants(entry, CREATE_BINDINGS);
      if (!full && !(roles && bindings)) return null;
      const hits = full
        ? [
            {
              request: { verb: '*', apiGroup: '*', resource: '*', namespace: entry.scope },
              ruleIndex: entry.role.rules.findIndex((r) => coversEverything([r])),
              rule: entry.role.rules.find((r) => coversEverything([r]))!,
            },
          ]
        : [roles!, bindings!];
      return grantStatement(entry, hits, 'administer the namespace (including its RBAC)');
    });
    for (const entry of reviewedGranting(ctx, { clusterWide: noRoles(ctx), inNamespace })) {
      const statement = statements.of(entry);
      if (statement !== null)
        reportGrant(ctx, entry, statement, entry.scope === 'kube-system' ? 'critical' : undefined);
    }
  },
});
