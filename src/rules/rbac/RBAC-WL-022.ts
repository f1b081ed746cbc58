import { grantRule, LEAST_PRIVILEGE_FIX, worseInKubeSystem } from './support.js';

export default grantRule({
  id: 'RBAC-WL-022',
  title: 'Subject can modify running pods',
  description:
    "update or patch on pods lets a subject swap the image of a running pod and so run code as that pod's ServiceAccount, with its mounts. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.",
  severity: 'high',
  refs: ['rbac-police modify_pods', 'KubeHound POD_PATCH'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () => [
    [{ verb: 'patch', apiGroup: '', resource: 'pods' }],
    [{ verb: 'update', apiGroup: '', resource: 'pods' }],
  ],
  what: 'modify running pods',
  severityOf: worseInKubeSystem('high'),
});
