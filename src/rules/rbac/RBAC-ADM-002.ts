import { coversEverything } from '../../engines/rbac/escalation.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  grantFilter,
  grants,
  LEAST_PRIVILEGE_FIX,
  RBAC_GROUP,
  reportBinding,
  reviewedBindings,
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
    const mayCreateRoles = grantFilter(ctx, CREATE_ROLES);
    const mayCreateBindings = grantFilter(ctx, CREATE_BINDINGS);
    for (const entry of reviewedBindings(ctx)) {
      if (entry.scope === undefined) continue;
      const full = coversEverything(entry.role.rules);
      if (!full && !(mayCreateRoles(entry) && mayCreateBindings(entry))) continue;
      const roles = grants(entry, CREATE_ROLES);
      const bindings = grants(entry, CREATE_BINDINGS);
      if (!full && !(roles && bindings)) continue;
      const hits = full
        ? [
            {
              request: { verb: '*', apiGroup: '*', resource: '*', namespace: entry.scope },
              ruleIndex: entry.role.rules.findIndex((r) => coversEverything([r])),
              rule: entry.role.rules.find((r) => coversEverything([r]))!,
            },
          ]
        : [roles!, bindings!];
      reportBinding(
        ctx,
        entry,
        hits,
        'administer the namespace (including its RBAC)',
        entry.scope === 'kube-system' ? 'critical' : undefined,
      );
    }
  },
});
