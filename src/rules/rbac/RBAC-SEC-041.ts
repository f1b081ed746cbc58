import { grantRule, LEAST_PRIVILEGE_FIX, worseInKubeSystem } from './support.js';

export default grantRule({
  id: 'RBAC-SEC-041',
  title: 'Subject can request ServiceAccount tokens',
  description:
    'create on serviceaccounts/token (TokenRequest) mints a token for a ServiceAccount and so acts with its rights. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.',
  severity: 'high',
  refs: ['Kubernetes RBAC good practices: token request', 'rbac-police token_request'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () => [[{ verb: 'create', apiGroup: '', resource: 'serviceaccounts', subresource: 'token' }]],
  what: 'request ServiceAccount tokens',
  severityOf: worseInKubeSystem('high'),
});
