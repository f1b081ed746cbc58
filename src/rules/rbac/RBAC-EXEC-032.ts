import { grantRule, LEAST_PRIVILEGE_FIX, worseInKubeSystem } from './support.js';

export default grantRule({
  id: 'RBAC-EXEC-032',
  title: 'Subject can add ephemeral containers to pods',
  description:
    'update or patch on pods/ephemeralcontainers (kubectl debug) adds a container of any image to a running pod, sharing its namespaces, volumes and ServiceAccount.',
  severity: 'high',
  refs: ['rbac-police pods_ephemeral_ctrs', 'kubescape C-0298'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    ['patch', 'update'].map((verb) => [
      { verb, apiGroup: '', resource: 'pods', subresource: 'ephemeralcontainers' },
    ]),
  what: 'add ephemeral containers to running pods',
  severityOf: worseInKubeSystem('high'),
});
