import { grantRule, LEAST_PRIVILEGE_FIX, RBAC_GROUP } from './support.js';

export default grantRule({
  id: 'RBAC-ESC-010',
  title: 'Subject can escalate roles (escalate verb)',
  description:
    "The `escalate` verb on roles or clusterroles lifts the API server's escalation check: the holder can write any rule into a role, including ones it does not hold, and so reach every permission of the scope.",
  severity: 'critical',
  refs: [
    'Kubernetes RBAC good practices: escalate verb',
    'CIS Kubernetes 5.1.8',
    'rbac-police escalate_roles',
  ],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () => [
    [{ verb: 'escalate', apiGroup: RBAC_GROUP, resource: 'clusterroles', namespace: '' }],
    [{ verb: 'escalate', apiGroup: RBAC_GROUP, resource: 'roles' }],
  ],
  what: 'escalate (rewrite roles beyond their own rights)',
});
