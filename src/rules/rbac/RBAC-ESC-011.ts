import { allowedNames } from '../../engines/rbac/escalation.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  type GrantStatement,
  grantingAny,
  grantStatement,
  grants,
  LEAST_PRIVILEGE_FIX,
  PerRoleScope,
  RBAC_GROUP,
  rbacWrites,
  reportGrant,
  reviewedGranting,
} from './support.js';

const WRITES = [...rbacWrites('clusterrolebindings', ''), ...rbacWrites('rolebindings')];

export default defineRule({
  id: 'RBAC-ESC-011',
  title: 'Subject can bind roles it does not hold (bind verb)',
  description:
    'With `bind` on a role and the right to write bindings, a subject can grant that role — to itself or anyone — without holding its permissions. `bind` limited by resourceNames covers only those roles; `resourceNames: ["*"]` is a literal name, not a wildcard, and grants nothing usable.',
  severity: 'critical',
  family: 'rbac',
  inputs: RBAC,
  refs: ['Kubernetes RBAC good practices: bind verb', 'rbac-police bind_roles', 'KubeHound ROLE_BIND'],
  fix: LEAST_PRIVILEGE_FIX,
  params: EXCEPTIONS_PARAM,
  check(ctx) {
    // Decided once per (role, scope): nothing here depends on the binding beyond them.
    const statements = new PerRoleScope<GrantStatement | null>(ctx, (entry) => {
      const write = grants(entry, WRITES);
      if (!write) return null;
      const namespace = entry.scope ?? '';
      const bindable: string[] = [];
      for (const resource of ['clusterroles', 'roles']) {
        const names = allowedNames(entry.role.rules, {
          verb: 'bind',
          apiGroup: RBAC_GROUP,
          resource,
          namespace,
        });
        if (names === 'all') bindable.push(`any ${resource}`);
        else for (const n of names) if (n !== '*') bindable.push(`${resource}/${n}`);
      }
      if (bindable.length === 0) return null;
      const bind = grants(entry, [
        {
          verb: 'bind',
          apiGroup: RBAC_GROUP,
          resource: 'clusterroles',
          name: bindable[0]!.split('/')[1] ?? '',
        },
        { verb: 'bind', apiGroup: RBAC_GROUP, resource: 'roles', name: bindable[0]!.split('/')[1] ?? '' },
      ]);
      return grantStatement(
        entry,
        bind ? [bind, write] : [write],
        `bind roles they do not hold (${bindable.join(', ')})`,
      );
    });
    for (const entry of reviewedGranting(ctx, grantingAny(ctx, WRITES))) {
      const statement = statements.of(entry);
      if (statement !== null) reportGrant(ctx, entry, statement);
    }
  },
});
