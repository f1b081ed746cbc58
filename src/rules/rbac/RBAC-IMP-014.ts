import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-IMP-014',
  title: 'Subject can impersonate users, groups or ServiceAccounts',
  description:
    'The `impersonate` verb lets a subject act as another identity. On users and groups it reaches any identity, including the `system:masters` group that bypasses RBAC; on ServiceAccounts it takes their rights. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.',
  severity: 'critical',
  refs: ['Kubernetes RBAC good practices: impersonate verb', 'kubescape C-0065', 'rbac-police impersonate'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () => [
    [{ verb: 'impersonate', apiGroup: '', resource: 'groups', namespace: '' }],
    [{ verb: 'impersonate', apiGroup: '', resource: 'users', namespace: '' }],
    [{ verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts' }],
    [{ verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'uids', namespace: '' }],
  ],
  what: 'impersonate other identities',
});
