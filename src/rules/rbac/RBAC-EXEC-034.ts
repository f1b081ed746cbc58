import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-EXEC-034',
  title: 'Subject can proxy to pods or services',
  description:
    'pods/proxy and services/proxy send HTTP requests to pods through the API server, past NetworkPolicy and with the API server as the source. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.',
  severity: 'medium',
  refs: ['Kubernetes bootstrap policy: view-escalating resources'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    ['pods', 'services'].flatMap((resource) =>
      ['get', 'create', 'update', 'patch', 'delete'].map((verb) => [
        { verb, apiGroup: '', resource, subresource: 'proxy' },
      ]),
    ),
  what: 'proxy HTTP to pods or services',
});
