import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-WL-024',
  title: 'Subject can relabel namespaces',
  description:
    'patch or update on namespaces changes their labels: `pod-security.kubernetes.io/enforce` (lifting Pod Security) and the labels NetworkPolicies select on. A RoleBinding can do it for its own namespace (the request for /api/v1/namespaces/N is in namespace N).',
  severity: 'high',
  refs: ['Kubernetes RBAC good practices: namespace modification', 'IceKube PATCH_NAMESPACE_TO_BYPASS_PSA'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    ['patch', 'update'].flatMap((verb) => [
      [{ verb, apiGroup: '', resource: 'namespaces', namespace: '' }],
      [{ verb, apiGroup: '', resource: 'namespaces' }],
    ]),
  what: 'relabel namespaces (Pod Security, NetworkPolicy selectors)',
});
