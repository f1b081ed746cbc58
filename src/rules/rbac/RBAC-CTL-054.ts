import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-CTL-054',
  title: 'Subject can change CustomResourceDefinitions',
  description:
    'Writing CRDs adds or changes API types cluster-wide (schemas, conversion webhooks) and can break or hijack the controllers that rely on them.',
  severity: 'medium',
  refs: ['rbac-tool CRDs'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    ['create', 'update', 'patch'].map((verb) => [
      { verb, apiGroup: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', namespace: '' },
    ]),
  what: 'write CustomResourceDefinitions',
});
